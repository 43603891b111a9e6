// One rule's sync log a page at a time and a run's tasks, asked of a fake cloud: what the page
// shows, what is kept, the last known log when the cloud cannot be asked, two windows at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstancesView, ProfileView, RuleRow, RulesView } from '../../../../src-main/contract/index.js';
import type { CloudRun, CloudRunTask, CloudTarget } from '../../../../src-main/services/cloud/cloud-port.js';
import { RunLog } from '../../../../src-main/services/sync-log/run-log.js';
import { RunStore } from '../../../../src-main/services/sync-log/run-store.js';
import { UserFacingError } from '../../../../src-main/services/shared/user-facing-error.js';
import { deferred, FakeCloud, instance, NetworkDown, TimedOut } from '../fakes/fake-cloud.js';
import { TempDir } from '../fakes/user-data-dir.js';

const A = '11111111-1111-4111-8111-111111111111';
const NOW = Date.parse('2026-11-28T12:00:00.000Z');

const profile: ProfileView = {
  id: A,
  name: 'prod',
  uin: '100000000001',
  region: 'ap-guangzhou',
  endpoint: 'tcr.tencentcloudapi.com',
  colour: 'blue',
} as ProfileView;

const src = { ...instance('src', 4, 'ap-shanghai'), profileId: A };

function ruleRow(policyId: number, name: string): RuleRow {
  return {
    profileId: A,
    source: { registryId: src.registryId, name: src.name, regionId: src.regionId, regionName: src.regionName },
    policyId,
    name,
    description: '',
    filters: [],
    override: false,
    enabled: true,
    target: { raw: 'tcr-dst', registryId: 'tcr-dst', name: 'dst', regionName: 'ap-guangzhou' },
    sourceResource: src.registryId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function cloudRun(runId: number, ruleId = 7, over: Partial<CloudRun> = {}): CloudRun {
  const start = new Date(NOW - (100 - runId) * 60_000);
  return {
    runId,
    ruleId,
    status: 'Succeed',
    total: 20,
    succeeded: 20,
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 30_000).toISOString(),
    ...over,
  };
}

function cloudTask(jobId: string, status: string, minute: number): CloudRunTask {
  return {
    resourceType: 'image',
    source: `tcr-src/platform/app:${jobId}`,
    destination: `tcr-dst/platform/app:${jobId}`,
    jobId,
    status,
    startTime: new Date(NOW + minute * 60_000).toISOString(),
    endTime: status === 'InProgress' ? '' : new Date(NOW + minute * 60_000 + 1_000).toISOString(),
  };
}

/** The fake cloud, which can be down for the sync log's calls and hold them in flight. */
class LogCloud extends FakeCloud {
  down: Error | undefined;
  gate: Promise<void> | undefined;
  override async runs(
    target: CloudTarget,
    query: { registryId: string; ruleId?: number; page: number; pageSize: number },
    signal?: AbortSignal,
  ): Promise<{ runs: CloudRun[]; total: number }> {
    const answer = super.runs(target, query, signal);
    await this.gate;
    if (this.down) throw this.down;
    return answer;
  }
  override async runTasks(
    target: CloudTarget,
    registryId: string,
    runId: number,
    signal?: AbortSignal,
  ): Promise<CloudRunTask[]> {
    const answer = super.runTasks(target, registryId, runId, signal);
    await this.gate;
    if (this.down) throw this.down;
    return answer;
  }
}

let home: TempDir;
let cloud: LogCloud;
let store: RunStore;
let now: number;
let instances: InstancesView;

beforeEach(async () => {
  home = await TempDir.create();
  cloud = new LogCloud();
  store = new RunStore(home.dir);
  await store.load();
  now = NOW;
  instances = { rows: [src], profiles: [], refreshing: false };
  cloud.runState.set(
    src.registryId,
    Array.from({ length: 45 }, (_, i) => cloudRun(i + 1, i % 3 === 2 ? 8 : 7)),
  );
});
afterEach(async () => {
  await store.flush();
  await home.remove();
});

function log(): RunLog {
  const rules: RulesView = { rows: [ruleRow(7, 'sh-to-gz')], profiles: [], refreshing: false };
  return new RunLog({
    profiles: { list: () => [profile] },
    targets: { targetFor: async (p) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }) },
    instances: { view: () => instances },
    rules: { view: () => rules },
    reader: cloud,
    store,
    clock: { now: () => now, sleep: async () => undefined },
  });
}

