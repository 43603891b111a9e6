// The known runs: what record answers as new or changed, the bounds, the files across a restart,
// a corrupt file, records and writes that overlap.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRun, SyncTask } from '../../../../src-main/contract/index.js';
import { runKey } from '../../../../src-main/services/sync-log/run-rows.js';
import { RunStore, type RunStoreOptions } from '../../../../src-main/services/sync-log/run-store.js';
import { TempDir } from '../fakes/user-data-dir.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const T0 = Date.parse('2026-11-28T10:00:00.000Z');
const MIN = 60_000;

function run(profileId: string, registryId: string, runId: number, over: Partial<SyncRun> = {}): SyncRun {
  return {
    key: runKey(profileId, registryId, runId),
    profileId,
    source: { registryId, name: registryId.replace('tcr-', ''), regionId: 1, regionName: 'ap-guangzhou' },
    ruleId: 7,
    ruleName: 'sh-to-gz',
    runId,
    status: 'Succeed',
    total: 20,
    succeeded: 20,
    startedAt: new Date(T0 + runId * MIN).toISOString(),
    endedAt: new Date(T0 + runId * MIN + 30_000).toISOString(),
    origin: 'cloud',
    ...over,
  };
}

function task(jobId: string, status = 'Failed'): SyncTask {
  return { resourceType: 'image', source: `a:${jobId}`, destination: `b:${jobId}`, status, jobId };
}

const AT = '2026-11-28T12:00:00.000Z';
const LATER = '2026-11-28T12:05:00.000Z';

let home: TempDir;
beforeEach(async () => {
  home = await TempDir.create();
});
afterEach(async () => {
  await home.remove();
});

async function loaded(options: RunStoreOptions = {}): Promise<RunStore> {
  const store = new RunStore(home.dir, options);
  await store.load();
  return store;
}

