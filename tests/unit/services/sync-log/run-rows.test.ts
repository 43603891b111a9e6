// The cloud's runs and tasks as the sync log shows them: keys, times, the rule's name and target,
// and the order of a run's tasks.
import { describe, expect, it } from 'vitest';
import type { RuleRow, SyncTask } from '../../../../src-main/contract/index.js';
import type { CloudRun, CloudRunTask } from '../../../../src-main/services/cloud/cloud-port.js';
import {
  compareRunsNewestFirst,
  runKey,
  sortTasks,
  syncRunOf,
  syncRunsOf,
  syncTaskOf,
  type RunContext,
} from '../../../../src-main/services/sync-log/run-rows.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const SOURCE = { registryId: 'tcr-src', name: 'src', regionId: 1, regionName: 'ap-guangzhou' };

function rule(profileId: string, registryId: string, policyId: number, name: string): RuleRow {
  return {
    profileId,
    source: { ...SOURCE, registryId },
    policyId,
    name,
    description: '',
    filters: [],
    override: false,
    enabled: true,
    target: {
      raw: 'tcr-dst',
      registryId: 'tcr-dst',
      name: 'dst',
      regionId: 4,
      regionName: 'ap-shanghai',
      profileId: B,
    },
    sourceResource: registryId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function cloudRun(runId: number, ruleId: number, over: Partial<CloudRun> = {}): CloudRun {
  return {
    runId,
    ruleId,
    status: 'Succeed',
    total: 20,
    succeeded: 18,
    startTime: '2026-11-28 19:59:03.123 +0800 CST',
    endTime: '2026-11-28 20:02:15 +0800 CST',
    ...over,
  };
}

const context: RunContext = {
  profileId: A,
  source: SOURCE,
  rules: [
    rule(A, 'tcr-src', 7, 'sh-to-gz'),
    // Same id on another instance and in another profile: not this source's rule.
    rule(A, 'tcr-other', 8, 'elsewhere'),
    rule(B, 'tcr-src', 8, 'other-profile'),
  ],
  seenAt: '2026-11-28T13:00:00.000Z',
};

describe('syncRunOf', () => {
  it('reads a run of a known rule: key, figures, times as ISO, the rule and its target', () => {
    expect(syncRunOf(cloudRun(42, 7), context)).toEqual({
      key: `${A}/tcr-src/42`,
      profileId: A,
      source: SOURCE,
      ruleId: 7,
      ruleName: 'sh-to-gz',
      target: { registryId: 'tcr-dst', name: 'dst', regionName: 'ap-shanghai', profileId: B },
      runId: 42,
      status: 'Succeed',
      total: 20,
      succeeded: 18,
      startedAt: '2026-11-28T11:59:03.123Z',
      endedAt: '2026-11-28T12:02:15.000Z',
      origin: 'cloud',
    });
  });

  it('has no rule name nor target for a rule this profile and instance do not know', () => {
    const row = syncRunOf(cloudRun(43, 8), context);
    expect(row.ruleName).toBeUndefined();
    expect(row.target).toBeUndefined();
    expect(row.ruleId).toBe(8);
  });

  it('keeps a run in progress open, whatever end time the cloud writes', () => {
    const row = syncRunOf(cloudRun(44, 7, { status: 'InProgress', endTime: '0001-01-01 00:00:00 +0000 UTC' }), context);
    expect(row.endedAt).toBeUndefined();
    const odd = syncRunOf(cloudRun(45, 7, { status: 'InProgress' }), context);
    expect(odd.endedAt).toBeUndefined();
  });

  it('keeps a run whose start time is unreadable: it starts at its end, else when it was seen', () => {
    const ended = syncRunOf(cloudRun(46, 7, { startTime: 'yesterday-ish' }), context);
    expect(ended.startedAt).toBe('2026-11-28T12:02:15.000Z');
    const running = syncRunOf(cloudRun(47, 7, { status: 'InProgress', startTime: '', endTime: '' }), context);
    expect(running.startedAt).toBe(context.seenAt);
  });

  it('shows an unknown status as it comes and never negative figures', () => {
    const row = syncRunOf(cloudRun(48, 7, { status: 'Pending', total: -1, succeeded: -2 }), context);
    expect(row).toMatchObject({ status: 'Pending', total: 0, succeeded: 0 });
  });

  it('reads a list in the cloud order', () => {
    const rows = syncRunsOf([cloudRun(2, 7), cloudRun(1, 8)], context);
    expect(rows.map((r) => [r.runId, r.ruleName])).toEqual([
      [2, 'sh-to-gz'],
      [1, undefined],
    ]);
    expect(runKey(A, 'tcr-src', 2)).toBe(rows[0]?.key);
  });
});

describe('compareRunsNewestFirst', () => {
  it('orders by start time, newest first, then by run id', () => {
    const rows = syncRunsOf(
      [
        cloudRun(1, 7, { startTime: '2026-11-28T01:00:00Z' }),
        cloudRun(3, 7, { startTime: '2026-11-28T03:00:00Z' }),
        cloudRun(2, 7, { startTime: '2026-11-28T03:00:00Z' }),
      ],
      context,
    );
    expect(rows.sort(compareRunsNewestFirst).map((r) => r.runId)).toEqual([3, 2, 1]);
  });
});

function task(jobId: string, status: string, startTime: string, over: Partial<CloudRunTask> = {}): CloudRunTask {
  return {
    resourceType: 'image',
    source: `tcr-src/platform/app:${jobId}`,
    destination: `tcr-dst/platform/app:${jobId}`,
    jobId,
    status,
    startTime,
    endTime: status === 'InProgress' ? '' : '2026-11-28T12:10:00Z',
    ...over,
  };
}

describe('syncTaskOf and sortTasks', () => {
  it('reads a task with what the API returned and ISO times', () => {
    expect(syncTaskOf(task('j1', 'Failed', '2026-11-28 20:00:00 +0800 CST'))).toEqual({
      resourceType: 'image',
      source: 'tcr-src/platform/app:j1',
      destination: 'tcr-dst/platform/app:j1',
      status: 'Failed',
      startedAt: '2026-11-28T12:00:00.000Z',
      endedAt: '2026-11-28T12:10:00.000Z',
      jobId: 'j1',
    });
    const running = syncTaskOf(task('j2', 'InProgress', 'garbled'));
    expect(running.startedAt).toBeUndefined();
    expect(running.endedAt).toBeUndefined();
  });

  it('puts failed tasks first (any final status but Succeed), then in progress, then the rest, by start', () => {
    const tasks: SyncTask[] = [
      task('ok-late', 'Succeed', '2026-11-28T12:05:00Z'),
      task('run', 'InProgress', '2026-11-28T12:03:00Z'),
      task('failed-late', 'Failed', '2026-11-28T12:04:00Z'),
      task('ok-early', 'Succeed', '2026-11-28T12:01:00Z'),
      task('stopped-early', 'Stopped', '2026-11-28T12:02:00Z'),
      task('odd-no-start', 'Weird', ''),
    ].map(syncTaskOf);
    expect(sortTasks(tasks).map((t) => t.jobId)).toEqual([
      'stopped-early',
      'failed-late',
      'odd-no-start',
      'run',
      'ok-early',
      'ok-late',
    ]);
    // The input is left as it was.
    expect(tasks[0]?.jobId).toBe('ok-late');
  });
});