const page1 = { profileId: A, registryId: src.registryId, ruleId: 7, page: 1, pageSize: 10 };

describe('RunLog.rulePage', () => {
  it('answers one page of the rule newest first, with one call in the instance region, and keeps it', async () => {
    const answer = await log().rulePage(page1);
    expect(answer.offline).toBeUndefined();
    expect(answer.total).toBe(30);
    expect(answer.fetchedAt).toBe('2026-11-28T12:00:00.000Z');
    expect(answer.runs.map((r) => r.runId)).toEqual([44, 43, 41, 40, 38, 37, 35, 34, 32, 31]);
    expect(answer.runs[0]).toMatchObject({ ruleName: 'sh-to-gz', status: 'Succeed', total: 20, succeeded: 20 });
    expect(cloud.runCalls).toEqual(['tcr-src 1 7']);
    expect(cloud.sent.map((s) => s.region)).toEqual(['ap-shanghai']);
    expect(store.ofRule(A, src.registryId, 7)).toHaveLength(10);

    const third = await log().rulePage({ ...page1, page: 3 });
    expect(third.runs.map((r) => r.runId)).toEqual([14, 13, 11, 10, 8, 7, 5, 4, 2, 1]);
  });

  it('answers the last known runs of the rule, marked offline, when the network is down', async () => {
    const runLog = log();
    await runLog.rulePage(page1);
    await runLog.rulePage({ ...page1, page: 2 });
    cloud.down = new NetworkDown('down', 'DescribeReplicationExecutions');
    now += 3_600_000;
    const answer = await runLog.rulePage({ ...page1, page: 2 });
    expect(answer.offline?.error).toMatchObject({ kind: 'network', code: 'NetworkError' });
    expect(answer.fetchedAt).toBe('2026-11-28T12:00:00.000Z');
    expect(answer.total).toBe(20);
    expect(answer.runs.map((r) => r.runId)).toEqual([29, 28, 26, 25, 23, 22, 20, 19, 17, 16]);

    cloud.down = new TimedOut('DescribeReplicationExecutions');
    expect((await runLog.rulePage(page1)).offline?.error.kind).toBe('timeout');
  });

  it('fails with the cloud error when nothing is known yet, and NOT_FOUND for an unknown instance', async () => {
    cloud.down = new NetworkDown('down', 'DescribeReplicationExecutions');
    await expect(log().rulePage(page1)).rejects.toMatchObject({ code: 'CLOUD', cloud: { kind: 'network' } });
    const missing = log().rulePage({ ...page1, registryId: 'tcr-gone' });
    await expect(missing).rejects.toBeInstanceOf(UserFacingError);
    await expect(missing).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(log().rulePage({ ...page1, profileId: '33333333-3333-4333-8333-333333333333' })).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    );
  });

  it('asks once when two windows ask the same page at once; a Cancel ends only its own wait', async () => {
    const runLog = log();
    const hold = deferred();
    cloud.gate = hold.promise;
    const cancel = new AbortController();
    const first = runLog.rulePage(page1);
    const second = runLog.rulePage(page1, cancel.signal);
    const other = runLog.rulePage({ ...page1, page: 2 });
    cancel.abort();
    await expect(second).rejects.toMatchObject({ cloud: { kind: 'cancelled' } });
    hold.resolve();
    const [a, c] = await Promise.all([first, other]);
    expect(a.runs.map((r) => r.runId)[0]).toBe(44);
    expect(c.runs.map((r) => r.runId)[0]).toBe(29);
    expect(cloud.runCalls).toEqual(['tcr-src 1 7', 'tcr-src 2 7']);
    // Once answered, the next ask asks again.
    cloud.gate = undefined;
    await runLog.rulePage(page1);
    expect(cloud.runCalls).toHaveLength(3);
  });

  it('shows a run that finished since a page was read as finished', async () => {
    const runLog = log();
    cloud.runState.set(src.registryId, [cloudRun(50, 7, { status: 'InProgress', endTime: '', succeeded: 3 })]);
    expect((await runLog.rulePage(page1)).runs[0]).toMatchObject({ status: 'InProgress', succeeded: 3 });
    cloud.runState.set(src.registryId, [cloudRun(50, 7, { status: 'Failed', succeeded: 18 })]);
    const answer = await runLog.rulePage(page1);
    expect(answer.runs[0]).toMatchObject({ status: 'Failed', succeeded: 18 });
    expect(answer.runs[0]?.endedAt).toBeDefined();
  });
});

