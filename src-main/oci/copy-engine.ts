// The copy engine of "sync now": copies tagged artifacts (images, multi-arch indexes, Helm charts)
// from one registry to another. Blobs first — each checked on the target, mounted from another
// repository of it, or streamed through the shared bandwidth cap — then manifests, children before
// their index and the tag last, so a cancelled or failed run never leaves a tag naming missing
// content. One artifact's failure does not stop the others.
import { setMaxListeners } from 'node:events';
import type { Readable } from 'node:stream';
import { type Clock, systemClock } from '../base/clock.js';
import { decideArtifact, type ArtifactOutcome, manifestPushOrder, uniqueBy } from '../domain/copy-plan.js';
import { childManifests, type Descriptor, referencedBlobs } from '../domain/oci-manifest.js';
import { throttled, TokenBucket } from './bandwidth.js';
import { type BlobRequest, BlobTransfers } from './blob-transfers.js';
import { type CopyProgress, ProgressReporter } from './copy-progress.js';
import { Limiter } from './limiter.js';
import { RepoClaims } from './repo-claims.js';
import type { FetchedManifest, RegistryClient } from './registry-client.js';
import { RegistryError } from './registry-error.js';

export interface CopyArtifact {
  source: { client: RegistryClient; repo: string; reference: string };
  /**
   * `claimKey`: names the target repository app-wide (e.g. `<registry>/<repo>`); artifacts of
   * different runs with the same key never write at once (see RepoClaims).
   */
  target: { client: RegistryClient; repo: string; tag: string; claimKey?: string };
  /** Replace a target tag that names another digest (else it is kept). */
  override: boolean;
}

export interface ArtifactResult {
  outcome: ArtifactOutcome;
  /** The source manifest's digest, when it could be read. */
  digest?: string;
  /** Blob bytes this artifact sent (a blob shared with another artifact counts once, for the first). */
  bytesSent: number;
  error?: RegistryError;
  /** When work on it started and ended (the clock's ms); no start when it never started (cancelled). */
  startedAt?: number;
  endedAt: number;
}

export type { CopyProgress };

/** What is shared by every run of one engine: blob slots, the bandwidth cap, blob dedup, repository claims. */
export interface CopyEngineSharedOptions {
  /** Blob transfers at once, across all artifacts of every run. */
  concurrency?: number;
  /** Runs copying at once (the others are queued, in order). */
  runConcurrency?: number;
  /** The whole engine's cap in bytes per second; none when absent or 0 (changeable: setBytesPerSecond). */
  bytesPerSecond?: number;
  clock?: Clock;
}

/** What one run (one call of `copy`) chooses. */
export interface CopyRunOptions {
  /** Artifacts of this run worked on at once. */
  artifactConcurrency?: number;
  /** Called at most every `progressIntervalMs` while bytes flow, and at every finished artifact. */
  onProgress?: (progress: CopyProgress) => void;
  progressIntervalMs?: number;
  /** A blob the target lacks is about to be sent: its size (what is left grows by it). */
  onBlobNeeded?: (size: number) => void;
  /** True while the run only waits for other runs writing into its target repositories. */
  onQueued?: (queued: boolean) => void;
  /** Called as each artifact ends, with its index in the run's list. */
  onArtifact?: (index: number, result: ArtifactResult) => void;
}

export type CopyEngineOptions = CopyEngineSharedOptions & CopyRunOptions;

/**
 * One engine for the whole app: runs copied through it share one blob limiter, one bandwidth
 * bucket (whose rate can change while they run), one BlobTransfers (a blob needed by several runs
 * is sent once, never twice at once) and the repository claims.
 */
export class CopyEngine {
  readonly #clock: Clock;
  readonly #blobLimiter: Limiter;
  readonly #runSlots: Limiter;
  readonly #bucket: TokenBucket;
  #transfers: BlobTransfers;
  readonly #claims = new RepoClaims();
  /** Runs copying now; what the engine knows of targets' blobs is forgotten when none is. */
  #active = 0;

  constructor(options: CopyEngineSharedOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#blobLimiter = new Limiter(options.concurrency ?? 4);
    this.#runSlots = new Limiter(options.runConcurrency ?? 4);
    const rate = options.bytesPerSecond ?? 0;
    this.#bucket = rate > 0 ? new TokenBucket(rate, this.#clock) : TokenBucket.changeable(0, this.#clock);
    this.#transfers = this.#newTransfers();
  }

