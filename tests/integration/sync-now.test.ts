// Sync now end to end: the app (AppCore, its router) against the in-process sandbox, whose two
// instances are backed by real docker-registry processes trusting the sandbox as their Bearer
// token service. The app logs in with temporary instance tokens, copies what each rule selects,
// records the run in the sync log (origin local) with its tasks, and announces it. Results are
// read with skopeo (an independent client) and through the app's own channels.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/app/create-app.js';
import type {
  Channel,
  InputOf,
  LocalRunProgress,
  OutputOf,
  SyncNowStarted,
  SyncRun,
} from '../../src-main/contract/index.js';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { helmChart, image, multiArch, writeLayout } from './helpers/oci-layout.js';
import { instanceNamed, tcrClient } from './helpers/sandbox-sdk.js';
import {
  skopeoDigestAs,
  skopeoPushAs,
  startSandboxTokenRegistry,
  type SandboxTokenRegistry,
} from './helpers/sandbox-token-registry.js';
import { WORKER_PATH } from './helpers/worker-path.js';

const WAIT_MS = 45_000;

type Call = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

let sandbox: RunningSandbox;
let source: SandboxTokenRegistry;
let target: SandboxTokenRegistry;
let gz: string;
let bj: string;
let dir: string;
let layout: string;
let core: AppCore;
let call: Call;
let profileId: string;
const finished: { run: SyncRun; failedByStatus: Record<string, number> }[] = [];
/** The last progress seen of each run (its final numbers are always sent). */
const lastProgress = new Map<string, LocalRunProgress>();
/** Run keys Recent runs was told about (`runs:changed`). */
const recentKeys = new Set<string>();
const realFetch = globalThis.fetch;

const shared = randomBytes(300_000);
const app = image([shared, Buffer.from('app layer\n')], { label: 'app' });
const other = image([Buffer.from('another app\n')], { label: 'other' });
const multi = multiArch(['amd64', 'arm64'], (arch) => Buffer.from(`layer of ${arch}\n`));
const chart = helmChart('mychart', '0.2.0');
const teamShared = randomBytes(400_000);
const teamA = image([teamShared, Buffer.from('a\n')], { label: 'a' });
const teamB = image([teamShared, Buffer.from('b\n')], { label: 'b' });
const big = image([randomBytes(6_000_000)], { label: 'big' });
const retryX = image([Buffer.from('x\n')], { label: 'x' });
const retryY = image([Buffer.from('y\n')], { label: 'y' });

const client = (region = 'ap-guangzhou') => tcrClient(sandbox, 0, region);