describe('RunLog.tasks', () => {
  const run45 = { profileId: A, registryId: src.registryId, runId: 45 };

  beforeEach(() => {
    cloud.runState.set(src.registryId, [cloudRun(45, 7, { status: 'Failed', succeeded: 1, total: 3 })]);
    cloud.taskState.set(`${src.registryId}/45`, [
      cloudTask('ok', 'Succeed', 1),
      cloudTask('late-fail', 'Failed', 3),
      cloudTask('early-fail', 'Failed', 2),
    ]);
  });

  it('answers the tasks failed first with what the API returned, and the run', async () => {
    const runLog = log();
    await runLog.rulePage(page1);
    const view = await runLog.tasks(run45);
    expect(view.run).toMatchObject({ runId: 45, status: 'Failed' });
    expect(view.tasks.map((t) => [t.jobId, t.status])).toEqual([
      ['early-fail', 'Failed'],
      ['late-fail', 'Failed'],
      ['ok', 'Succeed'],
    ]);
    expect(view.tasks[0]).toMatchObject({
      source: 'tcr-src/platform/app:early-fail',
      destination: 'tcr-dst/platform/app:early-fail',
      resourceType: 'image',
    });
    expect(view.offline).toBeUndefined();
  });

  it('serves a finished run’s tasks when the cloud cannot be asked, and after a restart', async () => {
    const runLog = log();
    await runLog.rulePage(page1);
    await runLog.tasks(run45);
    await store.flush();
    store = new RunStore(home.dir);
    await store.load();
    cloud.down = new NetworkDown('down', 'DescribeReplicationTasks');
    const view = await log().tasks(run45);
    expect(view.tasks.map((t) => t.jobId)).toEqual(['early-fail', 'late-fail', 'ok']);
    expect(view.fetchedAt).toBe('2026-11-28T12:00:00.000Z');
    expect(view.offline?.error.kind).toBe('network');
    expect(view.run).toMatchObject({ runId: 45, status: 'Failed' });
  });

  it('asks again for the tasks of a run in progress, and fails when they were never read', async () => {
    cloud.runState.set(src.registryId, [cloudRun(45, 7, { status: 'InProgress', endTime: '' })]);
    const runLog = log();
    await runLog.rulePage(page1);
    await runLog.tasks(run45);
    cloud.down = new NetworkDown('down', 'DescribeReplicationTasks');
    await expect(runLog.tasks(run45)).rejects.toMatchObject({ code: 'CLOUD', cloud: { kind: 'network' } });
  });

  it('asks once for two windows at once', async () => {
    const runLog = log();
    const hold = deferred();
    cloud.gate = hold.promise;
    const both = Promise.all([runLog.tasks(run45), runLog.tasks(run45)]);
    hold.resolve();
    const [a, b] = await both;
    expect(a.tasks).toEqual(b.tasks);
    expect(cloud.sent.filter((s) => s.action === 'DescribeReplicationTasks')).toHaveLength(1);
  });
});
