// Reads a real registry over the OCI Distribution API for a backed instance: the catalog, a
// repository's tags, a manifest's digest and bytes. Basic credentials, or a Bearer token fetched
// from the realm the registry's challenge names. Every request has a timeout and a size cap.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { MANIFEST_ACCEPT, MAX_MANIFEST_BYTES, isDigest } from '../domain/oci-manifest.js';
import { ApiError } from './api-error.js';
import { bearerChallenge, nextPageUrl } from './registry-listing.js';

export interface RegistryAccess {
  /** `http://host:port` */
  url: string;
  username: string;
  password: string;
}

export interface RegistryReaderOptions {
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** `n` of the catalog and tag pages; default 1000. */
  pageSize?: number;
  /** Pages followed at most for one list; default 100. */
  maxPages?: number;
}

const MAX_LIST_PAGE_BYTES = 4 * 1024 * 1024;
const MAX_TOKEN_BYTES = 64 * 1024;

/** A registry failure as the cloud API answers it; the message never holds a credential. */
export function registryFailure(what: string): ApiError {
  return new ApiError('FailedOperation', `The instance's registry could not be read: ${what}.`);
}

async function readCapped(response: Response, max: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw registryFailure(`a reply larger than ${max} bytes`);
  }
  if (!response.body) return Buffer.alloc(0);
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const value = chunk as Uint8Array;
      size += value.byteLength;
      if (size > max) {
        body.destroy();
        throw registryFailure(`a reply larger than ${max} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    throw error instanceof ApiError ? error : registryFailure('the reply broke off');
  }
  return Buffer.concat(chunks);
}

function jsonOf(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw registryFailure(`${what} is not JSON`);
  }
}

function stringList(value: unknown, what: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw registryFailure(`${what} is not a list of names`);
  }
  return value;
}

export class RegistryReader {
  readonly #access: RegistryAccess;
  readonly #timeoutMs: number;
  readonly #pageSize: number;
  readonly #maxPages: number;
  readonly #basic: string;
  /** Bearer tokens by scope, until shortly before they expire. */
  readonly #tokens = new Map<string, { token: string; until: number }>();

  constructor(access: RegistryAccess, options: RegistryReaderOptions = {}) {
    this.#access = { ...access, url: access.url.replace(/\/+$/, '') };
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#pageSize = options.pageSize ?? 1000;
    this.#maxPages = options.maxPages ?? 100;
    this.#basic = `Basic ${Buffer.from(`${access.username}:${access.password}`).toString('base64')}`;
  }

  get host(): string {
    return new URL(this.#access.url).host;
  }

  /** `/v2/` answers with these credentials (or a token they obtain). */
  async check(): Promise<void> {
    const response = await this.#get(`${this.#access.url}/v2/`, 'registry:catalog:*');
    await response.body?.cancel();
    if (!response.ok) throw registryFailure(`/v2/ answered HTTP ${response.status}`);
  }

  /** Every repository name, following the catalog's pages. */
  catalog(): Promise<string[]> {
    return this.#list(`/v2/_catalog?n=${this.#pageSize}`, 'registry:catalog:*', 'repositories', 'the catalog');
  }

  /** Every tag of a repository; undefined when the registry does not know the repository. */
  async tags(repository: string): Promise<string[] | undefined> {
    try {
      return await this.#list(
        `/v2/${repository}/tags/list?n=${this.#pageSize}`,
        `repository:${repository}:pull`,
        'tags',
        `the tags of ${repository}`,
      );
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  }

  /** A tag's manifest digest (HEAD); undefined when the tag is gone. */
  async digestOf(repository: string, tag: string): Promise<string | undefined> {
    const response = await this.#get(
      `${this.#access.url}/v2/${repository}/manifests/${tag}`,
      `repository:${repository}:pull`,
      'HEAD',
    );
    if (response.status === 404) return undefined;
    if (!response.ok) throw registryFailure(`HEAD ${repository}:${tag} answered HTTP ${response.status}`);
    const digest = response.headers.get('docker-content-digest') ?? '';
    if (!isDigest(digest)) throw registryFailure(`HEAD ${repository}:${tag} gave no sha256 digest`);
    return digest;
  }

  /** A manifest's bytes by digest, checked against the digest. */
  async manifest(repository: string, digest: string): Promise<{ bytes: Buffer; contentType: string } | undefined> {
    const response = await this.#get(
      `${this.#access.url}/v2/${repository}/manifests/${digest}`,
      `repository:${repository}:pull`,
    );
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw registryFailure(`the manifest ${repository}@${digest} answered HTTP ${response.status}`);
    }
    const bytes = await readCapped(response, MAX_MANIFEST_BYTES);
    if (`sha256:${createHash('sha256').update(bytes).digest('hex')}` !== digest) {
      throw registryFailure(`the manifest ${repository}@${digest} does not match its digest`);
    }
    return { bytes, contentType: response.headers.get('content-type') ?? '' };
  }

  async #list(first: string, scope: string, field: string, what: string): Promise<string[]> {
    const names: string[] = [];
    let url: string | undefined = `${this.#access.url}${first}`;
    for (let page = 0; url; page += 1) {
      if (page >= this.#maxPages) throw registryFailure(`${what} has more than ${this.#maxPages} pages`);
      const response = await this.#get(url, scope);
      if (response.status === 404) {
        await response.body?.cancel();
        throw new NotFound();
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw registryFailure(`${what} answered HTTP ${response.status}`);
      }
      const body = jsonOf(await readCapped(response, MAX_LIST_PAGE_BYTES), what);
      names.push(...stringList((body as Record<string, unknown> | null)?.[field], what));
      url = nextPageUrl(response.headers.get('link'), url);
    }
    return names;
  }

  /** One request with the scope's token if there is one, else Basic; a Bearer challenge is met once. */
  async #get(url: string, scope: string, method = 'GET'): Promise<Response> {
    const cached = this.#tokens.get(scope);
    const authorization = cached && cached.until > Date.now() ? `Bearer ${cached.token}` : this.#basic;
    let response = await this.#fetch(url, method, authorization);
    const challenge = response.status === 401 ? bearerChallenge(response.headers.get('www-authenticate')) : undefined;
    if (challenge) {
      await response.body?.cancel();
      const token = await this.#token(challenge.realm, challenge.service, scope);
      response = await this.#fetch(url, method, `Bearer ${token}`);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw registryFailure(`the registry refused the instance's credentials (HTTP ${response.status})`);
    }
    return response;
  }

  async #token(realm: string, service: string | undefined, scope: string): Promise<string> {
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const response = await this.#fetch(url.href, 'GET', this.#basic);
    if (!response.ok) {
      await response.body?.cancel();
      throw registryFailure(`the token service answered HTTP ${response.status}`);
    }
    const body = jsonOf(await readCapped(response, MAX_TOKEN_BYTES), 'the token reply') as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : body.access_token;
    if (typeof token !== 'string' || !token) throw registryFailure('the token service gave no token');
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 60;
    this.#tokens.set(scope, { token, until: Date.now() + Math.max(0, seconds - 10) * 1000 });
    return token;
  }

  async #fetch(url: string, method: string, authorization: string): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: { authorization, accept: MANIFEST_ACCEPT },
        // A registry redirects blobs, never lists or manifests: no credential follows a redirect.
        redirect: 'error',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw registryFailure(timedOut ? `no answer within ${this.#timeoutMs} ms` : 'the registry is unreachable');
    }
  }
}

class NotFound extends Error {}
