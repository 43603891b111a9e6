// The Recent runs table in the shared model: sorted by meaning (status order, durations and ratios
// as numbers), found by the cloud's own words, runs of a source that cannot be read marked with
// their age, targets in another account named; a run's tasks as copyable text. Both languages.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun, SyncTask, WatchedSource } from '../../../src-main/contract/index.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';
import { TableModel } from '../../../src-renderer/lib/table/model.js';
import {
  isStaleSource,
  runColumns,
  runStaleTag,
  withTargetName,
  type RunItem,
} from '../../../src-renderer/lib/table/run-columns.js';
import { tasksText } from '../../../src-renderer/lib/table/task-columns.js';

afterEach(() => {
  i18n.language = 'en';
});

const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const P = '0b8c1c9e-0000-4000-8000-000000000001';

function run(runId: number, over: Partial<SyncRun> = {}): SyncRun {
  return {
    key: `${P}/tcr-1/${String(runId)}`,
    profileId: P,
    source: { registryId: 'tcr-1', name: 'acme-prod-gz', regionId: 1, regionName: 'ap-guangzhou' },
    ruleId: 3,
    ruleName: 'gz-to-sh',
    target: { registryId: 'tcr-2', name: 'acme-prod-sh', profileId: P },
    runId,
    status: 'Succeed',
    total: 10,
    succeeded: 10,
    startedAt: new Date(NOW - 3_600_000 + runId * 60_000).toISOString(),
    endedAt: new Date(NOW - 3_600_000 + runId * 60_000 + 30_000).toISOString(),
    origin: 'cloud',
    ...over,
  };
}
function item(r: SyncRun, source?: WatchedSource): RunItem {
  return { key: r.key, run: r, profile: undefined, targetProfile: undefined, source, stale: isStaleSource(source) };
}

const items = [
  item(run(1, { status: 'Failed', succeeded: 4, endedAt: new Date(NOW - 3_600_000 + 60_000 + 300_000).toISOString() })),
  item(run(2)),
  item(run(3, { status: 'InProgress', succeeded: 1, endedAt: undefined })),
  item(run(4, { status: 'Paused', succeeded: 9 })),
  item(run(5, { status: 'Stopped', succeeded: 0, total: 0 })),
];
const columns = runColumns(i18n, () => NOW);

function order(columnId: string, direction: 'ascending' | 'descending' = 'ascending', filter = ''): number[] {
  const model = new TableModel(columns, (i: RunItem) => i.key, i18n.language);
  return model
    .rows({ data: items, locale: i18n.language, sort: { columnId, direction }, filter })
    .map((i) => i.run.runId);
}

describe('Recent runs sorted by meaning', () => {
  it('puts runs in progress first, then failed, stopped, unknown, succeeded', () => {
    expect(order('status')).toEqual([3, 1, 5, 4, 2]);
  });

  it('sorts durations as numbers: a running one counts up to now', () => {
    // 30 s, 30 s, 30 s, 5 min, and the running one: 57 min so far.
    expect(order('duration', 'descending')).toEqual([3, 1, 2, 4, 5]);
  });

  it('sorts ratios by the share synced; nothing to sync last either way', () => {
    expect(order('ratio')).toEqual([3, 1, 4, 2, 5]);
    expect(order('ratio', 'descending')).toEqual([2, 4, 1, 3, 5]);
  });

  it('finds runs by the cloud’s status word and the words shown, in Chinese too', () => {
    expect(order('runId', 'ascending', 'Succeed')).toEqual([2]);
    i18n.language = 'zh-CN';
    expect(order('runId', 'ascending', '进行中')).toEqual([3]);
    expect(order('runId', 'ascending', 'Paused')).toEqual([4]);
  });
});

describe('runs of a source that cannot be read', () => {
  const refused: WatchedSource = {
    profileId: P,
    registryId: 'tcr-1',
    name: 'acme-prod-gz',
    state: 'refused',
    fetchedAt: new Date(NOW - 2 * 3_600_000).toISOString(),
  };

  it('are the last known ones, tagged with their age, in both languages', () => {
    const marked = item(run(2), refused);
    expect(marked.stale).toBe(true);
    expect(runStaleTag(i18n, marked, NOW)).toBe('last known, read 2 hours ago');
    i18n.language = 'zh-CN';
    expect(runStaleTag(i18n, marked, NOW)).toBe('上次已知，读取于2小时前');
  });

  it('are not marked while the source is read as usual', () => {
    const fine = item(run(2), { ...refused, state: 'idle' });
    expect(fine.stale).toBe(false);
    expect(runStaleTag(i18n, fine, NOW)).toBeUndefined();
    expect(isStaleSource({ ...refused, state: 'active', error: { code: 'x', message: 'y', kind: 'network' } })).toBe(
      true,
    );
  });
});

describe('targets and tasks', () => {
  it('names a target another account knows, and leaves a known name be', () => {
    const names = new Map([['tcr-9', 'globex-main-sg']]);
    const cross = run(1, { target: { registryId: 'tcr-9' } });
    expect(withTargetName(cross, (id) => names.get(id)).target?.name).toBe('globex-main-sg');
    expect(withTargetName(run(1), () => 'other').target?.name).toBe('acme-prod-sh');
  });

  it('copies the tasks as tab-separated lines under a header, with the error when known', () => {
    const task: SyncTask = {
      resourceType: 'image',
      source: 'platform/api:v1',
      destination: 'platform/api:v1',
      status: 'Failed',
      startedAt: '2026-12-04T11:00:00.000Z',
      endedAt: '2026-12-04T11:00:12.000Z',
      jobId: '7',
      error: 'quota exceeded',
    };
    const lines = tasksText(i18n, [task], NOW).split('\n');
    expect(lines[0]).toBe('Resource type\tSource\tDestination\tStatus\tStarted\tEnded\tDuration');
    expect(lines[1]?.split('\t')).toEqual([
      'image',
      'platform/api:v1',
      'platform/api:v1',
      'Failed',
      i18n.formatDate(task.startedAt ?? ''),
      i18n.formatDate(task.endedAt ?? ''),
      '12 s',
      'Error: quota exceeded',
    ]);
  });
});