describe('RunStore', () => {
  it('answers new and changed runs only, newest first in all', async () => {
    const store = await loaded();
    const seen: number[][] = [];
    store.onChange((changed) => seen.push(changed.map((r) => r.runId)));
    const first = store.record(
      A,
      'tcr-src',
      [run(A, 'tcr-src', 1), run(A, 'tcr-src', 2, { status: 'InProgress' })],
      AT,
    );
    expect(first.map((r) => r.runId)).toEqual([1, 2]);
    const second = store.record(
      A,
      'tcr-src',
      [run(A, 'tcr-src', 1), run(A, 'tcr-src', 2, { succeeded: 18 }), run(A, 'tcr-src', 3)],
      LATER,
    );
    expect(second.map((r) => r.runId)).toEqual([2, 3]);
    expect(store.record(A, 'tcr-src', [run(A, 'tcr-src', 3)], LATER)).toEqual([]);
    expect(seen).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(store.all().map((r) => r.runId)).toEqual([3, 2, 1]);
    expect(store.fetchedAt(A, 'tcr-src')).toBe(LATER);
    expect(store.fetchedAt(A, 'tcr-other')).toBeUndefined();
  });

  it('never turns a finished run back to running, nor the read time back', async () => {
    const store = await loaded();
    store.record(A, 'tcr-src', [run(A, 'tcr-src', 1, { status: 'Failed', succeeded: 18 })], LATER);
    // An older answer arriving late.
    expect(store.record(A, 'tcr-src', [run(A, 'tcr-src', 1, { status: 'InProgress' })], AT)).toEqual([]);
    expect(store.all()[0]).toMatchObject({ status: 'Failed', succeeded: 18 });
    expect(store.fetchedAt(A, 'tcr-src')).toBe(LATER);
  });

  it('keeps the first time it saw a run whose start the cloud wrote unreadably', async () => {
    const store = await loaded();
    store.record(A, 'tcr-src', [run(A, 'tcr-src', 1, { status: 'InProgress', startedAt: AT, endedAt: undefined })], AT);
    const again = store.record(
      A,
      'tcr-src',
      [run(A, 'tcr-src', 1, { status: 'InProgress', startedAt: LATER, endedAt: undefined })],
      LATER,
    );
    expect(again).toEqual([]);
    expect(store.all()[0]?.startedAt).toBe(AT);
  });

  it('answers the runs of one rule, and ignores runs of another source than the one named', async () => {
    const store = await loaded();
    store.record(
      A,
      'tcr-src',
      [run(A, 'tcr-src', 1), run(A, 'tcr-src', 2, { ruleId: 8 }), run(A, 'tcr-src', 3), run(B, 'tcr-src', 4)],
      AT,
    );
    expect(store.ofRule(A, 'tcr-src', 7).map((r) => r.runId)).toEqual([3, 1]);
    expect(store.ofRule(B, 'tcr-src', 7)).toEqual([]);
  });

  it('keeps the newest runs per source instance and in all', async () => {
    const store = await loaded({ runsPerSource: 3, runsInAll: 5 });
    store.record(
      A,
      'tcr-a',
      [1, 2, 3, 4, 5].map((n) => run(A, 'tcr-a', n)),
      AT,
    );
    expect(store.all().map((r) => r.runId)).toEqual([5, 4, 3]);
    // An old run read later is not kept over newer ones.
    expect(store.record(A, 'tcr-a', [run(A, 'tcr-a', 0)], AT)).toEqual([]);
    store.record(
      A,
      'tcr-b',
      [10, 11, 12].map((n) => run(A, 'tcr-b', n)),
      AT,
    );
    expect(store.all().map((r) => r.runId)).toEqual([12, 11, 10, 5, 4]);
  });

  it('reads back what it wrote after a restart, and forgets a deleted profile on disk too', async () => {
    const store = await loaded();
    store.record(A, 'tcr-src', [run(A, 'tcr-src', 1), run(A, 'tcr-src', 2)], AT);
    store.record(B, 'tcr-src', [run(B, 'tcr-src', 3)], LATER);
    store.recordTasks(run(A, 'tcr-src', 1), [task('x'), task('y', 'Succeed')], AT);
    await store.flush();

    const again = await loaded();
    expect(again.all().map((r) => r.key)).toEqual([
      runKey(B, 'tcr-src', 3),
      runKey(A, 'tcr-src', 2),
      runKey(A, 'tcr-src', 1),
    ]);
    expect(again.all()[1]).toEqual(run(A, 'tcr-src', 2));
    expect(again.fetchedAt(B, 'tcr-src')).toBe(LATER);
    expect(again.tasksOf(runKey(A, 'tcr-src', 1))).toEqual({ tasks: [task('x'), task('y', 'Succeed')], fetchedAt: AT });

    again.forgetProfile(A);
    await again.flush();
    const third = await loaded();
    expect(third.all().map((r) => r.runId)).toEqual([3]);
    expect(third.fetchedAt(A, 'tcr-src')).toBeUndefined();
    expect(third.tasksOf(runKey(A, 'tcr-src', 1))).toBeUndefined();
  });

  it('sets a corrupt file aside and starts empty, then writes a good one', async () => {
    await home.write('sync-runs.json', '{not json');
    await home.write('sync-run-tasks.json', { version: 1, runs: [{ key: 1 }] });
    const lines: string[] = [];
    const store = await loaded({ log: (line) => lines.push(line) });
    expect(store.all()).toEqual([]);
    expect(lines).toHaveLength(2);
    expect((await home.files()).filter((f) => f.includes('.corrupt-'))).toHaveLength(2);
    store.record(A, 'tcr-src', [run(A, 'tcr-src', 1)], AT);
    await store.flush();
    expect((await loaded()).all()).toHaveLength(1);
  });

  it('keeps the tasks of finished runs only, bounded, the last recorded kept', async () => {
    const store = await loaded({ taskRuns: 2, tasksPerRun: 2, tasksInAll: 3 });
    store.recordTasks(run(A, 'tcr-src', 9, { status: 'InProgress' }), [task('a')], AT);
    expect(store.tasksOf(runKey(A, 'tcr-src', 9))).toBeUndefined();
    store.recordTasks(run(A, 'tcr-src', 1), [task('a'), task('b'), task('c')], AT);
    expect(store.tasksOf(runKey(A, 'tcr-src', 1))?.tasks.map((t) => t.jobId)).toEqual(['a', 'b']);
    store.recordTasks(run(A, 'tcr-src', 2), [task('d'), task('e')], AT);
    // 4 tasks in all > 3: the first recorded run's tasks go.
    expect(store.tasksOf(runKey(A, 'tcr-src', 1))).toBeUndefined();
    expect(store.tasksOf(runKey(A, 'tcr-src', 2))?.tasks).toHaveLength(2);
  });

  it('keeps every record when records overlap their writes, and the file holds the last state', async () => {
    const store = await loaded({ runsPerSource: 1_000, runsInAll: 1_000 });
    const sources = ['tcr-a', 'tcr-b', 'tcr-c', 'tcr-d'];
    const all = await Promise.all(
      sources.map(async (source, i) => {
        const changed: SyncRun[] = [];
        for (let n = 0; n < 25; n += 1) {
          changed.push(...store.record(A, source, [run(A, source, i * 100 + n)], AT));
          await Promise.resolve();
        }
        return changed.length;
      }),
    );
    expect(all).toEqual([25, 25, 25, 25]);
    await store.flush();
    const file = await home.readJson<{ runs: unknown[]; sources: unknown[] }>('sync-runs.json');
    expect(file.runs).toHaveLength(100);
    expect(file.sources).toHaveLength(4);
  });

  it('keeps runs recorded while it loads over the older file', async () => {
    const first = await loaded();
    first.record(A, 'tcr-src', [run(A, 'tcr-src', 1, { status: 'InProgress', endedAt: undefined })], AT);
    await first.flush();
    const store = new RunStore(home.dir);
    const loading = store.load();
    store.record(A, 'tcr-src', [run(A, 'tcr-src', 1)], LATER);
    await loading;
    expect(store.all()).toEqual([run(A, 'tcr-src', 1)]);
  });
});