async function token(registryId: string, kind: 'temp' | 'longterm' = 'temp') {
  const region = registryId === bj ? instanceNamed(sandbox, 'acme-dr-bj').regionName : 'ap-guangzhou';
  const made = await client(region).CreateInstanceToken({ RegistryId: registryId, TokenType: kind });
  return { username: made.Username!, password: made.Token! };
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** The target's digest of `repo:tag` read over the registry's API (its own token flow), or undefined. */
async function targetDigest(ref: string): Promise<string | undefined> {
  const [repo, tag] = ref.split(':') as [string, string];
  const { username, password } = await token(bj);
  const login = await realFetch(`${sandbox.endpoint}/service/token?service=${bj}&scope=repository:${repo}:pull`, {
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
  });
  const { token: bearer } = (await login.json()) as { token: string };
  const reply = await realFetch(`${target.url}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { authorization: `Bearer ${bearer}`, accept: MANIFEST_TYPES },
  });
  if (reply.status === 404) return undefined;
  expect(reply.status).toBe(200);
  return reply.headers.get('docker-content-digest') ?? undefined;
}

async function createRule(name: string, filter: string, override = false): Promise<void> {
  const dest = instanceNamed(sandbox, 'acme-dr-bj');
  await client().ManageReplication({
    SourceRegistryId: gz,
    DestinationRegistryId: dest.registryId,
    DestinationRegionId: dest.regionId,
    Rule: { Name: name, DestNamespace: '', Override: override, Filters: [{ Type: 'name', Value: filter }] },
  });
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const endOf = (key: string) => until(`the end of ${key}`, () => finished.find((f) => f.run.key === key));

function startedOne(answer: SyncNowStarted): LocalRunProgress {
  expect(answer.refused).toEqual([]);
  expect(answer.started).toHaveLength(1);
  return answer.started[0]!;
}

const syncNow = (...ruleNames: string[]) =>
  call('rules:syncNow', { rules: ruleNames.map((ruleName) => ({ profileId, registryId: gz, ruleName })) });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, runTimeMs: 200 });
  gz = instanceNamed(sandbox, 'acme-prod-gz').registryId;
  bj = instanceNamed(sandbox, 'acme-dr-bj').registryId;
  source = await startSandboxTokenRegistry(sandbox, gz);
  target = await startSandboxTokenRegistry(sandbox, bj);
  await sandbox.attachRegistry({ registryId: gz, url: source.url, ...(await token(gz, 'longterm')) });
  await sandbox.attachRegistry({ registryId: bj, url: target.url, ...(await token(bj, 'longterm')) });
  layout = await writeLayout([
    { tag: 'app', top: app },
    { tag: 'other', top: other },
    { tag: 'multi', top: multi.index, extra: multi.children },
    { tag: 'chart', top: chart },
    { tag: 'team-a', top: teamA },
    { tag: 'team-b', top: teamB },
    { tag: 'big', top: big },
    { tag: 'x', top: retryX },
    { tag: 'y', top: retryY },
  ]);
  const push = async (tag: string, ref: string) => skopeoPushAs(layout, tag, source.host, ref, await token(gz));
  await push('app', 'sync/app:v1');
  await push('app', 'sync/app:v2');
  await push('multi', 'sync/multi:1.0');
  await push('chart', 'sync/mychart:0.2.0');
  await push('team-a', 'team/a:1');
  await push('team-b', 'team/b:1');
  await push('big', 'big/img:1');
  await push('x', 'retry/x:1');
  await push('y', 'retry/y:1');
  await createRule('sync-all', 'sync/**');
  await createRule('team-a', 'team/a');
  await createRule('team-b', 'team/b');
  await createRule('big-one', 'big/**');
  await createRule('retry-me', 'retry/**');

  dir = await mkdtemp(path.join(os.tmpdir(), 'tcr-sync-now-'));
  core = createAppCore({
    userDataDir: dir,
    host: 'browser',
    systemLocale: 'en-US',
    version: 'test',
    keychainWorkerPath: WORKER_PATH,
    tccliDir: path.join(dir, 'tccli'),
    isTrustedSender: () => true,
    startSandbox: async () => ({ ...sandbox, close: async () => undefined }),
  });
  core.events.on('run:finished', (event) => finished.push(event));
  core.events.on('runs:changed', (view) => {
    for (const run of view.runs) recentKeys.add(run.key);
  });
  core.events.on('copy:progress', (view) => {
    for (const run of view.runs) lastProgress.set(run.key, run);
  });
  await core.start();
  call = async (channel, input) => {
    const result = await core.router.call(channel, input, { origin: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value;
  };
  const profiles = await call('sandbox:addAccounts', undefined);
  const acme = profiles.find((p) => p.uin === sandbox.accounts[0]!.uin);
  profileId = acme!.id;
  await call('instances:refresh', {});
  await call('rules:refresh', {});
}, 120_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await core?.stop();
  await source?.stop();
  await target?.stop();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (layout) await rm(layout, { recursive: true, force: true });
});

describe('Sync now between two registries', () => {
  it('copies every selected tag (images, a multi-arch index, a chart); a second run sends nothing', async () => {
    const run = startedOne(await syncNow('sync-all'));
    expect(run).toMatchObject({ ruleName: 'sync-all', kind: 'rule', target: { registryId: bj } });
    expect(run.key).toMatch(new RegExp(`^${profileId}/${gz}/\\d{16}$`));
    const end = await endOf(run.key);
    expect(end.run).toMatchObject({ status: 'Succeed', total: 4, succeeded: 4, origin: 'local', ruleName: 'sync-all' });
    expect(end.failedByStatus).toEqual({});
    expect(await skopeoDigestAs(target.host, 'sync/app:v1', await token(bj))).toBe(app.digest);
    expect(await targetDigest('sync/app:v2')).toBe(app.digest);
    expect(await targetDigest('sync/multi:1.0')).toBe(multi.index.digest);
    expect(await targetDigest('sync/mychart:0.2.0')).toBe(chart.digest);
    expect(lastProgress.get(run.key)?.bytesSent).toBeGreaterThan(shared.length);

    // The sync log has it, with one task per artifact, answered from what was recorded.
    const tasks = await call('runs:tasks', { profileId, registryId: gz, runId: end.run.runId });
    expect(tasks.run).toMatchObject({ key: run.key, origin: 'local' });
    expect(tasks.tasks.map((t) => `${t.resourceType} ${t.source} ${t.destination} ${t.status}`).sort()).toEqual([
      'chart sync/mychart:0.2.0 sync/mychart:0.2.0 Succeed',
      'image sync/app:v1 sync/app:v1 Succeed',
      'image sync/app:v2 sync/app:v2 Succeed',
      'image sync/multi:1.0 sync/multi:1.0 Succeed',
    ]);
    const recent = await call('runs:list', { scope: 'recent' });
    expect(recent.runs.find((r) => r.key === run.key)).toMatchObject({ origin: 'local', status: 'Succeed' });
    await until('runs:changed with the run', () => (recentKeys.has(run.key) ? true : undefined));
    // The watcher's next polls of the source record the cloud's runs and keep ours.
    core.wake();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await call('runs:list', { scope: 'recent' })).runs.find((r) => r.key === run.key)).toMatchObject({
      origin: 'local',
    });
    // Announced like a cloud run.
    const notices = await until('the notice', async () => {
      const view = await call('notifications:list', undefined);
      return view.entries.some((e) => e.id === run.key) ? view : undefined;
    });
    expect(notices.entries.find((e) => e.id === run.key)).toMatchObject({ failed: false });

    const again = startedOne(await syncNow('sync-all'));
    expect(again.key).not.toBe(run.key);
    expect((await endOf(again.key)).run).toMatchObject({ status: 'Succeed', total: 4, succeeded: 4 });
    expect(lastProgress.get(again.key)?.bytesSent).toBe(0);
  });

  it('keeps a different target tag when override is off, and says so', async () => {
    await skopeoPushAs(layout, 'other', target.host, 'sync/app:v2', await token(bj));
    const run = startedOne(await syncNow('sync-all'));
    const end = await endOf(run.key);
    expect(end.run).toMatchObject({ status: 'Succeed', total: 4 });
    expect(await targetDigest('sync/app:v2')).toBe(other.digest);
    const tasks = await call('runs:tasks', { profileId, registryId: gz, runId: end.run.runId });
    expect(tasks.tasks.find((t) => t.source === 'sync/app:v2')?.status).toBe('Kept');
  });

  it('two rules sharing a source in one request send each shared blob once', async () => {
    const answer = await syncNow('team-a', 'team-b');
    expect(answer.refused).toEqual([]);
    const ends = await Promise.all(answer.started.map((s) => endOf(s.key)));
    expect(ends.map((e) => e.run.status)).toEqual(['Succeed', 'Succeed']);
    expect(await targetDigest('team/a:1')).toBe(teamA.digest);
    expect(await targetDigest('team/b:1')).toBe(teamB.digest);
    const sent = answer.started.reduce((sum, s) => sum + (lastProgress.get(s.key)?.bytesSent ?? 0), 0);
    // The shared layer travels once (the other repository mounts it); each image's own blobs once.
    const unique = new Map([...teamA.blobs, ...teamB.blobs].map((b) => [b.digest, b.size]));
    expect(sent).toBe([...unique.values()].reduce((sum, size) => sum + size, 0));
  });

  it('never runs a rule twice at once (two windows asking together)', async () => {
    const [one, two] = await Promise.all([syncNow('sync-all'), syncNow('sync-all')]);
    const started = [...one.started, ...two.started];
    const refused = [...one.refused, ...two.refused];
    expect(started).toHaveLength(1);
    expect(refused).toEqual([{ ruleName: 'sync-all', profileId, registryId: gz, reason: 'alreadyRunning' }]);
    await endOf(started[0]!.key);
  });

  it('cancel stops a run without leaving a partial tag, recorded Stopped', async () => {
    await call('settings:update', { bandwidthCapMbps: 8 }); // 1 MB/s: the 6 MB layer takes a while
    try {
      const run = startedOne(await syncNow('big-one'));
      await until('bytes flowing', () => ((lastProgress.get(run.key)?.bytesSent ?? 0) > 0 ? true : undefined));
      await call('copy:cancel', { key: run.key });
      const end = await endOf(run.key);
      expect(end.run).toMatchObject({ status: 'Stopped', total: 1, succeeded: 0 });
      expect(end.failedByStatus).toEqual({ Stopped: 1 });
      expect(await targetDigest('big/img:1')).toBeUndefined();
      expect((await call('copy:list', {})).runs.find((r) => r.key === run.key)).toBeUndefined();
    } finally {
      await call('settings:update', { bandwidthCapMbps: 0 });
    }
  });

  it('records the registry’s error per artifact, and Retry failed copies just the failed ones', async () => {
    // The target refuses retry/y's manifest once (as a quota would).
    globalThis.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.host === target.host && init?.method === 'PUT' && url.pathname.startsWith('/v2/retry/y/manifests/')) {
        return new Response(JSON.stringify({ errors: [{ code: 'DENIED', message: 'injected: quota exceeded' }] }), {
          status: 403,
          headers: { 'content-type': 'application/json' },
        });
      }
      return realFetch(input, init);
    };
    let failedKey: string;
    try {
      const run = startedOne(await syncNow('retry-me'));
      failedKey = run.key;
      const end = await endOf(run.key);
      expect(end.run).toMatchObject({ status: 'Failed', total: 2, succeeded: 1 });
      expect(end.failedByStatus).toEqual({ Failed: 1 });
      const tasks = await call('runs:tasks', { profileId, registryId: gz, runId: end.run.runId });
      expect(tasks.tasks[0]).toMatchObject({
        source: 'retry/y:1',
        status: 'Failed',
        error: 'DENIED: injected: quota exceeded',
      });
      expect(await targetDigest('retry/y:1')).toBeUndefined();
      const notice = await until('the failed notice', async () =>
        (await call('notifications:list', undefined)).entries.find((e) => e.id === run.key),
      );
      expect(notice).toMatchObject({ failed: true, failedByStatus: { Failed: 1 } });
    } finally {
      globalThis.fetch = realFetch;
    }

    const retry = startedOne(await call('runs:retryFailed', { runKey: failedKey }));
    expect(retry).toMatchObject({ kind: 'retry', retryOf: failedKey, artifactsTotal: 1, ruleName: 'retry-me' });
    const end = await endOf(retry.key);
    expect(end.run).toMatchObject({ status: 'Succeed', total: 1, succeeded: 1 });
    const tasks = await call('runs:tasks', { profileId, registryId: gz, runId: end.run.runId });
    expect(tasks.tasks.map((t) => `${t.source} ${t.status}`)).toEqual(['retry/y:1 Succeed']);
    expect(await targetDigest('retry/y:1')).toBe(retryY.digest);

    // Nothing failed in the retry: nothing to retry.
    const none = await call('runs:retryFailed', { runKey: retry.key });
    expect(none).toMatchObject({ started: [], refused: [{ reason: 'nothingToRetry', ruleName: 'retry-me' }] });
  });
});
