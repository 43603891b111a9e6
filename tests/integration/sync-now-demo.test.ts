// Sync now in the demo: the embedded sandbox's instances backed by its in-process registries
// (what `npm run dev` shows), a seeded rule copied end to end — its one immutable tag refused by the
// target and reported with the registry's message — and a second run sending nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/app/create-app.js';
import type { Channel, InputOf, LocalRunProgress, OutputOf, SyncRun } from '../../src-main/contract/index.js';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { instanceNamed } from './helpers/sandbox-sdk.js';
import { WORKER_PATH } from './helpers/worker-path.js';

type Call = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

let sandbox: RunningSandbox;
let dir: string;
let core: AppCore;
let call: Call;
const finished: SyncRun[] = [];
const lastProgress = new Map<string, LocalRunProgress>();

async function endOf(key: string): Promise<SyncRun> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const run = finished.find((r) => r.key === key);
    if (run) return run;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${key}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, runTimeMs: 200, demoRegistries: 'in-process' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'tcr-sync-now-demo-'));
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
  core.events.on('run:finished', ({ run }) => finished.push(run));
  core.events.on('copy:progress', (view) => {
    for (const run of view.runs) lastProgress.set(run.key, run);
  });
  await core.start();
  call = async (channel, input) => {
    const result = await core.router.call(channel, input, { origin: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value;
  };
  await call('sandbox:addAccounts', undefined);
  await call('instances:refresh', {});
  await call('rules:refresh', {});
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Sync now in the demo', () => {
  it('copies a seeded rule between the in-process registries, the immutable tag refused; a second run sends nothing', async () => {
    const rules = (await call('rules:list', undefined)).rows;
    const rule = rules.find((r) => r.name === 'platform-to-shanghai');
    expect(rule).toBeDefined();
    const key = {
      profileId: rule!.profileId,
      registryId: instanceNamed(sandbox, 'acme-prod-gz').registryId,
      ruleName: rule!.name,
    };
    const answer = await call('rules:syncNow', { rules: [key] });
    expect(answer.refused).toEqual([]);
    const run = await endOf(answer.started[0]!.key);
    const tasks = await call('runs:tasks', {
      profileId: run.profileId,
      registryId: run.source.registryId,
      runId: run.runId,
    });
    // The seed's immutable tag on the target, with another digest: the registry refuses it.
    expect(tasks.tasks.filter((t) => t.status === 'Failed')).toMatchObject([
      { source: 'platform/api-gateway:v1.9.0', error: expect.stringMatching(/^PRECONDITION: .*immutable/) },
    ]);
    expect(run).toMatchObject({ status: 'Failed', origin: 'local', succeeded: run.total - 1 });
    expect(run.total).toBeGreaterThan(1);
    expect(lastProgress.get(run.key)?.bytesSent).toBeGreaterThan(0);

    const again = await call('rules:syncNow', { rules: [key] });
    const second = await endOf(again.started[0]!.key);
    expect(second).toMatchObject({ status: 'Failed', total: run.total, succeeded: run.total - 1 });
    expect(lastProgress.get(second.key)?.bytesSent).toBe(0);
  });
});
