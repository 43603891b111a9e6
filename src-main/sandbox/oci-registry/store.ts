// A registry's content in memory: bytes by digest, stored once however many repositories link
// them (a blob is freed when the last link goes); per repository its linked blobs, its manifests
// (with the media type they were pushed with) and its tags. The bytes held, plus those reserved
// by upload sessions, never exceed `maxBytes`.
import { createHash } from 'node:crypto';
import { childManifests, ManifestError, parseManifest, referencedBlobs } from '../../domain/oci-manifest.js';
import { blobUnknown, OciError, tooLarge } from './errors.js';

interface Content {
  bytes: Buffer;
  links: number;
}

interface Repository {
  blobs: Set<string>;
  /** digest → media type */
  manifests: Map<string, string>;
  /** tag → digest */
  tags: Map<string, string>;
}

export interface StoredManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

/** Names cost no bytes (a mount links content, a tag names a manifest): they are capped on their own. */
export interface NameLimits {
  /** Default 10 000. */
  maxRepositories?: number;
  /** Across repositories; default 100 000. */
  maxTags?: number;
}

/** Why a tag may not be moved to another digest or deleted (an immutable-tag rule), or "". */
export type TagGuard = (name: string, tag: string, change: 'overwrite' | 'delete') => string;

export interface StoreOptions extends NameLimits {
  guard?: TagGuard;
}

