// The sync watcher in the app, against the embedded sandbox over the real SDK: pushes start runs
// that succeed and fail (Shanghai's immutable v* tags refuse an overwrite), and each finished run
// is announced once as run:finished with the right figures — none missed, none repeated, also
// when runs finished while the app was stopped, and the history of the first look stays silent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainEvents } from '../../src-main/services/shared/event-hub.js';
import { sandboxControl } from '../shared/sandbox-control.js';
import { startDemoApp, type DemoApp } from './helpers/demo-app.js';

const ACME_PROD_GZ = 'tcr-8kq3m2zd';
const SHANGHAI_RULE = 'platform-to-shanghai';
const GLOBEX_RULE = 'release-to-globex';

let app: DemoApp;
const finished: MainEvents['run:finished'][] = [];

beforeAll(async () => {
  app = await startDemoApp('tcr-watcher-', {
    onCore: (core) => core.events.on('run:finished', (f) => finished.push(structuredClone(f))),
  });
});
afterAll(() => app.close());

/** Pushes to acme-prod-gz; answers the runs the push started. */
async function push(repository: string, tag: string, digestChar?: string): Promise<number[]> {
  const reply = await sandboxControl(app.sandbox.endpoint, 'push', {
    registryId: ACME_PROD_GZ,
    namespace: 'platform',
    repository,
    tag,
    kind: 'image',
    ...(digestChar ? { digest: `sha256:${digestChar.repeat(64)}` } : {}),
  });
  expect(reply.status).toBe(200);
  return reply.body.executionIds as number[];
}

/** The watcher's sources once every one of them was read at least once since `since` (ISO). */
async function allRead(since: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const view = await app.call('runs:list', { scope: 'recent' });
        if (view.scope !== 'recent' || view.sources.length === 0) return false;
        return view.sources.filter((s) => s.state !== 'paused').every((s) => (s.fetchedAt ?? '') >= since);
      },
      { timeout: WAIT_MS, interval: 100 },
    )
    .toBe(true);
}

// Bounds of waiting, not of speed: a run is announced within seconds here, but a loaded 2-core CI
// machine (and the watcher's budget of calls per minute after several catch-ups) may take longer.
const WAIT_MS = 45_000;
const TEST_MS = 150_000;

const runIds = () => finished.map((f) => f.run.runId).sort((a, b) => a - b);

describe('sync watcher', () => {
  it('announces each finished run once, with its figures; history is not announced', { timeout: TEST_MS }, async () => {
    await app.call('settings:update', { watchIdleSeconds: 60, watchActiveSeconds: 5 });
    await app.call('sandbox:addAccounts', undefined);
    await app.call('rules:refresh', {});
    await allRead(new Date(0).toISOString());
    // The demo's five past runs are history: nothing announced.
    const view = await app.call('runs:list', { scope: 'recent' });
    expect(view.scope === 'recent' && view.runs.length).toBeGreaterThanOrEqual(5);
    expect(finished).toEqual([]);

    // A new tag: copied to Shanghai (succeeds). An older v1.9.0 rebuilt: Shanghai's immutable v*
    // refuses the overwrite (fails); Globex's mirror keeps its copy (override off).
    const succeeding = await push('auth-service', 'v9.0.0');
    const failing = await push('api-gateway', 'v1.9.0', 'e');
    expect(succeeding).toHaveLength(1);
    expect(failing).toHaveLength(2);
    app.core.wake();
    await expect.poll(() => runIds(), { timeout: WAIT_MS, interval: 100 }).toEqual([...succeeding, ...failing].sort());

    const byRun = new Map(finished.map((f) => [f.run.runId, f]));
    expect(byRun.get(succeeding[0] ?? -1)).toMatchObject({
      run: { ruleName: SHANGHAI_RULE, status: 'Succeed', succeeded: 1, total: 1, origin: 'cloud' },
      failedByStatus: {},
    });
    const failedRuns = failing.map((id) => byRun.get(id));
    expect(failedRuns.find((f) => f?.run.ruleName === SHANGHAI_RULE)).toMatchObject({
      run: { status: 'Failed', succeeded: 0, total: 1 },
      failedByStatus: { Failed: 1 },
    });
    expect(failedRuns.find((f) => f?.run.ruleName === GLOBEX_RULE)?.run.status).toBe('Succeed');

    // More polls (catch-ups, an active interval) announce nothing again.
    const since = new Date().toISOString();
    app.core.wake();
    await allRead(since);
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(runIds()).toEqual([...succeeding, ...failing].sort());
  });

  it(
    'announces runs that finished while the app was stopped, once, after the restart',
    { timeout: TEST_MS },
    async () => {
      const before = runIds();
      await app.core.stop();
      const whileStopped = [...(await push('auth-service', 'v9.1.0')), ...(await push('api-gateway', 'v1.8.0', 'f'))];
      expect(whileStopped).toHaveLength(3);
      // Past the sandbox's run time: they are over before the app looks again.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await app.restart();
      await expect
        .poll(() => runIds(), { timeout: WAIT_MS, interval: 100 })
        .toEqual([...before, ...whileStopped].sort((a, b) => a - b));
      const shanghaiFailure = finished.find((f) => whileStopped.includes(f.run.runId) && f.run.status === 'Failed');
      expect(shanghaiFailure).toMatchObject({ run: { ruleName: SHANGHAI_RULE }, failedByStatus: { Failed: 1 } });

      // Another restart: nothing is announced a second time.
      await app.restart();
      const since = new Date().toISOString();
      await allRead(since);
      expect(runIds()).toEqual([...before, ...whileStopped].sort((a, b) => a - b));
    },
  );
});
