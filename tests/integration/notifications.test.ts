// Finished sync runs reach the notification centre: the app (its real watcher) against the sandbox
// with the demo accounts. Artifacts pushed into an instance start its rules' runs; each finished
// run is announced once (sync:finished with the right figures), also after a restart, and lands in
// the history with the tray's state; a run failed on purpose (fault injection) turns it to failed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunNotice } from '../../src-main/contract/index.js';
import { noticeText } from '../../src-main/domain/notice-text.js';
import { startDemoApp, type DemoApp } from './helpers/demo-app.js';

let app: DemoApp;
let announced: RunNotice[];

beforeEach(async () => {
  announced = [];
  app = await startDemoApp('tcr-notifications-', {
    onCore: (core) => core.events.on('sync:finished', (notice) => announced.push(notice)),
  });
});
afterEach(() => app.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  // A bound of waiting, not of speed (a loaded 2-core CI machine is slow).
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function instance(name: string): string {
  const found = app.sandbox.accounts.flatMap((a) => a.instances).find((i) => i.registryName === name);
  if (!found) throw new Error(`no demo instance ${name}`);
  return found.registryId;
}

/** The demo accounts as profiles, their rules read, and the watcher's first look at `registryId` done. */
async function watching(registryId: string): Promise<void> {
  await app.call('sandbox:addAccounts', undefined);
  await app.call('instances:refresh', {});
  await app.call('rules:refresh', {});
  app.core.wake();
  await until('the first look at the source', async () => {
    const view = await app.call('runs:list', { scope: 'recent' });
    return view.scope === 'recent' && view.sources.some((s) => s.registryId === registryId && s.fetchedAt);
  });
}

/** Pushes a tag; once its runs have ended, the watcher is told to look at once (as after sleep). */
async function push(registryId: string, tag: string): Promise<void> {
  const { executionIds } = app.sandbox.push({
    registryId,
    namespace: 'platform',
    repository: 'api-gateway',
    tag,
    kind: 'image',
  });
  expect(executionIds).toHaveLength(2); // platform-to-shanghai and release-to-globex
  await sleep(400); // the sandbox's runs take 200 ms
  app.core.wake();
}

describe('finished runs in the notification centre (driven by the real watcher)', () => {
  it(
    'announces each run of a push once, with its figures; a failed one turns the tray to failed',
    { timeout: 150_000 },
    async () => {
      const gz = instance('acme-prod-gz');
      await watching(gz);
      expect(announced).toEqual([]); // the runs already in the log are history: not announced

      await push(gz, 'v9.0.0');
      await until('two runs announced', () => announced.length >= 2);
      expect(announced.map((n) => [n.run.ruleName, n.run.succeeded, n.run.total, n.failed, n.raised]).sort()).toEqual([
        ['platform-to-shanghai', 1, 1, false, true],
        ['release-to-globex', 1, 1, false, true],
      ]);
      expect((await app.call('notifications:list', undefined)).tray).not.toBe('failed');

      app.sandbox.failReplication({ registryId: instance('acme-prod-sh'), times: 1 });
      await push(gz, 'v9.0.1');
      await until('four runs announced', () => announced.length >= 4);
      const failed = announced.slice(2).find((n) => n.run.ruleName === 'platform-to-shanghai');
      expect(failed).toMatchObject({ failed: true, failedByStatus: { Failed: 1 }, run: { succeeded: 0, total: 1 } });
      expect(noticeText(failed!, 'en')).toMatchObject({ title: 'rule platform-to-shanghai' });
      expect(noticeText(failed!, 'en').body).toMatch(/^0\/1 synced in .+ — 1 failed$/);

      const view = await app.call('notifications:list', undefined);
      expect(view).toMatchObject({ unread: 4, tray: 'failed' });
      expect(view.entries.map((e) => e.id)).toEqual(announced.map((n) => n.id).reverse());
      await sleep(300);
      expect(new Set(announced.map((n) => n.id)).size).toBe(announced.length);
    },
  );

  it(
    'keeps the history across a restart and announces nothing twice; a run ended while stopped, once',
    { timeout: 150_000 },
    async () => {
      const gz = instance('acme-prod-gz');
      await watching(gz);
      await push(gz, 'v9.1.0');
      await until('two runs announced', () => announced.length >= 2);
      await app.call('notifications:markRead', { ids: [announced[0]!.id] });

      await app.core.stop();
      app.sandbox.push({
        registryId: gz,
        namespace: 'platform',
        repository: 'api-gateway',
        tag: 'v9.1.1',
        kind: 'image',
      });
      await sleep(400); // both runs end while the app is stopped
      await app.restart();
      app.core.wake();
      await until('the runs that ended while stopped', () => announced.length >= 4);
      await sleep(500);
      expect(announced).toHaveLength(4);
      expect(new Set(announced.map((n) => n.id)).size).toBe(4);

      const view = await app.call('notifications:list', undefined);
      expect(view.entries).toHaveLength(4);
      expect(view.unread).toBe(3);
    },
  );
});
