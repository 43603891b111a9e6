// A small client for one registry over the OCI Distribution API: manifests, blobs (streamed and
// verified), cross-repository mounts, resumable chunked uploads and tag lists. Authentication
// follows the registry's own challenge (Basic, or Bearer tokens cached per scope). Credentials
// and tokens are never logged nor put in an error message.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import {
  isDigest,
  isReference,
  isRepositoryName,
  type Manifest,
  MANIFEST_ACCEPT,
  MANIFEST_MEDIA_TYPES,
  MAX_MANIFEST_BYTES,
  parseManifest,
} from '../domain/oci-manifest.js';
import { untilAborted } from '../base/abortable.js';
import { basicAuthorization, type Challenge, parseChallenge, repositoryScope } from './auth.js';
import { DigestVerifier, sha256Digest } from './digest-stream.js';
import { codeOfStatus, RegistryError, registryErrorFrom } from './registry-error.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistryClientOptions {
  /** e.g. `https://tcr.example.com` or `http://127.0.0.1:5000`. */
  baseUrl: string;
  credentials?: RegistryCredentials;
  /** A whole metadata request (headers and bounded body). */
  requestTimeoutMs?: number;
  /** One PATCH of an upload chunk. */
  chunkTimeoutMs?: number;
  /** Longest wait for the next bytes of a blob being pulled. */
  idleTimeoutMs?: number;
  /** Bytes per PATCH; also the most of one upload held in memory. */
  chunkSize?: number;
  /** Resumes of one upload after dropped connections. */
  maxResumes?: number;
  /** Tags asked for per page of a tag list. */
  tagPageSize?: number;
  now?: () => number;
}

export interface FetchedManifest {
  mediaType: string;
  digest: string;
  bytes: Uint8Array;
  manifest: Manifest;
}

/** A blob to push: a stream, or a function that opens it (again, should the upload be lost). */
export type BlobSource = AsyncIterable<Uint8Array> | (() => Promise<AsyncIterable<Uint8Array>>);

export type MountResult = { mounted: true } | { mounted: false; uploadUrl: string };

const MAX_ERROR_BODY = 64 * 1024;
const MAX_JSON_BODY = 4 * 1024 * 1024;
const MAX_TAG_PAGES = 1000;
const TOKEN_MARGIN_MS = 10_000;

interface SendOptions {
  method: string;
  url: URL;
  scopes: string[];
  signal: AbortSignal | undefined;
  headers?: Record<string, string>;
  body?: Uint8Array;
  timeoutMs?: number;
}

