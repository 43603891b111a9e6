// The app-wide copy engine Sync now uses, between two real registries: runs sharing it send a
// blob once however many need it, and runs writing into one target repository take turns (the
// later one is queued until the first is done), both completing.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CopyArtifact, CopyEngine } from '../../src-main/oci/copy-engine.js';
import { RegistryClient } from '../../src-main/oci/registry-client.js';
import { image, writeLayout } from './helpers/oci-layout.js';
import {
  REGISTRY_PASSWORD,
  REGISTRY_USER,
  skopeoPush,
  skopeoRawManifest,
  sha256,
  startRegistry,
  type TestRegistry,
} from './helpers/registry.js';

const creds = { username: REGISTRY_USER, password: REGISTRY_PASSWORD };
const shared = randomBytes(500_000);
const one = image([shared, Buffer.from('one\n')], { label: 'one' });
const two = image([shared, Buffer.from('two\n')], { label: 'two' });
const three = image([shared, Buffer.from('three\n')], { label: 'three' });

let source: TestRegistry;
let target: TestRegistry;
let layout: string;

beforeAll(async () => {
  [source, target] = await Promise.all([startRegistry('basic'), startRegistry('basic')]);
  layout = await writeLayout([
    { tag: 'one', top: one },
    { tag: 'two', top: two },
    { tag: 'three', top: three },
  ]);
  await skopeoPush(layout, 'one', source, 'team/app:one');
  await skopeoPush(layout, 'two', source, 'team/app:two');
  await skopeoPush(layout, 'three', source, 'team/other:three');
}, 60_000);

afterAll(async () => {
  await source?.stop();
  await target?.stop();
  if (layout) await rm(layout, { recursive: true, force: true });
});

describe('one copy engine for every run', () => {
  it('runs into one repository take turns, and a blob needed by three runs is sent once', async () => {
    const engine = new CopyEngine();
    const from = new RegistryClient({ baseUrl: source.url, credentials: creds });
    const to = new RegistryClient({ baseUrl: target.url, credentials: creds });
    const artifact = (repo: string, tag: string): CopyArtifact => ({
      source: { client: from, repo, reference: tag },
      target: { client: to, repo, tag, claimKey: `target/${repo}` },
      override: false,
    });
    const queued: string[] = [];
    const run = (name: string, artifacts: CopyArtifact[]) =>
      engine.copy(artifacts, { onQueued: (q) => queued.push(`${name} ${String(q)}`) });
    const [first, second, third] = await Promise.all([
      run('first', [artifact('team/app', 'one')]),
      run('second', [artifact('team/app', 'two')]),
      run('third', [artifact('team/other', 'three')]),
    ]);
    expect([first, second, third].flat().map((r) => r.outcome)).toEqual(['copied', 'copied', 'copied']);
    // The second run waited for the first (same repository); the third, elsewhere, did not.
    expect(queued).toEqual(['second true', 'second false']);
    // The shared layer went once: the others found it there or mounted it.
    const sent = [first, second, third].flat().reduce((sum, r) => sum + r.bytesSent, 0);
    const unique = new Map([...one.blobs, ...two.blobs, ...three.blobs].map((b) => [b.digest, b.size]));
    expect(sent).toBe([...unique.values()].reduce((sum, size) => sum + size, 0));
    expect(sha256(await skopeoRawManifest(target, 'team/app:one'))).toBe(one.digest);
    expect(sha256(await skopeoRawManifest(target, 'team/app:two'))).toBe(two.digest);
    expect(sha256(await skopeoRawManifest(target, 'team/other:three'))).toBe(three.digest);
  });

  it('runs beyond the engine’s run slots wait their turn (queued), and a cancelled waiter ends at once', async () => {
    const engine = new CopyEngine({ runConcurrency: 1 });
    const from = new RegistryClient({ baseUrl: source.url, credentials: creds });
    const to = new RegistryClient({ baseUrl: target.url, credentials: creds });
    const artifact = (repo: string, tag: string, into: string): CopyArtifact => ({
      source: { client: from, repo, reference: tag },
      target: { client: to, repo: into, tag },
      override: false,
    });
    const queued: string[] = [];
    const abort = new AbortController();
    const first = engine.copy([artifact('team/app', 'one', 'slots/one')], {
      onQueued: (q) => queued.push(`first ${String(q)}`),
    });
    const second = engine.copy([artifact('team/app', 'two', 'slots/two')], {
      onQueued: (q) => queued.push(`second ${String(q)}`),
    });
    const third = engine.copy(
      [artifact('team/other', 'three', 'slots/three')],
      { onQueued: (q) => queued.push(`third ${String(q)}`) },
      abort.signal,
    );
    abort.abort();
    const [a, b, c] = await Promise.all([first, second, third]);
    expect([a[0]!.outcome, b[0]!.outcome]).toEqual(['copied', 'copied']);
    expect(c[0]).toMatchObject({ outcome: 'failed', error: { code: 'ABORTED' } });
    expect(c[0]!.startedAt).toBeUndefined();
    expect(queued).toEqual(['second true', 'third true', 'second false']);
    expect(sha256(await skopeoRawManifest(target, 'slots/two:two'))).toBe(two.digest);
  });
});
