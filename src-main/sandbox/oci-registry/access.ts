// Who may do what, as distribution's `auth: token` checks it: a request needs access records
// (pull for reads, pull and push for writes, delete for deletes, pull on the repository a blob is
// mounted from, `registry:catalog:*` for the catalog); a Bearer JWT from the sandbox's token
// service (RS256, issuer, audience = the instance's registry id, expiry) must grant them all, or
// the answer is 401 with a challenge naming the scopes to ask for.
import { type KeyObject, verify } from 'node:crypto';
import type { Route } from './routes.js';

export interface AccessRecord {
  type: string;
  name: string;
  action: string;
}

export interface GrantedAccess {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenTrust {
  key: KeyObject;
  issuer: string;
  /** The registry id: the token's audience and the challenge's `service`. */
  service: string;
  /** Seconds. */
  now: number;
}

const LEEWAY_S = 60;
const MAX_TOKEN_CHARS = 16 * 1024;

/** The access records a request needs (none for the ping beyond a valid token). */
export function neededAccess(method: string, route: Route, mountFrom?: string): AccessRecord[] {
  if (route.kind === 'ping') return [];
  if (route.kind === 'catalog') return [{ type: 'registry', name: 'catalog', action: '*' }];
  const repository = (action: string, name = route.name): AccessRecord => ({ type: 'repository', name, action });
  switch (method) {
    case 'GET':
    case 'HEAD':
      return [repository('pull')];
    case 'DELETE':
      // Cancelling one's own upload is part of pushing.
      return route.kind === 'upload' ? [repository('pull'), repository('push')] : [repository('delete')];
    default:
      return [
        repository('pull'),
        repository('push'),
        ...(mountFrom && mountFrom !== route.name ? [repository('pull', mountFrom)] : []),
      ];
  }
}

function json(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function grants(value: unknown): GrantedAccess[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { type, name, actions } = entry as Record<string, unknown>;
    if (typeof type !== 'string' || typeof name !== 'string' || !Array.isArray(actions)) return [];
    return [{ type, name, actions: actions.filter((a): a is string => typeof a === 'string') }];
  });
}

/** What a Bearer token grants; undefined when it is not a valid token for this registry now. */
export function verifyToken(token: string, trust: TokenTrust): GrantedAccess[] | undefined {
  if (token.length > MAX_TOKEN_CHARS) return undefined;
  const [header, claims, signature, extra] = token.split('.');
  if (!header || !claims || !signature || extra !== undefined) return undefined;
  const head = json(header);
  const body = json(claims);
  if (head?.alg !== 'RS256' || !body) return undefined;
  const signed = verify('sha256', Buffer.from(`${header}.${claims}`), trust.key, Buffer.from(signature, 'base64url'));
  if (!signed) return undefined;
  const audience = Array.isArray(body.aud) ? body.aud : [body.aud];
  if (body.iss !== trust.issuer || !audience.includes(trust.service)) return undefined;
  if (typeof body.exp !== 'number' || body.exp + LEEWAY_S < trust.now) return undefined;
  if (typeof body.nbf === 'number' && body.nbf - LEEWAY_S > trust.now) return undefined;
  return grants(body.access);
}

/** Whether granted access covers every record (`*` covers any action, as in distribution). */
export function allows(granted: readonly GrantedAccess[], needed: readonly AccessRecord[]): boolean {
  return needed.every((record) =>
    granted.some(
      (g) =>
        g.type === record.type &&
        g.name === record.name &&
        (g.actions.includes(record.action) || g.actions.includes('*')),
    ),
  );
}

/** `Bearer realm="…",service="…",scope="repository:a:pull,push repository:b:pull"`. */
export function challenge(
  realm: string,
  service: string,
  needed: readonly AccessRecord[],
  insufficient = false,
): string {
  const byResource = new Map<string, string[]>();
  for (const record of needed) {
    const key = `${record.type}:${record.name}`;
    const actions = byResource.get(key) ?? [];
    if (!actions.includes(record.action)) actions.push(record.action);
    byResource.set(key, actions);
  }
  const scope = [...byResource].map(([resource, actions]) => `${resource}:${actions.join(',')}`).join(' ');
  return (
    `Bearer realm="${realm}",service="${service}"` +
    (scope ? `,scope="${scope}"` : '') +
    (insufficient ? ',error="insufficient_scope"' : '')
  );
}
