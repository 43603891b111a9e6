// Runs of this computer in the sync log: kept when the watcher records the cloud's runs later, not
// taken for a read of the cloud, their tasks answered without asking it, and shown in the rule's
// log pages between the cloud's runs by time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileView, SyncRun } from '../../../../src-main/contract/index.js';
import type { CloudRun } from '../../../../src-main/services/cloud/cloud-port.js';
import { RunLog } from '../../../../src-main/services/sync-log/run-log.js';
import { RunStore } from '../../../../src-main/services/sync-log/run-store.js';
import { TempDir } from '../fakes/user-data-dir.js';

const P = '11111111-1111-4111-8111-111111111111';
const SRC = 'tcr-src00001';
const source = { registryId: SRC, name: 'src', regionId: 1, regionName: 'ap-guangzhou' };

function localRun(runId: number, startedAt: string): SyncRun {
  return {
    key: `${P}/${SRC}/${String(runId)}`,
    profileId: P,
    source,
    ruleId: 7,
    ruleName: 'r',
    runId,
    status: 'Succeed',
    total: 1,
    succeeded: 1,
    startedAt,
    endedAt: startedAt,
    origin: 'local',
  };
}

function cloudRun(runId: number, startTime: string): CloudRun {
  return { runId, ruleId: 7, status: 'Succeed', total: 1, succeeded: 1, startTime, endTime: startTime };
}

let home: TempDir;
let store: RunStore;
let cloud: CloudRun[];
let taskCalls: number;
let log: RunLog;

beforeEach(async () => {
  home = await TempDir.create('tcr-local-runs-');
  store = new RunStore(home.dir);
  cloud = [];
  taskCalls = 0;
  log = new RunLog({
    profiles: { list: () => [{ id: P }] as ProfileView[] },
    targets: { targetFor: async () => ({ profileId: P, endpoint: 'tcr.tencentcloudapi.com', region: 'ap-guangzhou' }) },
    instances: {
      view: () => ({
        rows: [
          {
            profileId: P,
            registryId: SRC,
            name: 'src',
            regionId: 1,
            regionName: 'ap-guangzhou',
            status: 'Running',
            spec: 'premium',
            publicDomain: 'src.tencentcloudcr.com',
            createdAt: '',
          },
        ],
        profiles: [],
        refreshing: false,
      }),
    },
    rules: { view: () => ({ rows: [], profiles: [], refreshing: false }) },
    reader: {
      runs: async (_t, q) => ({
        runs: cloud.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
        total: cloud.length,
      }),
      runTasks: async () => {
        taskCalls += 1;
        return [];
      },
      describeError: () => ({ code: 'X', message: 'x', kind: 'other' }),
    },
    store,
  });
});

afterEach(async () => {
  await store.flush();
  await home.remove();
});

describe('local runs in the sync log', () => {
  it('survive the watcher recording the cloud’s runs, and do not count as reading the cloud', () => {
    const mine = localRun(1_000_000_000_000_001, '2026-11-28T10:30:00.000Z');
    store.recordLocal(mine);
    expect(store.fetchedAt(P, SRC)).toBeUndefined();
    const theirs: SyncRun = { ...mine, key: `${P}/${SRC}/3`, runId: 3, origin: 'cloud' };
    store.record(P, SRC, [theirs], '2026-11-28T11:00:00.000Z');
    expect(store.all().map((r) => r.key)).toEqual([mine.key, theirs.key]);
    expect(store.get(mine.key)).toEqual(mine);
  });

  it('answers a local run’s tasks from what was recorded, without asking the cloud', async () => {
    const mine = localRun(1_000_000_000_000_002, '2026-11-28T10:30:00.000Z');
    store.recordLocal(mine);
    const task = {
      resourceType: 'image',
      source: 'a/b:1',
      destination: 'a/b:1',
      status: 'Failed',
      jobId: 'local-1',
      error: 'DENIED: no',
    };
    store.recordTasks(mine, [task], '2026-11-28T10:31:00.000Z');
    const view = await log.tasks({ profileId: P, registryId: SRC, runId: mine.runId });
    expect(view).toEqual({ run: mine, tasks: [task], fetchedAt: '2026-11-28T10:31:00.000Z' });
    expect(taskCalls).toBe(0);
  });

  it('shows the rule’s local runs in its log pages, each once, between the cloud’s runs by time', async () => {
    // Cloud runs every hour from 09:00 down to 05:00 (Beijing time +08:00 written as UTC here).
    cloud = [9, 8, 7, 6, 5].map((h, i) => cloudRun(10 - i, `2026-11-28T0${String(h)}:00:00Z`));
    const newest = localRun(1_000_000_000_000_010, '2026-11-28T09:30:00.000Z');
    const middle = localRun(1_000_000_000_000_011, '2026-11-28T06:30:00.000Z');
    const oldest = localRun(1_000_000_000_000_012, '2026-11-28T04:30:00.000Z');
    const between = localRun(1_000_000_000_000_013, '2026-11-28T07:30:00.000Z'); // after page 1, before page 2
    for (const run of [newest, middle, oldest, between]) store.recordLocal(run);
    const page = async (n: number) => {
      const read = await log.rulePage({ profileId: P, registryId: SRC, ruleId: 7, page: n, pageSize: 2 });
      return { ids: read.runs.map((r) => r.runId), total: read.total };
    };
    const one = await page(1);
    const two = await page(2);
    const three = await page(3);
    expect(one).toEqual({ ids: [newest.runId, 10, 9], total: 9 });
    expect(two.ids).toEqual([between.runId, 8, middle.runId, 7]);
    expect(three.ids).toEqual([6, oldest.runId]);
  });
});
