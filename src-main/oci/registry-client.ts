// A small client for one registry over the OCI Distribution API: manifests, blobs (streamed and
// verified), cross-repository mounts, resumable chunked uploads and tag lists. Authentication
// follows the registry's own challenge (Basic, or Bearer tokens cached per scope). Credentials
// and tokens are never logged nor put in an error message. Each concern lives in its own file;
// this class holds the settings and the one transport (and its token cache) they share.
import type { Readable } from 'node:stream';
import { headBlob, mountBlob, type MountResult, pullBlob } from './registry-blobs.js';
import { type FetchedManifest, getManifest, headManifest, putManifest } from './registry-manifests.js';
import { listTags } from './registry-tags.js';
import { type CredentialSource, type RegistryCredentials, RegistryTransport } from './registry-transport.js';
import { type BlobSource, cancelUpload, pushBlob, type UploadSettings } from './registry-uploads.js';

export type { BlobSource, CredentialSource, FetchedManifest, MountResult, RegistryCredentials };

export interface RegistryClientOptions {
  /** e.g. `https://tcr.example.com` or `http://127.0.0.1:5000`. */
  baseUrl: string;
  credentials?: CredentialSource;
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

export class RegistryClient {
  private readonly transport: RegistryTransport;
  private readonly uploads: UploadSettings;
  private readonly idleTimeoutMs: number;
  private readonly tagPageSize: number;

  constructor(options: RegistryClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError('registry URL must be http(s)');
    this.transport = new RegistryTransport({
      base,
      credentials: options.credentials,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      now: options.now ?? Date.now,
    });
    this.uploads = {
      transport: this.transport,
      chunkTimeoutMs: options.chunkTimeoutMs ?? 300_000,
      chunkSize: options.chunkSize ?? 8 * 1024 * 1024,
      maxResumes: options.maxResumes ?? 3,
    };
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.tagPageSize = options.tagPageSize ?? 1000;
  }

  // ---- manifests ----

  getManifest(repo: string, reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
    return getManifest(this.transport, repo, reference, signal);
  }

  /** The manifest's digest and type without its body, or undefined when the registry has none. */
  headManifest(
    repo: string,
    reference: string,
    signal?: AbortSignal,
  ): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
    return headManifest(this.transport, repo, reference, signal);
  }

  /** Pushes a manifest under a tag or its digest; returns its digest. */
  putManifest(
    repo: string,
    reference: string,
    mediaType: string,
    bytes: Uint8Array,
    signal?: AbortSignal,
  ): Promise<string> {
    return putManifest(this.transport, repo, reference, mediaType, bytes, signal);
  }

  // ---- blobs ----

  /** The blob's size, or undefined when the repository does not have it. */
  headBlob(repo: string, digest: string, signal?: AbortSignal): Promise<number | undefined> {
    return headBlob(this.transport, repo, digest, signal);
  }

  /**
   * Asks the registry to link a blob from another repository of it. When it cannot (202), the
   * upload session it opened instead is returned: pass it to pushBlob, or cancel it.
   */
  mountBlob(targetRepo: string, digest: string, fromRepo: string, signal?: AbortSignal): Promise<MountResult> {
    return mountBlob(this.transport, targetRepo, digest, fromRepo, signal);
  }

  /** Cancels an upload session (e.g. the one a refused mount opened). */
  cancelUpload(repo: string, uploadUrl: string, signal?: AbortSignal): Promise<void> {
    return cancelUpload(this.transport, repo, uploadUrl, signal);
  }

  /**
   * The blob as a stream that is verified while it flows: it errors at the end (RegistryError
   * DIGEST_INVALID / SIZE_INVALID) when the bytes are not the blob. Never buffered whole.
   */
  pullBlob(repo: string, digest: string, signal?: AbortSignal, expectedSize?: number): Promise<Readable> {
    return pullBlob(this.transport, this.idleTimeoutMs, repo, digest, signal, expectedSize);
  }

  /**
   * Uploads a blob in chunks of `chunkSize` (the most held in memory). After a dropped connection
   * it asks the registry how much it has and resumes from there. A registry that lost the session
   * instead (distribution 2.8 cancels an upload whose last PATCH broke off mid-body) is sent the
   * blob again in a new session when `source` can be reopened (a function), else the push fails.
   * The digest and size are checked before the upload is committed; a wrong blob is never stored.
   */
  pushBlob(
    repo: string,
    digest: string,
    size: number,
    source: BlobSource,
    signal?: AbortSignal,
    uploadUrl?: string,
  ): Promise<void> {
    return pushBlob(this.uploads, repo, digest, size, source, signal, uploadUrl);
  }

  // ---- tags ----

  /** Every tag of a repository, following the registry's `Link: <…>; rel="next"` pages. */
  listTags(repo: string, signal?: AbortSignal): Promise<string[]> {
    return listTags(this.transport, repo, this.tagPageSize, signal);
  }
}