/** A response whose timeout still runs until `release()` (after the body has been read). */
interface Sent {
  response: Response;
  release: () => void;
  /** The signal the body read must honour (abort, timeout). */
  bodySignal: AbortSignal;
  timedOut: () => boolean;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export class RegistryClient {
  private readonly base: URL;
  private readonly credentials: RegistryCredentials | undefined;
  private readonly requestTimeoutMs: number;
  private readonly chunkTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly chunkSize: number;
  private readonly maxResumes: number;
  private readonly tagPageSize: number;
  private readonly now: () => number;
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pendingTokens = new Map<string, Promise<string>>();

  constructor(options: RegistryClientOptions) {
    this.base = new URL(options.baseUrl);
    if (this.base.protocol !== 'https:' && this.base.protocol !== 'http:')
      throw new TypeError('registry URL must be http(s)');
    this.credentials = options.credentials;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.chunkTimeoutMs = options.chunkTimeoutMs ?? 300_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.chunkSize = options.chunkSize ?? 8 * 1024 * 1024;
    this.maxResumes = options.maxResumes ?? 3;
    this.tagPageSize = options.tagPageSize ?? 1000;
    this.now = options.now ?? Date.now;
  }

  // ---- manifests ----

  async getManifest(repo: string, reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
    checkRepo(repo);
    checkReference(reference);
    const sent = await this.send({
      method: 'GET',
      url: this.url(`${repo}/manifests/${reference}`),
      scopes: [repositoryScope(repo, false)],
      signal,
      headers: { accept: MANIFEST_ACCEPT },
    });
    try {
      await expectStatus(sent, [200], 'MANIFEST_UNKNOWN');
      const bytes = await readBounded(sent, MAX_MANIFEST_BYTES);
      const digest = sha256Digest(bytes);
      const claimed = sent.response.headers.get('docker-content-digest');
      if ((claimed && claimed !== digest) || (isDigest(reference) && reference !== digest)) {
        throw new RegistryError(0, 'DIGEST_INVALID', `manifest ${repo}:${reference} does not match its digest`);
      }
      const contentType = (sent.response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      // Some registries serve a manifest without mediaType as application/json: the document decides.
      const known = (MANIFEST_MEDIA_TYPES as readonly string[]).includes(contentType);
      const manifest = parseOrThrow(bytes, known ? contentType : undefined);
      return { mediaType: manifest.mediaType, digest, bytes, manifest };
    } finally {
      sent.release();
    }
  }

  /** The manifest's digest and type without its body, or undefined when the registry has none. */
  async headManifest(
    repo: string,
    reference: string,
    signal?: AbortSignal,
  ): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
    checkRepo(repo);
    checkReference(reference);
    const sent = await this.send({
      method: 'HEAD',
      url: this.url(`${repo}/manifests/${reference}`),
      scopes: [repositoryScope(repo, false)],
      signal,
      headers: { accept: MANIFEST_ACCEPT },
    });
    try {
      if (sent.response.status === 404) return undefined;
      await expectStatus(sent, [200], 'MANIFEST_UNKNOWN');
      const digest = sent.response.headers.get('docker-content-digest') ?? '';
      if (!isDigest(digest)) throw new RegistryError(0, 'PROTOCOL', 'registry sent no manifest digest');
      return {
        digest,
        mediaType: (sent.response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '',
        size: Number(sent.response.headers.get('content-length') ?? '0'),
      };
    } finally {
      sent.release();
    }
  }

  /** Pushes a manifest under a tag or its digest; returns its digest. */
  async putManifest(
    repo: string,
    reference: string,
    mediaType: string,
    bytes: Uint8Array,
    signal?: AbortSignal,
  ): Promise<string> {
    checkRepo(repo);
    checkReference(reference);
    if (bytes.byteLength > MAX_MANIFEST_BYTES) throw new RegistryError(0, 'TOO_LARGE', 'manifest too large');
    parseOrThrow(bytes, mediaType);
    const digest = sha256Digest(bytes);
    if (isDigest(reference) && reference !== digest) {
      throw new RegistryError(0, 'DIGEST_INVALID', `manifest bytes do not match ${reference}`);
    }
    const sent = await this.send({
      method: 'PUT',
      url: this.url(`${repo}/manifests/${reference}`),
      scopes: [repositoryScope(repo, true)],
      signal,
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    try {
      await expectStatus(sent, [201], 'MANIFEST_INVALID');
      const claimed = sent.response.headers.get('docker-content-digest');
      if (claimed && claimed !== digest) throw new RegistryError(0, 'DIGEST_INVALID', 'registry stored another digest');
      return digest;
    } finally {
      sent.release();
    }
  }

  // ---- blobs ----

  /** The blob's size, or undefined when the repository does not have it. */
  async headBlob(repo: string, digest: string, signal?: AbortSignal): Promise<number | undefined> {
    checkRepo(repo);
    checkDigest(digest);
    const sent = await this.send({
      method: 'HEAD',
      url: this.url(`${repo}/blobs/${digest}`),
      scopes: [repositoryScope(repo, false)],
      signal,
    });
    try {
      if (sent.response.status === 404) return undefined;
      await expectStatus(sent, [200], 'BLOB_UNKNOWN');
      const size = Number(sent.response.headers.get('content-length'));
      if (!Number.isSafeInteger(size) || size < 0) throw new RegistryError(0, 'PROTOCOL', 'registry sent no blob size');
      return size;
    } finally {
      sent.release();
    }
  }

  /**
   * Asks the registry to link a blob from another repository of it. When it cannot (202), the
   * upload session it opened instead is returned: pass it to pushBlob, or cancel it.
   */
  async mountBlob(targetRepo: string, digest: string, fromRepo: string, signal?: AbortSignal): Promise<MountResult> {
    checkRepo(targetRepo);
    checkRepo(fromRepo);
    checkDigest(digest);
    const url = this.url(`${targetRepo}/blobs/uploads/`);
    url.searchParams.set('mount', digest);
    url.searchParams.set('from', fromRepo);
    const sent = await this.send({
      method: 'POST',
      url,
      scopes: [repositoryScope(targetRepo, true), repositoryScope(fromRepo, false)],
      signal,
      headers: { 'content-length': '0' },
    });
    try {
      await expectStatus(sent, [201, 202], 'BLOB_UPLOAD_INVALID');
      if (sent.response.status === 201) return { mounted: true };
      return { mounted: false, uploadUrl: this.location(sent.response).href };
    } finally {
      sent.release();
    }
  }

  /** Cancels an upload session (e.g. the one a refused mount opened). */
  async cancelUpload(repo: string, uploadUrl: string, signal?: AbortSignal): Promise<void> {
    const sent = await this.send({
      method: 'DELETE',
      url: this.sameRegistry(uploadUrl),
      scopes: [repositoryScope(repo, true)],
      signal,
    });
    try {
      await expectStatus(sent, [204, 200, 404], 'BLOB_UPLOAD_UNKNOWN');
    } finally {
      sent.release();
    }
  }

  /**
   * The blob as a stream that is verified while it flows: it errors at the end (RegistryError
   * DIGEST_INVALID / SIZE_INVALID) when the bytes are not the blob. Never buffered whole.
   */
  async pullBlob(repo: string, digest: string, signal?: AbortSignal, expectedSize?: number): Promise<Readable> {
    checkRepo(repo);
    checkDigest(digest);
    const sent = await this.send({
      method: 'GET',
      url: this.url(`${repo}/blobs/${digest}`),
      scopes: [repositoryScope(repo, false)],
      signal,
    });
    try {
      await expectStatus(sent, [200], 'BLOB_UNKNOWN');
    } catch (error) {
      sent.release();
      throw error;
    }
    sent.release(); // from here the idle timeout guards the body
    const body = sent.response.body;
    if (!body) throw new RegistryError(0, 'PROTOCOL', 'blob response has no body');
    const lengthHeader = sent.response.headers.get('content-length');
    const size = expectedSize ?? (lengthHeader === null ? undefined : Number(lengthHeader));
    const verifier = new DigestVerifier(digest, size !== undefined && Number.isSafeInteger(size) ? size : undefined);
    const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
    let idle: NodeJS.Timeout | undefined;
    let idleExpired = false;
    const arm = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        // A consumer that is not reading (a slow upload downstream) is not a stalled registry.
        if (source.isPaused() || verifier.writableNeedDrain || verifier.readableLength > 0) {
          arm();
          return;
        }
        idleExpired = true;
        source.destroy(new RegistryError(0, 'TIMEOUT', `no bytes of ${digest} for ${this.idleTimeoutMs} ms`));
      }, this.idleTimeoutMs);
    };
    const onAbort = (): void => {
      source.destroy(new RegistryError(0, 'ABORTED', 'cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
    };
    arm();
    source.on('data', arm);
    source.on('error', (error: unknown) => {
      done();
      const mapped =
        error instanceof RegistryError
          ? error
          : signal?.aborted
            ? new RegistryError(0, 'ABORTED', 'cancelled')
            : idleExpired
              ? new RegistryError(0, 'TIMEOUT', 'blob stalled')
              : new RegistryError(0, 'NETWORK', `blob transfer failed: ${messageOf(error)}`);
      verifier.destroy(mapped);
    });
    source.on('end', done);
    // A consumer that stops early (destroys the stream) also ends the download.
    verifier.on('close', () => {
      done();
      if (!source.readableEnded) source.destroy();
    });
    return source.pipe(verifier);
  }

  /**
   * Uploads a blob in chunks of `chunkSize` (the most held in memory). After a dropped connection
   * it asks the registry how much it has and resumes from there. A registry that lost the session
   * instead (distribution 2.8 cancels an upload whose last PATCH broke off mid-body) is sent the
   * blob again in a new session when `source` can be reopened (a function), else the push fails.
   * The digest and size are checked before the upload is committed; a wrong blob is never stored.
   */
  async pushBlob(
    repo: string,
    digest: string,
    size: number,
    source: BlobSource,
    signal?: AbortSignal,
    uploadUrl?: string,
  ): Promise<void> {
    checkRepo(repo);
    checkDigest(digest);
    if (!Number.isSafeInteger(size) || size < 0) throw new RegistryError(0, 'SIZE_INVALID', 'invalid blob size');
    const reopen = typeof source === 'function' ? source : undefined;
    let stream = typeof source === 'function' ? await source() : source;
    let location = uploadUrl ? this.sameRegistry(uploadUrl) : await this.startUpload(repo, signal);
    const resumes = { left: this.maxResumes };
    for (;;) {
      try {
        await this.uploadOnce(repo, digest, size, stream, location, resumes, signal);
        return;
      } catch (error) {
        if (error instanceof UploadLost) {
          if (!reopen || resumes.left <= 0 || signal?.aborted) throw error.cause;
          resumes.left -= 1;
          location = await this.startUpload(repo, signal);
          stream = await reopen();
          continue;
        }
        const failed = error instanceof UploadFailed ? error : undefined;
        // The session is cancelled so that no half-sent blob lingers; on Cancel without waiting.
        const cancelling = this.cancelUpload(repo, (failed?.location ?? location).href).catch(() => undefined);
        if (!signal?.aborted) await cancelling;
        throw failed ? failed.cause : error;
      }
    }
  }

  private async uploadOnce(
    repo: string,
    digest: string,
    size: number,
    stream: AsyncIterable<Uint8Array>,
    start: URL,
    resumes: { left: number },
    signal: AbortSignal | undefined,
  ): Promise<void> {
    let location = start;
    const hash = createHash('sha256');
    let offset = 0;
    try {
      for await (const chunk of rechunk(stream, this.chunkSize)) {
        if (offset + chunk.length > size)
          throw new RegistryError(0, 'SIZE_INVALID', `blob ${digest} is longer than ${size} bytes`);
        hash.update(chunk);
        location = await this.patchChunk(repo, location, chunk, offset, resumes, signal);
        offset += chunk.length;
      }
      if (offset !== size)
        throw new RegistryError(0, 'SIZE_INVALID', `blob ${digest} has ${offset} bytes, not ${size}`);
      const actual = `sha256:${hash.digest('hex')}`;
      if (actual !== digest) throw new RegistryError(0, 'DIGEST_INVALID', `blob ${digest} has digest ${actual}`);
      const commit = new URL(location);
      commit.searchParams.set('digest', digest);
      const sent = await this.send({
        method: 'PUT',
        url: commit,
        scopes: [repositoryScope(repo, true)],
        signal,
        headers: { 'content-length': '0' },
      });
      try {
        await expectStatus(sent, [201], 'BLOB_UPLOAD_INVALID');
      } finally {
        sent.release();
      }
    } catch (error) {
      if (error instanceof UploadLost) throw error;
      throw new UploadFailed(location, error);
    }
  }

  private async startUpload(repo: string, signal: AbortSignal | undefined): Promise<URL> {
    const sent = await this.send({
      method: 'POST',
      url: this.url(`${repo}/blobs/uploads/`),
      scopes: [repositoryScope(repo, true)],
      signal,
      headers: { 'content-length': '0' },
    });
    try {
      await expectStatus(sent, [202], 'BLOB_UPLOAD_INVALID');
      return this.location(sent.response);
    } finally {
      sent.release();
    }
  }

  private async patchChunk(
    repo: string,
    location: URL,
    chunk: Uint8Array,
    start: number,
    resumes: { left: number },
    signal: AbortSignal | undefined,
  ): Promise<URL> {
    let from = 0; // bytes of this chunk the registry already has
    let resumed = false;
    for (;;) {
      const part = chunk.subarray(from);
      try {
        const sent = await this.send({
          method: 'PATCH',
          url: location,
          scopes: [repositoryScope(repo, true)],
          signal,
          timeoutMs: this.chunkTimeoutMs,
          headers: {
            'content-type': 'application/octet-stream',
            'content-range': `${start + from}-${start + chunk.length - 1}`,
          },
          body: part,
        });
        try {
          await expectStatus(sent, [202], 'BLOB_UPLOAD_INVALID');
          return this.location(sent.response);
        } finally {
          sent.release();
        }
      } catch (error) {
        // A resumed session the registry refuses after all (it may finish cancelling the broken
        // request only now): lost, like one whose status it refuses.
        if (
          resumed &&
          error instanceof RegistryError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 401 &&
          error.status !== 403
        ) {
          throw new UploadLost(error);
        }
        if (!(error instanceof RegistryError) || error.code !== 'NETWORK' || resumes.left <= 0) throw error;
        resumes.left -= 1;
        resumed = true;
        const status = await this.uploadStatus(repo, location, signal).catch((lost: unknown) => {
          // 4xx: the registry dropped the session; anything else (network, abort) as it is.
          if (lost instanceof RegistryError && lost.status >= 400 && lost.status < 500) throw new UploadLost(lost);
          throw lost;
        });
        if (status.stored < start || status.stored > start + chunk.length) {
          throw new UploadLost(new RegistryError(0, 'BLOB_UPLOAD_INVALID', 'the registry lost part of the upload'));
        }
        from = status.stored - start;
        location = status.location;
        if (from === chunk.length) return location;
      }
    }
  }

  /** How many bytes of an upload the registry holds (`Range: 0-<last>`). */
  private async uploadStatus(
    repo: string,
    location: URL,
    signal: AbortSignal | undefined,
  ): Promise<{ stored: number; location: URL }> {
    const sent = await this.send({ method: 'GET', url: location, scopes: [repositoryScope(repo, true)], signal });
    try {
      await expectStatus(sent, [204], 'BLOB_UPLOAD_UNKNOWN');
      const range = /^(?:bytes=)?0-(\d+)$/.exec(sent.response.headers.get('range') ?? '');
      // Distribution answers 0-0 both for nothing and for one byte; nothing is the safe reading.
      const last = range ? Number(range[1]) : -1;
      const stored = last <= 0 ? 0 : last + 1;
      return { stored, location: sent.response.headers.get('location') ? this.location(sent.response) : location };
    } finally {
      sent.release();
    }
  }

  // ---- tags ----

  /** Every tag of a repository, following the registry's `Link: <…>; rel="next"` pages. */
  async listTags(repo: string, signal?: AbortSignal): Promise<string[]> {
    checkRepo(repo);
    const tags: string[] = [];
    let url: URL | undefined = this.url(`${repo}/tags/list`);
    url.searchParams.set('n', String(this.tagPageSize));
    for (let page = 0; url && page < MAX_TAG_PAGES; page += 1) {
      const sent: Sent = await this.send({ method: 'GET', url, scopes: [repositoryScope(repo, false)], signal });
      try {
        await expectStatus(sent, [200], 'NAME_UNKNOWN');
        const body = parseJson(await readBounded(sent, MAX_JSON_BODY));
        const list = (body as { tags?: unknown }).tags;
        if (list !== null && list !== undefined) {
          if (!Array.isArray(list)) throw new RegistryError(0, 'PROTOCOL', 'tags is not a list');
          for (const tag of list) if (typeof tag === 'string' && tag.length <= 128) tags.push(tag);
        }
        url = nextLink(sent.response.headers.get('link'), sent.response.url || url.href, this.base);
      } finally {
        sent.release();
      }
    }
    return tags;
  }

  // ---- transport and authentication ----

  private url(path: string): URL {
    return new URL(`/v2/${path}`, this.base);
  }

  private location(response: Response): URL {
    const header = response.headers.get('location');
    if (!header) throw new RegistryError(0, 'PROTOCOL', 'registry sent no Location');
    return this.sameRegistry(new URL(header, this.base).href);
  }

  /** Upload URLs must stay on this registry: credentials go nowhere else. */
  private sameRegistry(href: string): URL {
    const url = new URL(href, this.base);
    if (url.origin !== this.base.origin) throw new RegistryError(0, 'PROTOCOL', 'upload location on another host');
    return url;
  }

  private async send(options: SendOptions): Promise<Sent> {
    let authorization = await this.authorization(options.scopes, options.signal);
    let sent = await this.fetchOnce(options, authorization);
    if (sent.response.status !== 401) return sent;
    const challenge = parseChallenge(sent.response.headers.get('www-authenticate'));
    // Nothing to answer it with, or the same Basic credentials again: the 401 stands.
    if (!challenge || (challenge.scheme === 'basic' && (authorization || !this.credentials))) return sent;
    await discard(sent);
    this.challenge = challenge;
    const scopes =
      challenge.scheme === 'bearer' && challenge.scope
        ? union(options.scopes, challenge.scope.split(' '))
        : options.scopes;
    this.tokens.delete(scopeKey(scopes));
    authorization = await this.authorization(scopes, options.signal);
    sent = await this.fetchOnce(options, authorization);
    return sent;
  }

  private async authorization(scopes: string[], signal: AbortSignal | undefined): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      return this.credentials ? basicAuthorization(this.credentials.username, this.credentials.password) : undefined;
    }
    const key = scopeKey(scopes);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return `Bearer ${cached.token}`;
    let pending = this.pendingTokens.get(key);
    if (!pending) {
      // Shared by concurrent calls, so not bound to one caller's signal (its timeout bounds it).
      pending = this.fetchToken(challenge, scopes).finally(() => this.pendingTokens.delete(key));
      this.pendingTokens.set(key, pending);
    }
    return `Bearer ${await untilAborted(pending, signal, () => new RegistryError(0, 'ABORTED', 'cancelled'))}`;
  }

  private async fetchToken(challenge: Extract<Challenge, { scheme: 'bearer' }>, scopes: string[]): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(challenge.realm);
    } catch {
      throw new RegistryError(0, 'PROTOCOL', 'invalid token realm');
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:')
      throw new RegistryError(0, 'PROTOCOL', 'invalid token realm');
    if (challenge.service) realm.searchParams.set('service', challenge.service);
    for (const scope of scopes) realm.searchParams.append('scope', scope);
    const headers: Record<string, string> = {};
    if (this.credentials)
      headers.authorization = basicAuthorization(this.credentials.username, this.credentials.password);
    const started = this.now();
    const sent = await this.fetchRaw('GET', realm, headers, undefined, undefined, this.requestTimeoutMs);
    try {
      await expectStatus(sent, [200], 'UNAUTHORIZED');
      const body = parseJson(await readBounded(sent, MAX_ERROR_BODY)) as {
        token?: unknown;
        access_token?: unknown;
        expires_in?: unknown;
      };
      const token = typeof body.token === 'string' ? body.token : body.access_token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 16_384) {
        throw new RegistryError(0, 'PROTOCOL', 'token service sent no token');
      }
      const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
      this.tokens.set(scopeKey(scopes), {
        token,
        expiresAt: started + Math.max(0, lifetime * 1000 - TOKEN_MARGIN_MS),
      });
      return token;
    } finally {
      sent.release();
    }
  }

  private fetchOnce(options: SendOptions, authorization: string | undefined): Promise<Sent> {
    const headers: Record<string, string> = { ...options.headers };
    if (authorization) headers.authorization = authorization;
    return this.fetchRaw(
      options.method,
      options.url,
      headers,
      options.body,
      options.signal,
      options.timeoutMs ?? this.requestTimeoutMs,
    );
  }

  private async fetchRaw(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<Sent> {
    if (signal?.aborted) throw new RegistryError(0, 'ABORTED', 'cancelled');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const release = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    try {
      const response = await fetch(url, {
        method,
        headers,
        ...(body ? { body } : {}),
        signal: controller.signal,
        redirect: 'follow',
      });
      return { response, release, bodySignal: controller.signal, timedOut: () => timedOut };
    } catch (error) {
      release();
      throw failure(error, signal, timedOut);
    }
  }
}

