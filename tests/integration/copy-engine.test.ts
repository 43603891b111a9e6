// The copy engine between two real registries (Debian's docker-registry, CNCF distribution 2.8):
// the source behind Bearer token auth, the target behind Basic auth and a counting proxy that
// records every request the engine sends it. Fixtures go in, and copies are checked, with skopeo.
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ArtifactResult,
  type CopyArtifact,
  type CopyProgress,
  copyArtifacts,
} from '../../src-main/oci/copy-engine.js';
import { RegistryClient } from '../../src-main/oci/registry-client.js';
import { type Built, helmChart, image, multiArch, writeLayout } from './helpers/oci-layout.js';
import {
  REGISTRY_PASSWORD,
  REGISTRY_USER,
  sha256,
  skopeoPush,
  skopeoRawManifest,
  startRegistry,
  type TestRegistry,
} from './helpers/registry.js';

const creds = { username: REGISTRY_USER, password: REGISTRY_PASSWORD };

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  status?: number;
}

/** What the proxy does with a request instead of passing it on: cut the connection, or answer that the upload is gone. */
type Hook = (s: Seen) => 'drop' | 'lost' | undefined;

/** A pass-through HTTP proxy in front of a registry that records each request and its status. */
async function countingProxy(
  registry: TestRegistry,
): Promise<{ url: string; seen: Seen[]; onRequest: { hook?: Hook }; stop: () => Promise<void> }> {
  const seen: Seen[] = [];
  const onRequest: { hook?: Hook } = {};
  const [host, port] = registry.host.split(':');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const entry: Seen = { method: req.method ?? '', path: url.pathname, query: url.searchParams };
    seen.push(entry);
    const action = onRequest.hook?.(entry);
    if (action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (action === 'lost') {
      entry.status = 404;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'BLOB_UPLOAD_UNKNOWN', message: 'blob upload unknown' }] }));
      return;
    }
    const upstream = httpRequest(
      { host, port: Number(port), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        entry.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.on('error', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    onRequest,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Blob uploads the target received: each completing PUT (`?digest=`), by digest. */
function uploadsByDigest(seen: Seen[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of seen) {
    const digest = s.query.get('digest');
    if (s.method === 'PUT' && s.path.includes('/blobs/uploads/') && digest)
      counts.set(digest, (counts.get(digest) ?? 0) + 1);
  }
  return counts;
}

function uploadRequests(seen: Seen[]): Seen[] {
  return seen.filter(
    (s) => (s.method === 'PATCH' || s.method === 'PUT' || s.method === 'POST') && s.path.includes('/blobs/uploads/'),
  );
}

async function rawDigest(registry: TestRegistry, ref: string): Promise<string> {
  return sha256(await skopeoRawManifest(registry, ref));
}

// Fixtures: two images sharing a base layer, a multi-arch index, a Helm chart, and a big image.
const base = Buffer.from('shared base layer\n'.repeat(2000));
const app = image([base, Buffer.from('app layer\n')], { label: 'app' });
const other = image([base, Buffer.from('other layer\n')], { label: 'other' });
const multi = multiArch(['amd64', 'arm64'], (arch) => Buffer.from(`binary for ${arch}\n`));
const chart = helmChart('mychart', '0.1.0');
const big = image([randomBytes(3 * 1024 * 1024)], { label: 'big' });
const forDocker = image([Buffer.from('docker layer\n')], { label: 'docker' });

describe('copy engine between two registries', () => {
  let source: TestRegistry;
  let target: TestRegistry;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let from: RegistryClient;
  let to: RegistryClient;

  beforeAll(async () => {
    [source, target] = await Promise.all([startRegistry('bearer'), startRegistry('basic')]);
    proxy = await countingProxy(target);
    from = new RegistryClient({ baseUrl: source.url, credentials: creds });
    to = new RegistryClient({ baseUrl: proxy.url, credentials: creds, chunkSize: 1024 * 1024 });
    const entries: { tag: string; top: Built; extra?: Built[]; ref: string; format?: 'v2s2' }[] = [
      { tag: 'app', top: app, ref: 'ns/app:v1' },
      { tag: 'other', top: other, ref: 'ns/other:v1' },
      { tag: 'multi', top: multi.index, extra: multi.children, ref: 'ns/multi:v1' },
      { tag: 'chart', top: chart, ref: 'charts/mychart:0.1.0' },
      { tag: 'big', top: big, ref: 'ns/big:v1' },
      { tag: 'docker', top: forDocker, ref: 'ns/docker:v1', format: 'v2s2' },
    ];
    const layout = await writeLayout(entries);
    try {
      for (const e of entries) await skopeoPush(layout, e.tag, source, e.ref, e.format);
    } finally {
      await rm(layout, { recursive: true, force: true });
    }
  });

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([source?.stop(), target?.stop()]);
  });

  const artifact = (repo: string, tag: string, targetRepo = repo, override = false): CopyArtifact => ({
    source: { client: from, repo, reference: tag },
    target: { client: to, repo: targetRepo, tag },
    override,
  });

  const selection = (): CopyArtifact[] => [
    artifact('ns/app', 'v1'),
    artifact('ns/other', 'v1'),
    artifact('ns/multi', 'v1'),
    artifact('charts/mychart', '0.1.0'),
  ];

  it('copies an image, images sharing a layer, a multi-arch index and a chart, each blob sent once', async () => {
    proxy.seen.length = 0;
    const progress: CopyProgress[] = [];
    const results = await copyArtifacts(selection(), {
      bytesPerSecond: 64 * 1024 * 1024,
      onProgress: (p) => progress.push(p),
    });
    expect(results.map((r) => [r.outcome, r.error?.message])).toEqual(
      Array.from({ length: 4 }, () => ['copied', undefined]),
    );
    expect(results.map((r) => r.digest)).toEqual([app.digest, other.digest, multi.index.digest, chart.digest]);

    // Every selected tag is on the target with the source's digest.
    expect(await rawDigest(target, 'ns/app:v1')).toBe(app.digest);
    expect(await rawDigest(target, 'ns/other:v1')).toBe(other.digest);
    expect(await rawDigest(target, 'ns/multi:v1')).toBe(multi.index.digest);
    expect(await rawDigest(target, 'charts/mychart:0.1.0')).toBe(chart.digest);
    for (const child of multi.children) expect(await rawDigest(target, `ns/multi@${child.digest}`)).toBe(child.digest);

    // Manifests last: in each repository after its blobs, an index's children before the index.
    for (const repo of ['ns/app', 'ns/other', 'ns/multi', 'charts/mychart']) {
      const inRepo = proxy.seen.filter((s) => s.path.startsWith(`/v2/${repo}/`));
      const firstManifestPut = inRepo.findIndex((s) => s.method === 'PUT' && s.path.includes('/manifests/'));
      const lastBlobUpload = inRepo.findLastIndex((s) => s.path.includes('/blobs/uploads/'));
      expect(firstManifestPut).toBeGreaterThan(lastBlobUpload);
      expect(inRepo.filter((s) => s.method === 'PUT').at(-1)?.path).toMatch(/\/manifests\/(v1|0\.1\.0)$/);
    }
    const multiPuts = proxy.seen
      .filter((s) => s.method === 'PUT' && s.path.startsWith('/v2/ns/multi/manifests/'))
      .map((s) => s.path.slice('/v2/ns/multi/manifests/'.length));
    expect(multiPuts).toHaveLength(3);
    expect(multiPuts.slice(0, 2).sort()).toEqual(multi.children.map((c) => c.digest).sort());
    expect(multiPuts[2]).toBe('v1');

    // Each blob was uploaded exactly once; the shared base layer reached ns/other by a mount.
    const uploads = uploadsByDigest(proxy.seen);
    const allBlobs = new Set([app, other, chart, ...multi.children].flatMap((b) => b.blobs.map((x) => x.digest)));
    expect(new Set(uploads.keys())).toEqual(allBlobs);
    expect([...uploads.values()].every((n) => n === 1)).toBe(true);
    const baseLayer = app.blobs[1]?.digest ?? '';
    expect(other.blobs.map((b) => b.digest)).toContain(baseLayer);
    const mounts = proxy.seen.filter(
      (s) => s.method === 'POST' && s.query.get('mount') === baseLayer && s.status === 201,
    );
    expect(mounts).toHaveLength(1);
    expect(await to.headBlob('ns/app', baseLayer)).toBe(await to.headBlob('ns/other', baseLayer));

    // Bytes sent: every blob's size once; progress ends with all artifacts and all bytes.
    const totalSize = [...allBlobs].reduce((sum, d) => {
      const blob = [app, other, chart, ...multi.children].flatMap((b) => b.blobs).find((x) => x.digest === d);
      return sum + (blob?.size ?? 0);
    }, 0);
    expect(results.reduce((sum, r) => sum + r.bytesSent, 0)).toBe(totalSize);
    expect(progress.at(-1)).toEqual({ artifactsDone: 4, artifactsTotal: 4, bytesSent: totalSize });
  });

  it('sends no blob and no manifest on a second run: every artifact is unchanged', async () => {
    proxy.seen.length = 0;
    const results = await copyArtifacts(selection());
    expect(results.map((r) => [r.outcome, r.bytesSent])).toEqual(Array.from({ length: 4 }, () => ['unchanged', 0]));
    expect(uploadRequests(proxy.seen)).toEqual([]);
    expect(proxy.seen.filter((s) => s.method === 'PUT')).toEqual([]);
  });

  it('keeps a different existing tag with override off, and replaces it with override on', async () => {
    const layout = await writeLayout([{ tag: 'other', top: other }]);
    try {
      await skopeoPush(layout, 'other', target, 'keep/app:v1');
    } finally {
      await rm(layout, { recursive: true, force: true });
    }
    proxy.seen.length = 0;
    const [kept] = await copyArtifacts([artifact('ns/app', 'v1', 'keep/app')]);
    expect(kept?.outcome).toBe('kept');
    expect(kept?.bytesSent).toBe(0);
    expect(uploadRequests(proxy.seen)).toEqual([]);
    expect(await rawDigest(target, 'keep/app:v1')).toBe(other.digest);

    const [replaced] = await copyArtifacts([artifact('ns/app', 'v1', 'keep/app', true)]);
    expect(replaced?.outcome).toBe('copied');
    expect(await rawDigest(target, 'keep/app:v1')).toBe(app.digest);
  });

  it('copies a Docker v2 schema 2 image byte for byte', async () => {
    const sourceDigest = await rawDigest(source, 'ns/docker:v1');
    const [result] = await copyArtifacts([artifact('ns/docker', 'v1')]);
    expect([result?.outcome, result?.digest]).toEqual(['copied', sourceDigest]);
    expect(await rawDigest(target, 'ns/docker:v1')).toBe(sourceDigest);
  });

  it('reports a failed artifact and still copies the others', async () => {
    const results: ArtifactResult[] = await copyArtifacts([
      artifact('ns/app', 'missing', 'fail/app'),
      artifact('charts/mychart', '0.1.0', 'fail/chart'),
    ]);
    expect(results[0]?.outcome).toBe('failed');
    expect(results[0]?.error?.code).toBe('MANIFEST_UNKNOWN');
    expect(results[1]?.outcome).toBe('copied');
    expect(await rawDigest(target, 'fail/chart:0.1.0')).toBe(chart.digest);
  });

  it('copies correctly when two runs share blobs on the same target registry at once', async () => {
    // Distinct repositories: distribution's filesystem storage itself races on one repository's link
    // files when two writers commit the same blob or tag into it at once.
    const selectionInto = (prefix: string): CopyArtifact[] => [
      artifact('ns/app', 'v1', `${prefix}/app`),
      artifact('ns/other', 'v1', `${prefix}/other`),
      artifact('ns/multi', 'v1', `${prefix}/multi`),
    ];
    const runs = await Promise.all([copyArtifacts(selectionInto('one')), copyArtifacts(selectionInto('two'))]);
    for (const results of runs) {
      expect(results.map((r) => [r.outcome, r.error?.code, r.error?.message])).toEqual(
        Array.from({ length: 3 }, () => ['copied', undefined, undefined]),
      );
    }
    for (const prefix of ['one', 'two']) {
      expect(await rawDigest(target, `${prefix}/app:v1`)).toBe(app.digest);
      expect(await rawDigest(target, `${prefix}/other:v1`)).toBe(other.digest);
      expect(await rawDigest(target, `${prefix}/multi:v1`)).toBe(multi.index.digest);
    }
  });

  it('sends a blob again from a reopened source when the registry loses the upload', async () => {
    const layer = big.blobs[1];
    if (!layer) throw new Error('fixture');
    let dropped = false;
    let lost = false;
    proxy.onRequest.hook = (s) => {
      if (!s.path.startsWith('/v2/reopen/big/blobs/uploads/')) return undefined;
      if (s.method === 'PATCH' && !dropped) {
        dropped = true;
        return 'drop';
      }
      if (s.method === 'GET' && dropped && !lost) {
        lost = true;
        return 'lost';
      }
      return undefined;
    };
    proxy.seen.length = 0;
    try {
      const [result] = await copyArtifacts([artifact('ns/big', 'v1', 'reopen/big')]);
      expect([result?.outcome, result?.error?.message]).toEqual(['copied', undefined]);
      // The first attempt's bytes went out too: more than the blobs' sizes in all.
      expect(result?.bytesSent).toBeGreaterThan(layer.size);
    } finally {
      proxy.onRequest.hook = undefined;
    }
    expect([dropped, lost]).toEqual([true, true]);
    expect(uploadsByDigest(proxy.seen).get(layer.digest)).toBe(1);
    expect(await rawDigest(target, 'reopen/big:v1')).toBe(big.digest);
    expect(await to.headBlob('reopen/big', layer.digest)).toBe(layer.size);
  });

  it('leaves no tag on the target when a run is cancelled mid-upload', async () => {
    const controller = new AbortController();
    proxy.onRequest.hook = (s) => {
      if (s.path.includes('/blobs/uploads/') && (s.method === 'PATCH' || s.method === 'PUT')) controller.abort();
      return undefined;
    };
    try {
      const results = await copyArtifacts(
        [artifact('ns/big', 'v1', 'cancel/big'), artifact('ns/multi', 'v1', 'cancel/multi')],
        {},
        controller.signal,
      );
      expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
        ['failed', 'ABORTED'],
        ['failed', 'ABORTED'],
      ]);
    } finally {
      proxy.onRequest.hook = undefined;
    }
    expect(await to.headManifest('cancel/big', 'v1')).toBeUndefined();
    expect(await to.headManifest('cancel/multi', 'v1')).toBeUndefined();
    await expect(skopeoRawManifest(target, 'cancel/big:v1')).rejects.toThrow();

    // The same selection afterwards copies cleanly.
    const again = await copyArtifacts([
      artifact('ns/big', 'v1', 'cancel/big'),
      artifact('ns/multi', 'v1', 'cancel/multi'),
    ]);
    expect(again.map((r) => r.outcome)).toEqual(['copied', 'copied']);
    expect(await rawDigest(target, 'cancel/big:v1')).toBe(big.digest);
    expect(await rawDigest(target, 'cancel/multi:v1')).toBe(multi.index.digest);
  });
});
