// Getting one blob into one repository of a target registry, once per digest per registry however
// many artifacts need it: work on a digest is chained behind the transfer already under way, so
// the same blob is never pushed twice at once, and the second repository mounts it from the first.
import type { RegistryClient } from './registry-client.js';

export interface BlobSourceRef {
  client: RegistryClient;
  repo: string;
}

export interface BlobRequest {
  target: RegistryClient;
  repo: string;
  digest: string;
  size: number;
  source: BlobSourceRef;
  signal: AbortSignal;
  /** Bytes sent of this blob, as they go. */
  onBytes: (bytes: number) => void;
  /** The target lacks the blob and it is about to be sent (its size counts toward what is left). */
  onPushStart?: (size: number) => void;
}

export type BlobOutcome = 'present' | 'mounted' | 'pushed';

/** Streams the blob from its source into the target (the engine's limiter and bandwidth cap). */
export type PushBlob = (request: BlobRequest, uploadUrl: string | undefined) => Promise<void>;

export class BlobTransfers {
  /** Per target registry: digest → the latest work on it (chained). */
  private readonly inFlight = new Map<RegistryClient, Map<string, Promise<unknown>>>();
  /** Per target registry: digest → repositories known to hold it. */
  private readonly known = new Map<RegistryClient, Map<string, Set<string>>>();

  constructor(private readonly push: PushBlob) {}

  /** Makes sure `request.repo` on the target holds the blob. */
  ensure(request: BlobRequest): Promise<BlobOutcome> {
    const chains = mapOf(this.inFlight, request.target);
    const before = chains.get(request.digest) ?? Promise.resolve();
    const work = before.then(
      () => this.ensureNow(request),
      () => this.ensureNow(request),
    );
    const settled = work.catch(() => undefined);
    chains.set(request.digest, settled);
    void settled.then(() => {
      if (chains.get(request.digest) === settled) chains.delete(request.digest);
    });
    return work;
  }

  private async ensureNow(request: BlobRequest): Promise<BlobOutcome> {
    const { target, repo, digest, signal } = request;
    signal.throwIfAborted();
    const holders = mapOf(this.known, target).get(digest) ?? new Set<string>();
    if (holders.has(repo)) return 'present';
    if ((await target.headBlob(repo, digest, signal)) !== undefined) {
      this.remember(target, digest, repo);
      return 'present';
    }
    let uploadUrl: string | undefined;
    for (const from of holders) {
      const mount = await target.mountBlob(repo, digest, from, signal);
      if (mount.mounted) {
        this.remember(target, digest, repo);
        return 'mounted';
      }
      // The session the refused mount opened carries the upload instead (or is dropped for the next try).
      if (uploadUrl) await target.cancelUpload(repo, uploadUrl, signal).catch(() => undefined);
      uploadUrl = mount.uploadUrl;
    }
    request.onPushStart?.(request.size);
    try {
      await this.push(request, uploadUrl);
    } catch (error) {
      // Another writer (a second run, another tool) committing the same blob at the same moment
      // makes distribution refuse ours (DIGEST_INVALID); the content is there all the same.
      if (signal.aborted || (await target.headBlob(repo, digest, signal).catch(() => undefined)) === undefined)
        throw error;
    }
    this.remember(target, digest, repo);
    return 'pushed';
  }

  private remember(target: RegistryClient, digest: string, repo: string): void {
    const byDigest = mapOf(this.known, target);
    const holders = byDigest.get(digest) ?? new Set<string>();
    holders.add(repo);
    byDigest.set(digest, holders);
  }
}

function mapOf<K, V>(outer: Map<RegistryClient, Map<K, V>>, key: RegistryClient): Map<K, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map<K, V>();
    outer.set(key, inner);
  }
  return inner;
}
