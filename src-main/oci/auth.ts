// The registry's own challenge: `WWW-Authenticate: Basic realm=…` or
// `Bearer realm=…,service=…,scope=…` (Docker token auth, as Harbor and distribution speak it).

export type Challenge = { scheme: 'basic' } | { scheme: 'bearer'; realm: string; service?: string; scope?: string };

/** Parses the first challenge the client can answer, or undefined. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header || header.length > 4096) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] ?? '').toLowerCase();
  if (scheme === 'basic') return { scheme: 'basic' };
  if (scheme !== 'bearer') return undefined;
  const params = new Map<string, string>();
  for (const p of (match[2] ?? '').matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params.set((p[1] ?? '').toLowerCase(), (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  const realm = params.get('realm');
  if (!realm) return undefined;
  const service = params.get('service');
  const scope = params.get('scope');
  return { scheme: 'bearer', realm, ...(service ? { service } : {}), ...(scope ? { scope } : {}) };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** A repository scope, e.g. `repository:ns/app:pull,push`. */
export function repositoryScope(repo: string, push: boolean): string {
  return `repository:${repo}:${push ? 'pull,push' : 'pull'}`;
}