export const sha256 = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export class RegistryStore {
  readonly maxBytes: number;
  readonly #maxRepositories: number;
  readonly #maxTags: number;
  readonly #guard: TagGuard;
  readonly #content = new Map<string, Content>();
  readonly #repositories = new Map<string, Repository>();
  #stored = 0;
  #reserved = 0;
  #tags = 0;

  constructor(maxBytes: number, options: StoreOptions = {}) {
    this.maxBytes = maxBytes;
    this.#maxRepositories = options.maxRepositories ?? 10_000;
    this.#maxTags = options.maxTags ?? 100_000;
    this.#guard = options.guard ?? (() => '');
  }

  /** Harbor answers 412 when an immutable-tag rule covers the tag. */
  #check(name: string, tag: string, change: 'overwrite' | 'delete'): void {
    const problem = this.#guard(name, tag, change);
    if (problem) throw new OciError(412, 'PRECONDITION', problem, { tag });
  }

  /** Bytes of content held (each digest once). */
  get bytesStored(): number {
    return this.#stored;
  }

  /** Sets aside room for `bytes` more (an upload's chunk); throws 413 when there is none. */
  reserve(bytes: number): void {
    if (this.#stored + this.#reserved + bytes > this.maxBytes) throw tooLarge('the upload exceeds');
    this.#reserved += bytes;
  }

  release(bytes: number): void {
    this.#reserved = Math.max(0, this.#reserved - bytes);
  }

  /** Room left, for bounding a request body before it is read. */
  get room(): number {
    return Math.max(0, this.maxBytes - this.#stored - this.#reserved);
  }

  #repository(name: string, create: true): Repository;
  #repository(name: string, create?: false): Repository | undefined;
  #repository(name: string, create = false): Repository | undefined {
    let repository = this.#repositories.get(name);
    if (!repository && create) {
      if (this.#repositories.size >= this.#maxRepositories) throw tooLarge('another repository exceeds');
      repository = { blobs: new Set(), manifests: new Map(), tags: new Map() };
      this.#repositories.set(name, repository);
    }
    return repository;
  }

  #link(digest: string, bytes: Buffer | undefined): void {
    const content = this.#content.get(digest);
    if (content) {
      content.links += 1;
      return;
    }
    if (!bytes) throw blobUnknown(digest);
    if (this.#stored + this.#reserved + bytes.length > this.maxBytes) throw tooLarge('storing it exceeds');
    this.#content.set(digest, { bytes, links: 1 });
    this.#stored += bytes.length;
  }

  #unlink(digest: string): void {
    const content = this.#content.get(digest);
    if (!content) return;
    content.links -= 1;
    if (content.links <= 0) {
      this.#content.delete(digest);
      this.#stored -= content.bytes.length;
    }
  }

  #dropIfEmpty(name: string, repository: Repository): void {
    if (repository.blobs.size === 0 && repository.manifests.size === 0) this.#repositories.delete(name);
  }

  // ---- blobs ----

  /** A blob of a repository (only what that repository links). */
  blob(name: string, digest: string): Buffer | undefined {
    if (!this.#repositories.get(name)?.blobs.has(digest)) return undefined;
    return this.#content.get(digest)?.bytes;
  }

  /** Links verified bytes as a blob of the repository (the caller has checked the digest). */
  putBlob(name: string, digest: string, bytes: Buffer): void {
    const repository = this.#repository(name, true);
    if (repository.blobs.has(digest)) return;
    try {
      this.#link(digest, bytes);
    } catch (error) {
      this.#dropIfEmpty(name, repository);
      throw error;
    }
    repository.blobs.add(digest);
  }

  /** Cross-repository mount: links `from`'s blob into `name`; false when `from` does not have it. */
  mountBlob(name: string, digest: string, from: string): boolean {
    if (!this.#repositories.get(from)?.blobs.has(digest)) return false;
    const repository = this.#repository(name, true);
    if (!repository.blobs.has(digest)) {
      this.#link(digest, undefined);
      repository.blobs.add(digest);
    }
    return true;
  }

  deleteBlob(name: string, digest: string): boolean {
    const repository = this.#repositories.get(name);
    if (!repository?.blobs.delete(digest)) return false;
    this.#unlink(digest);
    this.#dropIfEmpty(name, repository);
    return true;
  }

  // ---- manifests ----

  /** A manifest by tag or digest. */
  manifest(name: string, reference: string): StoredManifest | undefined {
    const repository = this.#repositories.get(name);
    if (!repository) return undefined;
    const digest = reference.startsWith('sha256:') ? reference : repository.tags.get(reference);
    const mediaType = digest ? repository.manifests.get(digest) : undefined;
    const bytes = digest ? this.#content.get(digest)?.bytes : undefined;
    return digest && mediaType && bytes ? { digest, mediaType, bytes } : undefined;
  }

  /**
   * Stores a manifest under its digest (and a tag when `reference` is one), as distribution
   * accepts it: an image's config and layers must be blobs of the repository, an index's
   * manifests manifests of it. Returns the digest.
   */
  putManifest(name: string, reference: string, bytes: Buffer, contentType: string | undefined): StoredManifest {
    const digest = sha256(bytes);
    if (reference.startsWith('sha256:') && reference !== digest) {
      throw new OciError(400, 'DIGEST_INVALID', 'manifest digest did not match', { reference, digest });
    }
    let parsed;
    try {
      parsed = parseManifest(bytes, contentType);
    } catch (error) {
      if (error instanceof ManifestError) throw new OciError(400, 'MANIFEST_INVALID', error.message);
      throw error;
    }
    const repository = this.#repositories.get(name);
    for (const blob of referencedBlobs(parsed)) {
      if (!repository?.blobs.has(blob.digest)) {
        throw new OciError(400, 'MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', { digest: blob.digest });
      }
    }
    for (const child of childManifests(parsed)) {
      if (!repository?.manifests.has(child.digest)) {
        throw new OciError(400, 'MANIFEST_BLOB_UNKNOWN', 'manifest unknown to registry', { digest: child.digest });
      }
    }
    const current = reference.startsWith('sha256:') ? undefined : repository?.tags.get(reference);
    if (current !== undefined && current !== digest) this.#check(name, reference, 'overwrite');
    const tagging = !reference.startsWith('sha256:') && !repository?.tags.has(reference);
    if (tagging && this.#tags >= this.#maxTags) throw tooLarge('another tag exceeds');
    const target = this.#repository(name, true);
    if (!target.manifests.has(digest)) {
      try {
        this.#link(digest, bytes);
      } catch (error) {
        this.#dropIfEmpty(name, target);
        throw error;
      }
    }
    target.manifests.set(digest, parsed.mediaType);
    if (!reference.startsWith('sha256:')) target.tags.set(reference, digest);
    if (tagging) this.#tags += 1;
    return { digest, mediaType: parsed.mediaType, bytes };
  }

  /** Deletes a tag (by tag), or a manifest and every tag naming it (by digest). */
  deleteManifest(name: string, reference: string): boolean {
    const repository = this.#repositories.get(name);
    if (!repository) return false;
    if (!reference.startsWith('sha256:')) {
      if (!repository.tags.has(reference)) return false;
      this.#check(name, reference, 'delete');
      repository.tags.delete(reference);
      this.#tags -= 1;
      return true;
    }
    if (!repository.manifests.has(reference)) return false;
    for (const [tag, digest] of repository.tags) if (digest === reference) this.#check(name, tag, 'delete');
    repository.manifests.delete(reference);
    for (const [tag, digest] of repository.tags) {
      if (digest !== reference) continue;
      repository.tags.delete(tag);
      this.#tags -= 1;
    }
    this.#unlink(reference);
    this.#dropIfEmpty(name, repository);
    return true;
  }

  // ---- lists ----

  /** The tags naming a digest in a repository. */
  tagsOf(name: string, digest: string): string[] {
    const repository = this.#repositories.get(name);
    return repository ? [...repository.tags].filter(([, d]) => d === digest).map(([tag]) => tag) : [];
  }

  /** A repository's tags in lexical order; undefined when the registry does not know it. */
  tags(name: string): string[] | undefined {
    const repository = this.#repositories.get(name);
    return repository ? [...repository.tags.keys()].sort() : undefined;
  }

  /** Whether a repository with a manifest lies under `namespace/`. */
  hasNamespace(namespace: string): boolean {
    for (const [name, repository] of this.#repositories) {
      if (name.startsWith(`${namespace}/`) && repository.manifests.size > 0) return true;
    }
    return false;
  }

  /** Repositories holding at least one manifest, in lexical order. */
  repositories(): string[] {
    return [...this.#repositories]
      .filter(([, repository]) => repository.manifests.size > 0)
      .map(([name]) => name)
      .sort();
  }
}
