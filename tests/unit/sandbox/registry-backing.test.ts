// A registry-backed instance's reads against a small fake registry on 127.0.0.1: concurrent lists
// share one read, a brief cache then a fresh read (manifests by digest read once), the bounds
// (pages, tags, reply size, time) and the registry's failures as the cloud API's errors.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backedCreateNamespace, backedNamespaces } from '../../../src-main/sandbox/actions/backed-content.js';
import { ApiError } from '../../../src-main/sandbox/api-error.js';
import { RegistryBacking, type RegistryBackingOptions } from '../../../src-main/sandbox/registry-backing.js';

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function fakeRegistry(handler: Handler): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    if (request.headers.authorization !== `Basic ${Buffer.from('u:p').toString('base64')}`) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' }).end();
      return;
    }
    handler(request, response, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const manifestBytes = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 10 },
    layers: [],
  }),
);
const manifestDigest = `sha256:${createHash('sha256').update(manifestBytes).digest('hex')}`;

/** Two repositories over two catalog pages; `ns/app` has tags v1 and v2 (one manifest). */
const registryHandler: Handler = (request, response, url) => {
  const json = (body: unknown, headers: Record<string, string> = {}) =>
    response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  if (url.pathname === '/v2/') return json({});
  if (url.pathname === '/v2/_catalog') {
    if (url.searchParams.get('last') === 'ns/app') return json({ repositories: ['team/tool'] });
    return json({ repositories: ['alpine', 'ns/app'] }, { link: '</v2/_catalog?last=ns/app&n=2>; rel="next"' });
  }
  if (url.pathname === '/v2/ns/app/tags/list') return json({ name: 'ns/app', tags: ['v1', 'v2'] });
  if (url.pathname.startsWith('/v2/ns/app/manifests/')) {
    response.writeHead(200, {
      'content-type': 'application/vnd.oci.image.manifest.v1+json',
      'docker-content-digest': manifestDigest,
      'content-length': String(manifestBytes.length),
    });
    response.end(request.method === 'HEAD' ? undefined : manifestBytes);
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NAME_UNKNOWN"}]}');
};

function backing(url: string, options: RegistryBackingOptions = {}): RegistryBacking {
  return new RegistryBacking({ url, username: 'u', password: 'p' }, options);
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('RegistryBacking', () => {
  it('walks the catalog pages and leaves out one-component repositories', async () => {
    const registry = await fakeRegistry(registryHandler);
    expect(await backing(registry.url).repositories()).toEqual([
      { namespace: 'ns', repository: 'app' },
      { namespace: 'team', repository: 'tool' },
    ]);
    expect(registry.requests.filter((r) => r.startsWith('GET /v2/_catalog'))).toHaveLength(2);
  });

  it('answers concurrent lists with one read, then reads again once the cache is stale', async () => {
    const registry = await fakeRegistry(registryHandler);
    let now = 1_000;
    const backed = backing(registry.url, { now: () => now, cacheMs: 2000 });
    const lists = await Promise.all(Array.from({ length: 8 }, () => backed.images('ns/app')));
    for (const list of lists) {
      expect(list).toEqual([
        { tag: 'v1', digest: manifestDigest, kind: 'image', size: manifestBytes.length + 10 },
        { tag: 'v2', digest: manifestDigest, kind: 'image', size: manifestBytes.length + 10 },
      ]);
    }
    const count = (prefix: string) => registry.requests.filter((r) => r.startsWith(prefix)).length;
    expect(count('GET /v2/ns/app/tags/list')).toBe(1);
    expect(count('HEAD /v2/ns/app/manifests/')).toBe(2);
    // One GET for the one manifest both tags name.
    expect(count('GET /v2/ns/app/manifests/')).toBe(1);
    now += 2500;
    await backed.images('ns/app');
    expect(count('GET /v2/ns/app/tags/list')).toBe(2);
    expect(count('HEAD /v2/ns/app/manifests/')).toBe(4);
    // A digest already read is not read again.
    expect(count('GET /v2/ns/app/manifests/')).toBe(1);
  });

  it('says undefined for a repository the registry does not have', async () => {
    const registry = await fakeRegistry(registryHandler);
    expect(await backing(registry.url).images('ns/nope')).toBeUndefined();
  });

  it('bounds the pages, the tags and the time, as FailedOperation errors', async () => {
    const registry = await fakeRegistry(registryHandler);
    const pages = await apiError(backing(registry.url, { maxPages: 1 }).repositories());
    expect(pages).toMatchObject({ code: 'FailedOperation', message: expect.stringContaining('more than 1 pages') });
    const tags = await apiError(backing(registry.url, { maxTags: 1 }).images('ns/app'));
    expect(tags).toMatchObject({ code: 'FailedOperation', message: expect.stringContaining('more than 1 tags') });
    const slow = await fakeRegistry(() => undefined); // never answers
    const timedOut = await apiError(backing(slow.url, { timeoutMs: 100 }).repositories());
    expect(timedOut).toMatchObject({ code: 'FailedOperation', message: expect.stringContaining('100 ms') });
  });

  it('refuses an oversized reply and a manifest that does not match its digest', async () => {
    const huge = await fakeRegistry((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"repositories":["${'a'.repeat(5 * 1024 * 1024)}"]}`);
    });
    const tooLarge = await apiError(backing(huge.url).repositories());
    expect(tooLarge.message).toContain('larger than');
    const lying = await fakeRegistry((request, response, url) => {
      if (url.pathname.endsWith('/tags/list')) {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"tags":["v1"]}');
        return;
      }
      response.writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'docker-content-digest': `sha256:${'b'.repeat(64)}`,
      });
      response.end(request.method === 'HEAD' ? undefined : manifestBytes);
    });
    const mismatch = await apiError(backing(lying.url).images('ns/app'));
    expect(mismatch.message).toContain('does not match its digest');
  });

  it('says the credentials were refused without repeating them, and does not cache a failure', async () => {
    const registry = await fakeRegistry(registryHandler);
    const wrong = new RegistryBacking({ url: registry.url, username: 'u', password: 'secret-pass' });
    const refused = await apiError(wrong.repositories());
    expect(refused).toMatchObject({ code: 'FailedOperation', message: expect.stringContaining('HTTP 401') });
    expect(refused.message).not.toContain('secret-pass');
    await apiError(wrong.repositories());
    expect(registry.requests.filter((r) => r.startsWith('GET /v2/_catalog'))).toHaveLength(2);
  });

  it('creates a namespace once when several callers create it at once, during a catalog read', async () => {
    const registry = await fakeRegistry(registryHandler);
    const backed = backing(registry.url);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        backedCreateNamespace(backed, { RegistryId: 'tcr-x', NamespaceName: 'new-ns', IsPublic: false }, 1),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    const listed = await backedNamespaces(backed, { RegistryId: 'tcr-x', All: true });
    expect((listed.NamespaceList as { Name: string }[]).map((n) => n.Name)).toEqual(['ns', 'team', 'new-ns']);
    const again = await apiError(
      backedCreateNamespace(backed, { RegistryId: 'tcr-x', NamespaceName: 'ns', IsPublic: false }, 1),
    );
    expect(again.code).toBe('InvalidParameter.ErrNamespaceExist');
  });
});