function failure(error: unknown, signal: AbortSignal | undefined, timedOut: boolean): RegistryError {
  if (error instanceof RegistryError) return error;
  if (signal?.aborted) return new RegistryError(0, 'ABORTED', 'cancelled');
  if (timedOut) return new RegistryError(0, 'TIMEOUT', 'the registry did not answer in time');
  return new RegistryError(0, 'NETWORK', `cannot reach the registry: ${messageOf(error)}`);
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail =
    cause instanceof Error ? `${error.message} (${(cause as { code?: string }).code ?? cause.message})` : error.message;
  return detail.slice(0, 200);
}

async function expectStatus(sent: Sent, ok: number[], fallbackCode: string): Promise<void> {
  const { status } = sent.response;
  if (ok.includes(status)) return;
  const text = await readBounded(sent, MAX_ERROR_BODY).then(
    (bytes) => new TextDecoder().decode(bytes),
    () => '',
  );
  const code = status === 404 ? fallbackCode : codeOfStatus(status);
  throw registryErrorFrom(status, text, code);
}

async function readBounded(sent: Sent, max: number): Promise<Uint8Array> {
  const { response } = sent;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new RegistryError(0, 'TOO_LARGE', `response larger than ${max} bytes`);
  }
  if (!response.body) return new Uint8Array(0);
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      const value = chunk as Uint8Array;
      total += value.byteLength;
      if (total > max) {
        body.destroy();
        throw new RegistryError(0, 'TOO_LARGE', `response larger than ${max} bytes`);
      }
      parts.push(value);
    }
  } catch (error) {
    throw failure(error, sent.bodySignal.aborted && !sent.timedOut() ? sent.bodySignal : undefined, sent.timedOut());
  }
  return Buffer.concat(parts, total);
}