  #newTransfers(): BlobTransfers {
    const bucket = this.#bucket;
    return new BlobTransfers((request, uploadUrl) =>
      this.#blobLimiter.run(() => streamBlob(request, uploadUrl, bucket), request.signal),
    );
  }

  /** The cap for every run, those running included; 0 = none. */
  setBytesPerSecond(bytesPerSecond: number): void {
    this.#bucket.setRate(bytesPerSecond);
  }

  get bytesPerSecond(): number {
    return this.#bucket.rate;
  }

  /** Copies one run's artifacts; one artifact's failure does not stop the others. */
  async copy(
    artifacts: readonly CopyArtifact[],
    options: CopyRunOptions = {},
    outerSignal?: AbortSignal,
  ): Promise<ArtifactResult[]> {
    // The run's own signal, followed by every request of the run (more listeners than Node's default warns at).
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const cancel = (): void => controller.abort();
    if (outerSignal?.aborted) cancel();
    outerSignal?.addEventListener('abort', cancel, { once: true });
    this.#active += 1;
    try {
      const waits = this.#runSlots.full;
      const slot = { taken: false };
      if (waits) options.onQueued?.(true);
      return await this.#runSlots
        .run(async () => {
          slot.taken = true;
          if (waits) options.onQueued?.(false);
          return this.#run(artifacts, options, controller.signal);
        }, controller.signal)
        .catch((error: unknown) => {
          // Cancelled while waiting for a slot: each artifact ends as the engine says (ABORTED).
          if (slot.taken || !controller.signal.aborted) throw error;
          return this.#run(artifacts, options, controller.signal);
        });
    } finally {
      outerSignal?.removeEventListener('abort', cancel);
      this.#active -= 1;
      // Which target repositories hold which blobs is trusted while runs share it, not for later
      // (a registry's garbage collection may remove a blob between two runs).
      if (this.#active === 0) this.#transfers = this.#newTransfers();
    }
  }

  async #run(
    artifacts: readonly CopyArtifact[],
    options: CopyRunOptions,
    signal: AbortSignal,
  ): Promise<ArtifactResult[]> {
    const clock = this.#clock;
    const owner = Symbol('run');
    const artifactLimiter = new Limiter(options.artifactConcurrency ?? 4);
    const progress = new ProgressReporter(artifacts.length, clock, options.onProgress, options.progressIntervalMs);
    const transfers = this.#transfers;
    // Queued: some artifacts wait for another run's claim on their repository and none is copying.
    const claims = { waiting: 0, copying: 0, queued: false };
    const tell = (): void => {
      const queued = claims.waiting > 0 && claims.copying === 0;
      if (queued === claims.queued) return;
      claims.queued = queued;
      options.onQueued?.(queued);
    };
    const claimed = async <T>(key: string, task: () => Promise<T>): Promise<T> => {
      const seat = { waiting: false };
      const stopWaiting = (): void => {
        if (!seat.waiting) return;
        seat.waiting = false;
        claims.waiting -= 1;
      };
      try {
        return await this.#claims.run(
          key,
          owner,
          async () => {
            stopWaiting();
            claims.copying += 1;
            tell();
            try {
              return await task();
            } finally {
              claims.copying -= 1;
            }
          },
          signal,
          () => {
            seat.waiting = true;
            claims.waiting += 1;
            tell();
          },
        );
      } finally {
        stopWaiting();
        tell();
      }
    };
    const results = await Promise.all(
      artifacts.map(async (artifact, index): Promise<ArtifactResult> => {
        const sent = { bytes: 0 };
        const hooks: BlobHooks = {
          onBytes: (bytes) => {
            sent.bytes += bytes;
            progress.bytes(bytes);
          },
          onPushStart: (size) => options.onBlobNeeded?.(size),
        };
        let digest: string | undefined;
        let startedAt: number | undefined;
        let result: ArtifactResult;
        try {
          const work = (): Promise<Exclude<ArtifactOutcome, 'failed'>> => {
            startedAt = clock.now();
            return copyOne(artifact, transfers, signal, hooks, (d) => {
              digest = d;
            });
          };
          const claimKey = artifact.target.claimKey;
          const outcome = await artifactLimiter.run(() => (claimKey ? claimed(claimKey, work) : work()), signal);
          result = { outcome, bytesSent: sent.bytes, endedAt: clock.now() };
        } catch (error) {
          result = {
            outcome: 'failed',
            bytesSent: sent.bytes,
            error: asRegistryError(error, signal),
            endedAt: clock.now(),
          };
        }
        if (digest) result.digest = digest;
        if (startedAt !== undefined) result.startedAt = startedAt;
        progress.artifactDone();
        options.onArtifact?.(index, result);
        return result;
      }),
    );
    progress.flush();
    return results;
  }
}

