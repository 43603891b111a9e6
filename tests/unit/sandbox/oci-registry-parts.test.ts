// The in-process registry's pure parts: its paths, paging, byte ranges, and the token checks
// (tokens made by the sandbox's own token service, verified with the key it publishes).
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoSeed } from '../../../src-main/sandbox/demo-seed.js';
import { allows, challenge, neededAccess, verifyToken } from '../../../src-main/sandbox/oci-registry/access.js';
import { OciError } from '../../../src-main/sandbox/oci-registry/errors.js';
import { nextLink, pageOf, pageRequest } from '../../../src-main/sandbox/oci-registry/paging.js';
import { parseContentRange, parseRange, uploadRange } from '../../../src-main/sandbox/oci-registry/ranges.js';
import { parseRoute } from '../../../src-main/sandbox/oci-registry/routes.js';
import { RegistryTokenService, TOKEN_ISSUER } from '../../../src-main/sandbox/registry-token-service.js';
import { SandboxState } from '../../../src-main/sandbox/state.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('routes', () => {
  it('reads names of several components and every kind of path', () => {
    expect(parseRoute('/v2/')).toEqual({ kind: 'ping' });
    expect(parseRoute('/v2/_catalog')).toEqual({ kind: 'catalog' });
    expect(parseRoute('/v2/a/b/c/tags/list')).toEqual({ kind: 'tags', name: 'a/b/c' });
    expect(parseRoute('/v2/team/app/manifests/v1.0')).toEqual({
      kind: 'manifest',
      name: 'team/app',
      reference: 'v1.0',
    });
    expect(parseRoute(`/v2/team/app/manifests/${DIGEST}`)).toMatchObject({ reference: DIGEST });
    expect(parseRoute(`/v2/x/y/z/blobs/${DIGEST}`)).toEqual({ kind: 'blob', name: 'x/y/z', digest: DIGEST });
    expect(parseRoute('/v2/x/y/blobs/uploads/')).toEqual({ kind: 'uploads', name: 'x/y' });
    expect(parseRoute(`/v2/x/y/blobs/uploads/${ID}`)).toEqual({ kind: 'upload', name: 'x/y', id: ID });
    expect(parseRoute('/v1/anything')).toBeUndefined();
  });

  it('refuses bad names, tags and digests with their OCI codes', () => {
    const code = (path: string) => {
      try {
        parseRoute(path);
        return 'accepted';
      } catch (error) {
        return (error as OciError).code;
      }
    };
    expect(code('/v2/Team/App/tags/list')).toBe('NAME_INVALID');
    expect(code('/v2/team/app/manifests/-bad')).toBe('MANIFEST_INVALID');
    expect(code('/v2/team/app/manifests/sha256:short')).toBe('DIGEST_INVALID');
    expect(code('/v2/team/app/blobs/md5:abc')).toBe('DIGEST_INVALID');
    expect(code('/v2/team/app/blobs/uploads/not-a-session')).toBe('BLOB_UPLOAD_UNKNOWN');
    expect(parseRoute('/v2/team/app/blobs/uploads/../../x')).toBeUndefined();
  });
});

describe('paging', () => {
  const names = ['a', 'b', 'c', 'd', 'e'];
  it('gives n entries after last, and says when more follow', () => {
    expect(pageOf(names, {})).toEqual({ items: names, more: false });
    expect(pageOf(names, { n: 2 })).toEqual({ items: ['a', 'b'], more: true });
    expect(pageOf(names, { n: 2, last: 'd' })).toEqual({ items: ['e'], more: false });
    expect(pageOf(names, { n: 3, last: 'b' })).toEqual({ items: ['c', 'd', 'e'], more: false });
    expect(nextLink('/v2/team/app/tags/list', ['a', 'b'], 2)).toBe('</v2/team/app/tags/list?last=b&n=2>; rel="next"');
  });
  it('refuses a page size that is not a small whole number', () => {
    expect(pageRequest(new URLSearchParams('n=5&last=x'))).toEqual({ n: 5, last: 'x' });
    for (const n of ['-1', '1.5', 'x', '1000000']) {
      expect(() => pageRequest(new URLSearchParams({ n }))).toThrow(OciError);
    }
  });
});

