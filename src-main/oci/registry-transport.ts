// Sending one request to a registry: with a timeout, answering its authentication challenge
// (Basic, or Bearer tokens cached per scope) and keeping upload locations on this registry.
// Credentials and tokens are never logged nor put in an error message.
import { untilAborted } from '../base/abortable.js';
import { basicAuthorization, type Challenge, parseChallenge } from './auth.js';
import { RegistryError } from './registry-error.js';
import { discard, expectStatus, failure, MAX_ERROR_BODY, parseJson, readBounded, type Sent } from './registry-http.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

/**
 * Fixed credentials, or a function asked before each login (a temporary token that is renewed
 * while a long copy runs); it must not put the secret in what it throws.
 */
export type CredentialSource = RegistryCredentials | (() => Promise<RegistryCredentials>);

export interface TransportOptions {
  base: URL;
  credentials: CredentialSource | undefined;
  requestTimeoutMs: number;
  now: () => number;
}

export interface SendOptions {
  method: string;
  url: URL;
  scopes: string[];
  signal: AbortSignal | undefined;
  headers?: Record<string, string>;
  body?: Uint8Array;
  timeoutMs?: number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

const TOKEN_MARGIN_MS = 10_000;

export class RegistryTransport {
  readonly base: URL;
  private readonly credentials: CredentialSource | undefined;
  private readonly requestTimeoutMs: number;
  private readonly now: () => number;
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pendingTokens = new Map<string, Promise<string>>();

  constructor(options: TransportOptions) {
    this.base = options.base;
    this.credentials = options.credentials;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.now = options.now;
  }

  url(path: string): URL {
    return new URL(`/v2/${path}`, this.base);
  }

  location(response: Response): URL {
    const header = response.headers.get('location');
    if (!header) throw new RegistryError(0, 'PROTOCOL', 'registry sent no Location');
    return this.sameRegistry(new URL(header, this.base).href);
  }

  /** Upload URLs must stay on this registry: credentials go nowhere else. */
  sameRegistry(href: string): URL {
    const url = new URL(href, this.base);
    if (url.origin !== this.base.origin) throw new RegistryError(0, 'PROTOCOL', 'upload location on another host');
    return url;
  }

  async send(options: SendOptions): Promise<Sent> {
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
      const credentials = await this.currentCredentials();
      return credentials ? basicAuthorization(credentials.username, credentials.password) : undefined;
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
    const credentials = await this.currentCredentials();
    if (credentials) headers.authorization = basicAuthorization(credentials.username, credentials.password);
    const started = this.now();
    const sent = await fetchRaw('GET', realm, headers, undefined, undefined, this.requestTimeoutMs);
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

  private async currentCredentials(): Promise<RegistryCredentials | undefined> {
    if (typeof this.credentials !== 'function') return this.credentials;
    try {
      return await this.credentials();
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new RegistryError(0, 'UNAUTHORIZED', `no credentials: ${message.slice(0, 200)}`);
    }
  }

  private fetchOnce(options: SendOptions, authorization: string | undefined): Promise<Sent> {
    const headers: Record<string, string> = { ...options.headers };
    if (authorization) headers.authorization = authorization;
    return fetchRaw(
      options.method,
      options.url,
      headers,
      options.body,
      options.signal,
      options.timeoutMs ?? this.requestTimeoutMs,
    );
  }
}

async function fetchRaw(
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

function scopeKey(scopes: string[]): string {
  return [...scopes].sort().join(' ');
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b.filter((s) => s.length > 0)])];
}
