// The sandbox as a registry's Bearer token service, the way TCR's Harbor core answers
// `GET /service/token?service=…&scope=…`: Basic credentials are an instance token made by
// CreateInstanceToken for the instance named by `service` (its registry id); the JWT it signs
// (RS256, `x5c` = the sandbox's self-signed certificate) grants what the scopes ask for.
import { generateKeyPairSync, type KeyObject, randomUUID, sign, timingSafeEqual } from 'node:crypto';
import { pem, selfSignedCertificate } from './self-signed-cert.js';
import type { SandboxState } from './state.js';

export const TOKEN_PATH = '/service/token';
export const TOKEN_ISSUER = 'tcr-sandbox';
const TOKEN_LIFETIME_S = 1800;
const MAX_SCOPES = 20;

export interface TokenReply {
  status: number;
  body: unknown;
}

/** What a registry's `auth: token` configuration needs to trust the sandbox. */
export interface RegistryTokenAuth {
  /** `http://127.0.0.1:PORT/service/token` */
  realm: string;
  issuer: string;
  /** The `rootcertbundle`. */
  certificatePem: string;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** `repository:team/app:pull,push` → what is granted of it; `registry:catalog:*` for the catalog. */
export function grantedAccess(scope: string): { type: string; name: string; actions: string[] } | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  const type = scope.slice(0, first);
  const name = scope.slice(first + 1, last);
  const wanted = scope.slice(last + 1).split(',');
  if (type === 'repository') {
    return { type, name, actions: wanted.filter((a) => ['pull', 'push', 'delete', '*'].includes(a)) };
  }
  if (type === 'registry' && name === 'catalog') return { type, name, actions: wanted.filter((a) => a === '*') };
  return undefined;
}

export class RegistryTokenService {
  readonly #state: SandboxState;
  readonly #now: () => number;
  #keys: { privateKey: KeyObject; certificate: Buffer } | undefined;

  constructor(state: SandboxState, now: () => number) {
    this.#state = state;
    this.#now = now;
  }

  /** The signing key and its certificate, made on first use (a sandbox that never needs them pays nothing). */
  #signing(): { privateKey: KeyObject; certificate: Buffer } {
    if (!this.#keys) {
      const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.#keys = {
        privateKey: keys.privateKey,
        certificate: selfSignedCertificate(keys, TOKEN_ISSUER, this.#now(), 3650),
      };
    }
    return this.#keys;
  }

  auth(endpoint: string): RegistryTokenAuth {
    return {
      realm: `${endpoint}${TOKEN_PATH}`,
      issuer: TOKEN_ISSUER,
      certificatePem: pem(this.#signing().certificate),
    };
  }

  /** Anonymous callers get a token granting nothing, as Harbor does; wrong credentials a 401. */
  answer(url: URL, authorization: string | undefined): TokenReply {
    const service = url.searchParams.get('service') ?? '';
    const owned = this.#state.findInstance(service);
    if (!owned) return refusal(400, `unknown service ${service.slice(0, 100)}`);
    let user = '';
    if (authorization !== undefined) {
      const credentials = basicCredentials(authorization);
      const now = this.#now();
      const token = credentials
        ? owned.instance.tokens.find(
            (t) =>
              t.enabled &&
              t.expiresAt > now &&
              t.username === credentials.user &&
              sameSecret(t.token, credentials.password),
          )
        : undefined;
      if (!credentials || !token) return refusal(401, 'invalid username or password');
      user = token.username;
    }
    // Several scopes come as several parameters or space-separated in one.
    const scopes = url.searchParams
      .getAll('scope')
      .flatMap((scope) => scope.split(' '))
      .slice(0, MAX_SCOPES);
    const access = user ? scopes.flatMap((scope) => grantedAccess(scope) ?? []) : [];
    const now = Math.floor(this.#now() / 1000);
    const { privateKey, certificate } = this.#signing();
    const header = { typ: 'JWT', alg: 'RS256', x5c: [certificate.toString('base64')] };
    const claims = {
      iss: TOKEN_ISSUER,
      sub: user,
      aud: service,
      exp: now + TOKEN_LIFETIME_S,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const token = `${input}.${base64url(sign('sha256', Buffer.from(input), privateKey))}`;
    return {
      status: 200,
      body: {
        token,
        access_token: token,
        expires_in: TOKEN_LIFETIME_S,
        issued_at: new Date(now * 1000).toISOString(),
      },
    };
  }
}

function refusal(status: number, message: string): TokenReply {
  return { status, body: { errors: [{ code: status === 401 ? 'UNAUTHORIZED' : 'BAD_REQUEST', message }] } };
}