/** A run of its own engine (nothing shared with other calls). */
export function copyArtifacts(
  artifacts: readonly CopyArtifact[],
  options: CopyEngineOptions = {},
  outerSignal?: AbortSignal,
): Promise<ArtifactResult[]> {
  return new CopyEngine(options).copy(artifacts, options, outerSignal);
}

interface BlobHooks {
  onBytes: (bytes: number) => void;
  onPushStart: (size: number) => void;
}

async function copyOne(
  artifact: CopyArtifact,
  transfers: BlobTransfers,
  signal: AbortSignal,
  hooks: BlobHooks,
  onDigest: (digest: string) => void,
): Promise<Exclude<ArtifactOutcome, 'failed'>> {
  const { source, target } = artifact;
  const top = await source.client.getManifest(source.repo, source.reference, signal);
  onDigest(top.digest);
  const existing = await target.client.headManifest(target.repo, target.tag, signal);
  const decision = decideArtifact(top.digest, existing?.digest, artifact.override);
  if (decision !== 'copy') return decision;

  // Children of an index, each once, fetched by digest; those the target has already are skipped.
  const children = uniqueBy(childManifests(top.manifest), (c) => c.digest).filter((c) => c.digest !== top.digest);
  const fetched = new Map<string, FetchedManifest>([[top.digest, top]]);
  await allOrFirstError(
    children.map(async (child) => {
      if ((await target.client.headManifest(target.repo, child.digest, signal))?.digest === child.digest) return;
      fetched.set(child.digest, await source.client.getManifest(source.repo, child.digest, signal));
    }),
  );

  const blobs = uniqueBy(
    [...fetched.values()].flatMap((m) => referencedBlobs(m.manifest)),
    (b: Descriptor) => b.digest,
  );
  await allOrFirstError(
    blobs.map((blob) =>
      transfers.ensure({
        target: target.client,
        repo: target.repo,
        digest: blob.digest,
        size: blob.size,
        source: { client: source.client, repo: source.repo },
        signal,
        onBytes: hooks.onBytes,
        onPushStart: hooks.onPushStart,
      }),
    ),
  );

  for (const digest of manifestPushOrder(
    top.digest,
    children.map((c) => c.digest),
  )) {
    const manifest = fetched.get(digest);
    if (!manifest) continue; // a child the target already holds
    const reference = digest === top.digest ? target.tag : digest;
    await target.client.putManifest(target.repo, reference, manifest.mediaType, manifest.bytes, signal);
  }
  return 'copied';
}

/** One blob from its source through the bandwidth cap; a dropped upload reopens the source. */
async function streamBlob(
  request: BlobRequest,
  uploadUrl: string | undefined,
  bucket: TokenBucket | undefined,
): Promise<void> {
  const { source, target, repo, digest, size, signal, onBytes } = request;
  const opened: Readable[] = [];
  const open = async (): Promise<AsyncIterable<Uint8Array>> => {
    const pulled = await source.client.pullBlob(source.repo, digest, signal, size);
    // The iterator reports the stream's errors; a stream the push never reached must not throw them.
    pulled.on('error', () => undefined);
    opened.push(pulled);
    return throttled(pulled, bucket, onBytes, signal);
  };
  try {
    await target.pushBlob(repo, digest, size, open, signal, uploadUrl);
  } finally {
    // A download the push gave up on (failed, cancelled, or replaced by a reopened one) ends here.
    for (const stream of opened) stream.destroy();
  }
}

/** Waits for every task (none left running behind the caller's back), then throws the first failure. */
async function allOrFirstError(tasks: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

function asRegistryError(error: unknown, signal: AbortSignal): RegistryError {
  if (signal.aborted) return new RegistryError(0, 'ABORTED', 'cancelled');
  if (error instanceof RegistryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RegistryError(0, 'UNKNOWN', message.slice(0, 300));
}