async function discard(sent: Sent): Promise<void> {
  await sent.response.body?.cancel().catch(() => undefined);
  sent.release();
}

function parseJson(bytes: Uint8Array): object {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof value === 'object' && value !== null) return value;
  } catch {
    // fall through
  }
  throw new RegistryError(0, 'PROTOCOL', 'registry sent invalid JSON');
}

function parseOrThrow(bytes: Uint8Array, mediaType: string | undefined): Manifest {
  try {
    return parseManifest(bytes, mediaType);
  } catch (error) {
    throw new RegistryError(0, 'MANIFEST_INVALID', messageOf(error));
  }
}

/** `Link: </v2/…?last=x&n=…>; rel="next"` → the next page on this registry. */
function nextLink(header: string | null, current: string, base: URL): URL | undefined {
  if (!header) return undefined;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(header);
  if (!match?.[1]) return undefined;
  const next = new URL(match[1], current);
  return next.origin === base.origin ? next : undefined;
}

async function* rechunk(stream: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  for await (const piece of stream) {
    let rest = piece;
    while (held + rest.byteLength >= size) {
      const take = size - held;
      parts.push(rest.subarray(0, take));
      yield Buffer.concat(parts, size);
      parts = [];
      held = 0;
      rest = rest.subarray(take);
    }
    if (rest.byteLength > 0) {
      parts.push(rest);
      held += rest.byteLength;
    }
  }
  if (held > 0) yield Buffer.concat(parts, held);
}

function scopeKey(scopes: string[]): string {
  return [...scopes].sort().join(' ');
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b.filter((s) => s.length > 0)])];
}

function checkRepo(repo: string): void {
  if (!isRepositoryName(repo)) throw new RegistryError(0, 'NAME_INVALID', 'invalid repository name');
}
function checkReference(reference: string): void {
  if (!isReference(reference)) throw new RegistryError(0, 'TAG_INVALID', 'invalid tag or digest');
}
function checkDigest(digest: string): void {
  if (!isDigest(digest)) throw new RegistryError(0, 'DIGEST_INVALID', 'invalid digest');
}

/** The registry no longer has the upload session; only sending the blob again helps. */
class UploadLost extends Error {
  constructor(override readonly cause: RegistryError) {
    super(cause.message);
  }
}

/** An upload that failed at `location` (the session to cancel). */
class UploadFailed extends Error {
  constructor(
    readonly location: URL,
    override readonly cause: unknown,
  ) {
    super('upload failed');
  }
}
