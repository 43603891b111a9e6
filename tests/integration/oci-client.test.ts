// The OCI registry client against real registries: Debian's docker-registry (CNCF distribution
// 2.8) with Basic and with Bearer token auth, fixtures pushed and copies checked with skopeo.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaType, parseManifest } from '../../src-main/domain/oci-manifest.js';
import { RegistryClient } from '../../src-main/oci/registry-client.js';
import { RegistryError } from '../../src-main/oci/registry-error.js';
import { type Built, helmChart, image, multiArch, writeLayout } from './helpers/oci-layout.js';
import {
  blobDataPath,
  READER_PASSWORD,
  READER_USER,
  REGISTRY_PASSWORD,
  REGISTRY_USER,
  sha256,
  skopeoPush,
  skopeoRawManifest,
  startRegistry,
  type TestRegistry,
} from './helpers/registry.js';

const creds = { username: REGISTRY_USER, password: REGISTRY_PASSWORD };

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RegistryError)) throw new Error(`expected a RegistryError, got ${String(error)}`);
  return error;
}

/** Copies one image manifest (its blobs, then itself) with the client, as the engine will. */
async function copyImage(client: RegistryClient, from: string, to: string, reference: string): Promise<string> {
  const source = await client.getManifest(from, reference);
  if (source.manifest.kind === 'index') throw new Error('not an image');
  for (const b of [source.manifest.config, ...source.manifest.layers]) {
    if ((await client.headBlob(to, b.digest)) !== undefined) continue;
    await client.pushBlob(to, b.digest, b.size, await client.pullBlob(from, b.digest));
  }
  return client.putManifest(to, reference, source.mediaType, source.bytes);
}

// Fixtures: two OCI images sharing a base layer, a Docker v2 image, a multi-arch index, a chart.
const base = Buffer.from('shared base layer\n'.repeat(100));
const app = image([base, Buffer.from('app layer\n')], { label: 'app' });
const other = image([base, Buffer.from('other layer\n')], { label: 'other' });
const forDocker = image([Buffer.from('docker layer\n')], { label: 'docker' });
const multi = multiArch(['amd64', 'arm64'], (arch) => Buffer.from(`binary for ${arch}\n`));
const chart = helmChart('mychart', '0.1.0');

async function pushFixtures(registry: TestRegistry): Promise<void> {
  const entries: { tag: string; top: Built; extra?: Built[]; ref: string; format?: 'v2s2' }[] = [
    { tag: 'app', top: app, ref: 'ns/app:v1' },
    { tag: 'other', top: other, ref: 'ns/other:v1' },
    { tag: 'docker', top: forDocker, ref: 'ns/docker:v1', format: 'v2s2' },
    { tag: 'multi', top: multi.index, extra: multi.children, ref: 'ns/multi:v1' },
    { tag: 'chart', top: chart, ref: 'charts/mychart:0.1.0' },
  ];
  const layout = await writeLayout(entries);
  try {
    for (const e of entries) await skopeoPush(layout, e.tag, registry, e.ref, e.format);
  } finally {
    await rm(layout, { recursive: true, force: true });
  }
}