describe('ranges', () => {
  it('reads chunk ranges and blob ranges', () => {
    expect(parseContentRange('0-99')).toEqual({ start: 0, end: 99 });
    expect(parseContentRange('bytes 100-199/*')).toEqual({ start: 100, end: 199 });
    expect(parseContentRange('9-1')).toBeUndefined();
    expect(parseContentRange('abc')).toBeUndefined();
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=95-500', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=1-2,5-6', 100)).toBeUndefined();
    expect(uploadRange(0)).toBe('0-0');
    expect(uploadRange(10)).toBe('0-9');
  });
});

describe('access', () => {
  const NOW = Date.UTC(2026, 11, 4, 12);
  const state = new SandboxState(demoSeed(NOW));
  const instance = state.accounts[0]!.instances[0]!;
  instance.tokens.push({
    id: 't1',
    token: 'secret',
    username: 'user',
    desc: '',
    kind: 'temp',
    enabled: true,
    createdAt: NOW,
    expiresAt: NOW + 3600_000,
  });
  const service = new RegistryTokenService(state, () => NOW);
  const key = new X509Certificate(service.auth('http://sandbox').certificatePem).publicKey;
  const trust = { key, issuer: TOKEN_ISSUER, service: instance.registryId, now: NOW / 1000 };
  const tokenFor = (...scopes: string[]) => {
    const url = new URL('http://sandbox/service/token');
    url.searchParams.set('service', instance.registryId);
    for (const s of scopes) url.searchParams.append('scope', s);
    const reply = service.answer(url, `Basic ${Buffer.from('user:secret').toString('base64')}`);
    return (reply.body as { token: string }).token;
  };

  it('needs pull to read, pull and push to write, delete to delete, pull on the mount source', () => {
    const manifest = { kind: 'manifest', name: 'team/app', reference: 'v1' } as const;
    expect(neededAccess('GET', manifest)).toEqual([{ type: 'repository', name: 'team/app', action: 'pull' }]);
    expect(neededAccess('PUT', manifest).map((r) => r.action)).toEqual(['pull', 'push']);
    expect(neededAccess('DELETE', manifest).map((r) => r.action)).toEqual(['delete']);
    expect(neededAccess('POST', { kind: 'uploads', name: 'team/app' }, 'team/base')).toContainEqual({
      type: 'repository',
      name: 'team/base',
      action: 'pull',
    });
    expect(neededAccess('GET', { kind: 'catalog' })).toEqual([{ type: 'registry', name: 'catalog', action: '*' }]);
  });

  it('accepts the token service’s token for what it grants, and nothing more', () => {
    const granted = verifyToken(tokenFor('repository:team/app:pull,push'), trust);
    expect(granted).toEqual([{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }]);
    expect(allows(granted!, neededAccess('PUT', { kind: 'manifest', name: 'team/app', reference: 'v1' }))).toBe(true);
    expect(allows(granted!, neededAccess('GET', { kind: 'tags', name: 'team/other' }))).toBe(false);
    expect(allows(granted!, neededAccess('DELETE', { kind: 'blob', name: 'team/app', digest: DIGEST }))).toBe(false);
  });

  it('refuses a token for another instance, expired, from another key or tampered with', () => {
    const token = tokenFor('repository:team/app:pull');
    expect(verifyToken(token, { ...trust, service: 'tcr-other' })).toBeUndefined();
    expect(verifyToken(token, { ...trust, now: NOW / 1000 + 3 * 3600 })).toBeUndefined();
    const other = new RegistryTokenService(state, () => NOW);
    const otherKey = new X509Certificate(other.auth('http://sandbox').certificatePem).publicKey;
    expect(verifyToken(token, { ...trust, key: otherKey })).toBeUndefined();
    const [head, , signature] = token.split('.');
    const claims = Buffer.from(
      JSON.stringify({ iss: TOKEN_ISSUER, aud: instance.registryId, exp: NOW / 1000 + 60, access: [] }),
    ).toString('base64url');
    expect(verifyToken(`${head}.${claims}.${signature}`, trust)).toBeUndefined();
    expect(verifyToken('not-a-jwt', trust)).toBeUndefined();
  });

  it('challenges with the realm, the service and the scopes to ask for', () => {
    const needed = neededAccess('POST', { kind: 'uploads', name: 'team/app' }, 'team/base');
    expect(challenge('http://s/service/token', 'tcr-1', needed)).toBe(
      'Bearer realm="http://s/service/token",service="tcr-1",scope="repository:team/app:pull,push repository:team/base:pull"',
    );
    expect(challenge('http://s/t', 'tcr-1', [], true)).toBe(
      'Bearer realm="http://s/t",service="tcr-1",error="insufficient_scope"',
    );
  });
});
