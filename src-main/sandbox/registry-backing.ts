// A sandbox instance backed by a real registry: what its list actions answer, read from the
// registry and kept briefly, so that the app's concurrent page requests share one read (not one
// catalog walk and one HEAD per tag per page). Manifests are cached by digest: they never change.
import { ManifestError } from '../domain/oci-manifest.js';
import { type ManifestSummary, splitRepository, summarizeManifest } from './registry-listing.js';
import { type RegistryAccess, RegistryReader, type RegistryReaderOptions, registryFailure } from './registry-reader.js';

/** Where a backing reads: a registry over HTTP (RegistryReader), or an in-process registry's store. */
export interface RegistrySource {
  /** `host:port`, the instance's PublicDomain. */
  readonly host: string;
  check(): Promise<void>;
  catalog(): Promise<string[]>;
  tags(repository: string): Promise<string[] | undefined>;
  digestOf(repository: string, tag: string): Promise<string | undefined>;
  manifest(repository: string, digest: string): Promise<{ bytes: Buffer; contentType: string } | undefined>;
}

export interface BackedRepository {
  namespace: string;
  repository: string;
}

export interface BackedImage extends ManifestSummary {
  tag: string;
  digest: string;
}

export interface RegistryBackingOptions extends RegistryReaderOptions {
  /** How long a read is reused; default 2 s. */
  cacheMs?: number;
  /** Tags read at most per repository; default 2000. */
  maxTags?: number;
  /** Manifest requests in flight at once per list; default 8. */
  concurrency?: number;
  now?: () => number;
}

const MAX_CACHED_MANIFESTS = 10_000;
const MAX_CACHED_REPOSITORIES = 1_000;

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

/** Runs `work` over `items`, `limit` at a time, keeping the order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export class RegistryBacking {
  readonly reader: RegistrySource;
  /** When the registry was attached: the only time the sandbox can give its repositories and tags. */
  readonly attachedAt: number;
  /** Namespaces created with CreateNamespace: a registry has no empty namespaces of its own. */
  readonly createdNamespaces = new Map<string, number>();
  readonly #cacheMs: number;
  readonly #maxTags: number;
  readonly #concurrency: number;
  readonly #now: () => number;
  #catalog: Cached<BackedRepository[]> | undefined;
  readonly #images = new Map<string, Cached<BackedImage[] | undefined>>();
  /** By digest, in flight or read: tags naming one manifest read it once. */
  readonly #manifests = new Map<string, Promise<ManifestSummary | undefined>>();

  constructor(access: RegistryAccess | RegistrySource, options: RegistryBackingOptions = {}) {
    this.reader = 'catalog' in access ? access : new RegistryReader(access, options);
    this.#now = options.now ?? Date.now;
    this.attachedAt = this.#now();
    this.#cacheMs = options.cacheMs ?? 2000;
    this.#maxTags = options.maxTags ?? 2000;
    this.#concurrency = options.concurrency ?? 8;
  }

  /** Every `namespace/repository` of the registry, in catalog order. */
  repositories(): Promise<BackedRepository[]> {
    const cached = this.#catalog;
    if (cached && this.#now() - cached.at < this.#cacheMs) return cached.value;
    const value = this.reader.catalog().then((names) => names.flatMap((name) => splitRepository(name) ?? []));
    this.#catalog = { at: this.#now(), value };
    value.catch(() => {
      if (this.#catalog?.value === value) this.#catalog = undefined;
    });
    return value;
  }

  /** The namespaces: those of the registry's repositories, then those created here, each once. */
  async namespaces(): Promise<{ name: string; createdAt: number }[]> {
    const names = new Map<string, number>();
    for (const { namespace } of await this.repositories()) {
      if (!names.has(namespace)) names.set(namespace, this.attachedAt);
    }
    for (const [name, at] of this.createdNamespaces) if (!names.has(name)) names.set(name, at);
    return [...names].map(([name, createdAt]) => ({ name, createdAt }));
  }

  /** A repository's tags with digest, kind and size; undefined when the registry does not have it. */
  images(path: string): Promise<BackedImage[] | undefined> {
    const cached = this.#images.get(path);
    if (cached && this.#now() - cached.at < this.#cacheMs) return cached.value;
    const value = this.#readImages(path);
    if (this.#images.size >= MAX_CACHED_REPOSITORIES) this.#images.clear();
    this.#images.set(path, { at: this.#now(), value });
    value.catch(() => {
      if (this.#images.get(path)?.value === value) this.#images.delete(path);
    });
    return value;
  }

  async #readImages(path: string): Promise<BackedImage[] | undefined> {
    const tags = await this.reader.tags(path);
    if (!tags) return undefined;
    if (tags.length > this.#maxTags) throw registryFailure(`${path} has more than ${this.#maxTags} tags`);
    const images = await mapBounded(tags, this.#concurrency, async (tag) => {
      const digest = await this.reader.digestOf(path, tag);
      if (!digest) return undefined; // deleted between the list and the HEAD
      const summary = await this.#summary(path, digest);
      return summary ? { tag, digest, ...summary } : undefined;
    });
    return images.filter((image): image is BackedImage => image !== undefined);
  }

  #summary(path: string, digest: string): Promise<ManifestSummary | undefined> {
    const known = this.#manifests.get(digest);
    if (known) return known;
    const read = this.#readSummary(path, digest);
    if (this.#manifests.size >= MAX_CACHED_MANIFESTS) this.#manifests.clear();
    this.#manifests.set(digest, read);
    // A failure or a manifest gone is asked again next time.
    const forget = () => {
      if (this.#manifests.get(digest) === read) this.#manifests.delete(digest);
    };
    read.then((summary) => summary ?? forget(), forget);
    return read;
  }

  async #readSummary(path: string, digest: string): Promise<ManifestSummary | undefined> {
    const manifest = await this.reader.manifest(path, digest);
    if (!manifest) return undefined;
    try {
      return summarizeManifest(manifest.bytes, manifest.contentType || undefined);
    } catch (error) {
      if (error instanceof ManifestError) throw registryFailure(`${path}@${digest}: ${error.message}`);
      throw error;
    }
  }
}