describe('RegistryClient against docker-registry with Basic auth', () => {
  let registry: TestRegistry;
  let client: RegistryClient;

  beforeAll(async () => {
    registry = await startRegistry('basic');
    await pushFixtures(registry);
    client = new RegistryClient({ baseUrl: registry.url, credentials: creds, chunkSize: 64 * 1024 });
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('gets each kind of manifest with its verified digest and what it references', async () => {
    const got = await client.getManifest('ns/app', 'v1');
    expect(got).toMatchObject({ mediaType: MediaType.ociManifest, digest: app.digest });
    expect(Buffer.from(got.bytes).equals(app.bytes)).toBe(true);
    expect(got.manifest.kind).toBe('image');
    expect(got.manifest.kind !== 'index' && got.manifest.layers.map((l) => l.digest)).toEqual(
      app.blobs.slice(1).map((b) => b.digest),
    );

    const docker = await client.getManifest('ns/docker', 'v1');
    const dockerDigest = sha256(await skopeoRawManifest(registry, 'ns/docker:v1'));
    expect(docker).toMatchObject({ mediaType: MediaType.dockerManifest, digest: dockerDigest });
    expect(docker.manifest.kind).toBe('image');

    const index = await client.getManifest('ns/multi', 'v1');
    expect(index).toMatchObject({ mediaType: MediaType.ociIndex, digest: multi.index.digest });
    expect(index.manifest.kind === 'index' && index.manifest.manifests.map((m) => m.platform?.architecture)).toEqual([
      'amd64',
      'arm64',
    ]);
    const child = await client.getManifest('ns/multi', multi.children[1]?.digest ?? '');
    expect(child.digest).toBe(multi.children[1]?.digest);

    const helm = await client.getManifest('charts/mychart', '0.1.0');
    expect(helm.manifest.kind).toBe('chart');
    expect(await client.headManifest('charts/mychart', '0.1.0')).toMatchObject({ digest: chart.digest });
    expect(await client.headManifest('charts/mychart', 'missing')).toBeUndefined();
  });

  it('reports a missing manifest and a missing repository with the registry codes', async () => {
    const missingTag = await rejection(client.getManifest('ns/app', 'nope'));
    expect(missingTag).toMatchObject({ status: 404, code: 'MANIFEST_UNKNOWN' });
    const missingRepo = await rejection(client.listTags('ns/none'));
    expect(missingRepo).toMatchObject({ status: 404, code: 'NAME_UNKNOWN' });
  });

  it('copies an image, a Docker image, a chart and a multi-arch index; skopeo sees the same digests', async () => {
    expect(await copyImage(client, 'ns/app', 'copy/app', 'v1')).toBe(app.digest);
    const dockerDigest = sha256(await skopeoRawManifest(registry, 'ns/docker:v1'));
    expect(await copyImage(client, 'ns/docker', 'copy/docker', 'v1')).toBe(dockerDigest);
    expect(await copyImage(client, 'charts/mychart', 'copy/mychart', '0.1.0')).toBe(chart.digest);
    for (const c of multi.children) await copyImage(client, 'ns/multi', 'copy/multi', c.digest);
    const index = await client.getManifest('ns/multi', 'v1');
    expect(await client.putManifest('copy/multi', 'v1', index.mediaType, index.bytes)).toBe(multi.index.digest);

    expect(sha256(await skopeoRawManifest(registry, 'copy/app:v1'))).toBe(app.digest);
    expect(sha256(await skopeoRawManifest(registry, 'copy/docker:v1'))).toBe(dockerDigest);
    expect(sha256(await skopeoRawManifest(registry, 'copy/mychart:0.1.0'))).toBe(chart.digest);
    const raw = await skopeoRawManifest(registry, 'copy/multi:v1');
    expect(sha256(raw)).toBe(multi.index.digest);
    expect(parseManifest(raw).kind).toBe('index');
  });

  it('HEADs blobs, mounts one across repositories, and gets an upload session when it cannot', async () => {
    const [, baseLayer] = app.blobs;
    if (!baseLayer) throw new Error('fixture');
    expect(await client.headBlob('ns/app', baseLayer.digest)).toBe(baseLayer.size);
    expect(await client.headBlob('mount/target', baseLayer.digest)).toBeUndefined();

    expect(await client.mountBlob('mount/target', baseLayer.digest, 'ns/app')).toEqual({ mounted: true });
    expect(await client.headBlob('mount/target', baseLayer.digest)).toBe(baseLayer.size);

    const unknown = sha256('never pushed');
    const refused = await client.mountBlob('mount/target', unknown, 'ns/app');
    expect(refused.mounted).toBe(false);
    // The session it opened is usable: push the blob through it.
    const bytes = Buffer.from('never pushed');
    if (refused.mounted) throw new Error('unreachable');
    await client.pushBlob('mount/target', unknown, bytes.length, Readable.from([bytes]), undefined, refused.uploadUrl);
    expect(await client.headBlob('mount/target', unknown)).toBe(bytes.length);

    const again = await client.mountBlob('mount/other', sha256('also never pushed'), 'ns/app');
    if (again.mounted) throw new Error('mounted a blob that does not exist');
    await client.cancelUpload('mount/other', again.uploadUrl);
    const gone = await fetch(again.uploadUrl, {
      headers: { authorization: `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64')}` },
    });
    expect(gone.status).toBe(404);
  });

  it('pushes a multi-chunk blob from a stream and pulls it back verified', async () => {
    const bytes = randomBytes(300 * 1024 + 17);
    const digest = sha256(bytes);
    const pieces = [bytes.subarray(0, 1000), bytes.subarray(1000, 200_000), bytes.subarray(200_000)];
    await client.pushBlob('blobs/big', digest, bytes.length, Readable.from(pieces));
    expect(await client.headBlob('blobs/big', digest)).toBe(bytes.length);
    const pulled = await collect(await client.pullBlob('blobs/big', digest));
    expect(pulled.equals(bytes)).toBe(true);
  });

  it('refuses to commit a pushed blob whose bytes do not match its digest or size', async () => {
    const bytes = Buffer.from('the real bytes');
    const claimed = sha256('other bytes');
    const wrongDigest = await rejection(client.pushBlob('blobs/bad', claimed, bytes.length, Readable.from([bytes])));
    expect(wrongDigest.code).toBe('DIGEST_INVALID');
    expect(await client.headBlob('blobs/bad', claimed)).toBeUndefined();
    const wrongSize = await rejection(client.pushBlob('blobs/bad', sha256(bytes), 3, Readable.from([bytes])));
    expect(wrongSize.code).toBe('SIZE_INVALID');
  });

  it('a pulled blob whose stored bytes were corrupted errors at the end of the stream', async () => {
    const bytes = randomBytes(200 * 1024);
    const digest = sha256(bytes);
    await client.pushBlob('blobs/corrupt', digest, bytes.length, Readable.from([bytes]));
    const path = blobDataPath(registry, digest);
    const stored = await readFile(path);
    stored[stored.length - 1] = (stored[stored.length - 1] ?? 0) ^ 0xff;
    await writeFile(path, stored);
    const error = await rejection(client.pullBlob('blobs/corrupt', digest).then(collect));
    expect(error.code).toBe('DIGEST_INVALID');
  });

  it('lists tags across Link-header pages', async () => {
    const paged = new RegistryClient({ baseUrl: registry.url, credentials: creds, tagPageSize: 2 });
    const source = await paged.getManifest('ns/app', 'v1');
    const tags = ['a1', 'a2', 'a3', 'a4', 'a5'];
    await copyImage(paged, 'ns/app', 'tags/many', 'v1');
    for (const tag of tags) await paged.putManifest('tags/many', tag, source.mediaType, source.bytes);
    expect((await paged.listTags('tags/many')).sort()).toEqual([...tags, 'v1']);
  });

  it('a consumer slower than the idle timeout is not a stalled registry', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const digest = sha256(bytes);
    await client.pushBlob('blobs/slow', digest, bytes.length, Readable.from([bytes]));
    const patient = new RegistryClient({ baseUrl: registry.url, credentials: creds, idleTimeoutMs: 500 });
    const stream = await patient.pullBlob('blobs/slow', digest);
    const parts: Buffer[] = [];
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      if (parts.length === 1) await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });

  it('wrong credentials and no credentials give UNAUTHORIZED', async () => {
    const wrong = new RegistryClient({
      baseUrl: registry.url,
      credentials: { username: REGISTRY_USER, password: 'x' },
    });
    expect(await rejection(wrong.getManifest('ns/app', 'v1'))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const anonymous = new RegistryClient({ baseUrl: registry.url });
    expect(await rejection(anonymous.headBlob('ns/app', app.digest))).toMatchObject({ status: 401 });
  });

  it('an aborted call rejects with ABORTED; a pull aborted mid-stream errors', async () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(await rejection(client.getManifest('ns/app', 'v1', aborted.signal))).toMatchObject({ code: 'ABORTED' });

    const bytes = randomBytes(4 * 1024 * 1024);
    const digest = sha256(bytes);
    await client.pushBlob('blobs/abort', digest, bytes.length, Readable.from([bytes]));
    const controller = new AbortController();
    const stream = await client.pullBlob('blobs/abort', digest, controller.signal);
    stream.once('data', () => controller.abort()); // Cancel as the first bytes arrive
    expect(await rejection(collect(stream))).toMatchObject({ code: 'ABORTED' });

    const pushing = new AbortController();
    const slow = Readable.from(
      (async function* () {
        yield randomBytes(64 * 1024);
        pushing.abort();
        yield randomBytes(64 * 1024);
      })(),
    );
    expect(
      await rejection(client.pushBlob('blobs/abort2', sha256('x'), 128 * 1024, slow, pushing.signal)),
    ).toMatchObject({
      code: 'ABORTED',
    });
  });
});

/** A TCP proxy that cuts the first PATCH request after `cutAfter` bytes of it have gone through. */
async function startCuttingProxy(
  target: TestRegistry,
  cutAfter: number,
): Promise<{ url: string; cuts: number; server: Server; close: () => Promise<void> }> {
  const state = {
    url: '',
    cuts: 0,
    server: undefined as unknown as Server,
    close: (): Promise<void> => Promise.resolve(),
  };
  let armed = true;
  // After the cut, what the client sends next (the upload's status) waits a moment, so the
  // registry has dropped the broken upload by then, as it does on its own soon after.
  let settleUntil = 0;
  const [host, port] = target.host.split(':');
  const sockets = new Set<Socket>();
  state.server = createServer((client: Socket) => {
    const upstream = connect(Number(port), host);
    sockets.add(client).add(upstream);
    let patchSeen = -1; // bytes forwarded since the PATCH began, or -1
    let queue = Promise.resolve();
    const forward = (data: Buffer): void => {
      const wait = settleUntil - Date.now();
      queue = queue
        .then(() => (wait > 0 ? new Promise<void>((resolve) => setTimeout(resolve, wait)) : undefined))
        .then(() => {
          if (!upstream.destroyed) upstream.write(data);
        });
    };
    client.on('data', (data: Buffer) => {
      if (armed && patchSeen < 0) {
        const at = data.indexOf('PATCH /v2/');
        if (at >= 0) patchSeen = -at;
      }
      if (armed && patchSeen !== -1 && patchSeen + data.length >= cutAfter) {
        const keep = Math.max(0, cutAfter - patchSeen);
        armed = false;
        state.cuts += 1;
        settleUntil = Date.now() + 500;
        // After what was forwarded before it, in order.
        queue = queue.then(() => {
          upstream.write(data.subarray(0, keep), () => {
            upstream.destroy();
            client.destroy();
          });
        });
        return;
      }
      if (patchSeen !== -1 && armed) patchSeen += data.length;
      forward(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  // Closing waits for open connections; the client's keep-alive ones are ended here.
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      state.server.close(() => resolve());
    });
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

describe('RegistryClient resumes an upload after a dropped connection', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry('basic');
  });
  afterAll(async () => {
    await registry.stop();
  });

  // Distribution 2.8 cancels an upload whose PATCH broke off mid-body (its status GET answers
  // BLOB_UPLOAD_INVALID), so against it the client sends the blob again in a new session.
  it('after the first PATCH is cut, asks the status and sends again; the blob arrives whole and verified', async () => {
    const proxy = await startCuttingProxy(registry, 150 * 1024);
    try {
      const client = new RegistryClient({ baseUrl: proxy.url, credentials: creds, chunkSize: 1024 * 1024 });
      const bytes = randomBytes(2 * 1024 * 1024 + 5);
      const digest = sha256(bytes);
      let opened = 0;
      const open = (): Promise<Readable> => {
        opened += 1;
        return Promise.resolve(Readable.from([bytes.subarray(0, 700_000), bytes.subarray(700_000)]));
      };
      await client.pushBlob('resume/blob', digest, bytes.length, open);
      expect(proxy.cuts).toBe(1);
      expect(opened).toBe(2);
      const direct = new RegistryClient({ baseUrl: registry.url, credentials: creds });
      expect(await direct.headBlob('resume/blob', digest)).toBe(bytes.length);
      expect((await collect(await direct.pullBlob('resume/blob', digest))).equals(bytes)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('a plain stream cannot be sent again: the cut upload fails with the registry error', async () => {
    const proxy = await startCuttingProxy(registry, 150 * 1024);
    try {
      const client = new RegistryClient({ baseUrl: proxy.url, credentials: creds, chunkSize: 1024 * 1024 });
      const bytes = randomBytes(1024 * 1024);
      const error = await rejection(
        client.pushBlob('resume/plain', sha256(bytes), bytes.length, Readable.from([bytes])),
      );
      // Invalid or unknown, depending on whether the registry had cancelled the session yet.
      expect(['BLOB_UPLOAD_INVALID', 'BLOB_UPLOAD_UNKNOWN']).toContain(error.code);
      expect(await client.headBlob('resume/plain', sha256(bytes))).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });
});

describe('RegistryClient against docker-registry with Bearer token auth', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry('bearer');
    await pushFixtures(registry);
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('fetches a token for the scope, caches it, and copies across repositories', async () => {
    const client = new RegistryClient({ baseUrl: registry.url, credentials: creds });
    const before = registry.tokenRequests.length;
    expect((await client.getManifest('ns/app', 'v1')).digest).toBe(app.digest);
    expect((await client.getManifest('ns/app', 'v1')).digest).toBe(app.digest);
    const asked = registry.tokenRequests.slice(before);
    expect(asked).toEqual([{ scopes: ['repository:ns/app:pull'], user: REGISTRY_USER }]);

    expect(await copyImage(client, 'ns/app', 'copy/app', 'v1')).toBe(app.digest);
    const [, baseLayer] = other.blobs;
    if (!baseLayer) throw new Error('fixture');
    expect(await client.mountBlob('copy/other', baseLayer.digest, 'ns/app')).toEqual({ mounted: true });
    expect(sha256(await skopeoRawManifest(registry, 'copy/app:v1'))).toBe(app.digest);
  });

  it('a cached token is used until it expires, then a new one is fetched', async () => {
    let now = Date.now();
    const client = new RegistryClient({ baseUrl: registry.url, credentials: creds, now: () => now });
    await client.headBlob('expiry/repo', sha256('learn the challenge'));
    const before = registry.tokenRequests.length;
    await client.getManifest('ns/app', 'v1');
    now += 280_000; // the service's tokens last 300 s; the client keeps a 10 s margin
    await client.getManifest('ns/app', 'v1');
    expect(registry.tokenRequests.length - before).toBe(1);
    now += 15_000;
    await client.getManifest('ns/app', 'v1');
    expect(registry.tokenRequests.length - before).toBe(2);
  });

  it('concurrent calls share one token; concurrent pushes of one blob both succeed', async () => {
    const client = new RegistryClient({ baseUrl: registry.url, credentials: creds });
    await client.headBlob('conc/repo', sha256('warm-up')); // learns the challenge
    const before = registry.tokenRequests.length;
    const digests = await Promise.all(Array.from({ length: 8 }, () => client.getManifest('ns/other', 'v1')));
    expect(new Set(digests.map((m) => m.digest))).toEqual(new Set([other.digest]));
    expect(registry.tokenRequests.slice(before)).toEqual([
      { scopes: ['repository:ns/other:pull'], user: REGISTRY_USER },
    ]);

    const bytes = randomBytes(300 * 1024);
    const digest = sha256(bytes);
    await Promise.all([
      client.pushBlob('conc/repo', digest, bytes.length, Readable.from([bytes])),
      client.pushBlob('conc/repo', digest, bytes.length, Readable.from([bytes])),
    ]);
    expect((await collect(await client.pullBlob('conc/repo', digest))).equals(bytes)).toBe(true);
  });

  it('a user who may only pull is refused a push; wrong credentials are refused a token', async () => {
    const reader = new RegistryClient({
      baseUrl: registry.url,
      credentials: { username: READER_USER, password: READER_PASSWORD },
    });
    expect((await reader.getManifest('ns/app', 'v1')).digest).toBe(app.digest);
    const source = await reader.getManifest('ns/app', 'v1');
    const denied = await rejection(reader.putManifest('ns/app', 'v2', source.mediaType, source.bytes));
    expect(denied.status).toBe(401);
    expect(['UNAUTHORIZED', 'DENIED']).toContain(denied.code);

    const wrong = new RegistryClient({
      baseUrl: registry.url,
      credentials: { username: REGISTRY_USER, password: 'nope' },
    });
    expect(await rejection(wrong.getManifest('ns/app', 'v1'))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });
});

describe('RegistryClient against a misbehaving server', () => {
  let server: HttpServer;
  let url = '';
  const digest = sha256('manifest');
  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      if (req.url?.startsWith('/v2/silent/')) return; // never answers
      if (req.url?.startsWith('/v2/huge/')) {
        res.writeHead(200, { 'content-type': MediaType.ociManifest });
        res.end(Buffer.alloc(5 * 1024 * 1024, 0x20));
        return;
      }
      if (req.url?.startsWith('/v2/stall/')) {
        res.writeHead(200, { 'content-length': '1000' });
        res.write(Buffer.alloc(10)); // and nothing more
        return;
      }
      if (req.url?.startsWith('/v2/plain/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(app.bytes.toString().replace(`"mediaType":"${MediaType.ociManifest}",`, ''));
        return;
      }
      if (req.url?.startsWith('/v2/liar/')) {
        const body = JSON.stringify({ schemaVersion: 2, manifests: [] });
        res.writeHead(200, { 'content-type': MediaType.ociIndex, 'docker-content-digest': digest });
        res.end(body);
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a registry that never answers times out; one that sends too much or lies about a digest is refused', async () => {
    const impatient = new RegistryClient({ baseUrl: url, requestTimeoutMs: 300, idleTimeoutMs: 300 });
    expect(await rejection(impatient.getManifest('silent/repo', 'v1'))).toMatchObject({ code: 'TIMEOUT' });
    const stalled = await impatient.pullBlob('stall/repo', digest);
    expect(await rejection(collect(stalled))).toMatchObject({ code: 'TIMEOUT' });
    const client = new RegistryClient({ baseUrl: url });
    expect(await rejection(client.getManifest('huge/repo', 'v1'))).toMatchObject({ code: 'TOO_LARGE' });
    expect(await rejection(client.getManifest('liar/repo', 'v1'))).toMatchObject({ code: 'DIGEST_INVALID' });
    // An OCI manifest without mediaType served as plain JSON is told apart by its fields.
    expect(await client.getManifest('plain/repo', 'v1')).toMatchObject({
      mediaType: MediaType.ociManifest,
      manifest: { kind: 'image' },
    });
  });
});

/**
 * A registry that keeps what arrived of a broken PATCH and reports it (`Range`), as the spec
 * lets registries do (distribution 2.8 does not): the client resumes inside the chunk.
 */
describe('RegistryClient against a registry that keeps a broken PATCH', () => {
  let server: HttpServer;
  let url = '';
  const stored = new Map<string, Buffer>();
  const blobs = new Map<string, Buffer>();
  const patches: string[] = [];
  let cut = true;
  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const id = /\/blobs\/uploads\/([\w-]+)$/.exec(path)?.[1];
      if (req.method === 'POST') {
        const created = randomUUID();
        stored.set(created, Buffer.alloc(0));
        res.writeHead(202, { location: `/v2/resume/blob/blobs/uploads/${created}` }).end();
      } else if (req.method === 'PATCH' && id) {
        patches.push(req.headers['content-range'] ?? '');
        const [from] = (req.headers['content-range'] ?? '0-0').split('-');
        if (Number(from) !== stored.get(id)?.length) {
          res.writeHead(416).end();
          return;
        }
        req.on('data', (data: Buffer) => {
          let piece = data;
          const had = stored.get(id) ?? Buffer.alloc(0);
          if (cut && had.length + piece.length > 100_000) {
            piece = piece.subarray(0, 100_000 - had.length);
            cut = false;
            stored.set(id, Buffer.concat([had, piece]));
            req.socket.destroy();
            return;
          }
          stored.set(id, Buffer.concat([had, piece]));
        });
        req.on('end', () => {
          const size = stored.get(id)?.length ?? 0;
          res.writeHead(202, { location: req.url ?? '', range: `0-${size - 1}` }).end();
        });
      } else if (req.method === 'GET' && id) {
        const size = stored.get(id)?.length ?? 0;
        res.writeHead(204, { location: req.url ?? '', range: `0-${size - 1}` }).end();
      } else if (req.method === 'PUT' && id) {
        const digest = new URL(req.url ?? '/', 'http://x').searchParams.get('digest') ?? '';
        const bytes = stored.get(id) ?? Buffer.alloc(0);
        if (sha256(bytes) !== digest) {
          res.writeHead(400).end(JSON.stringify({ errors: [{ code: 'DIGEST_INVALID', message: 'digest' }] }));
          return;
        }
        blobs.set(digest, bytes);
        res.writeHead(201).end();
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('asks how much arrived and sends only the rest of the chunk', async () => {
    const client = new RegistryClient({ baseUrl: url, chunkSize: 256 * 1024 });
    const bytes = randomBytes(600 * 1024);
    const digest = sha256(bytes);
    await client.pushBlob('resume/blob', digest, bytes.length, Readable.from([bytes]));
    expect(blobs.get(digest)?.equals(bytes)).toBe(true);
    expect(patches).toEqual([
      `0-${256 * 1024 - 1}`,
      `100000-${256 * 1024 - 1}`,
      `${256 * 1024}-${512 * 1024 - 1}`,
      `${512 * 1024}-${600 * 1024 - 1}`,
    ]);
  });
});
