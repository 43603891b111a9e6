// Recent runs mirror the watcher (loaded, then kept by runs:changed, in progress on top, the newest
// run of each rule for the rules table); a rule's log shows the page asked last, whatever answers first.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecentRunsView, Result, RuleRunsPage, SyncRun } from '../../../src-main/contract/index.js';

type Handler = (payload: unknown) => void;
const handlers = new Map<string, Set<Handler>>();
/** Each request, with the answer the test gives it when it wants. */
const pending: { channel: string; input: unknown; answer: (result: Result<unknown>) => void }[] = [];

vi.mock('../../../src-renderer/lib/api.js', () => ({
  api: {
    invoke: (channel: string, input: unknown) =>
      new Promise((resolve) => pending.push({ channel, input, answer: resolve })),
    on: (event: string, handler: Handler) => {
      const set = handlers.get(event) ?? new Set<Handler>();
      set.add(handler);
      handlers.set(event, set);
      return () => set.delete(handler);
    },
  },
}));
const { recentRuns, RuleRunsLog } = await import('../../../src-renderer/lib/stores/runs.svelte.js');

const P = '0b8c1c9e-0000-4000-8000-000000000001';
function run(runId: number, over: Partial<SyncRun> = {}): SyncRun {
  return {
    key: `${P}/tcr-1/${String(runId)}`,
    profileId: P,
    source: { registryId: 'tcr-1', name: 'sh', regionId: 4, regionName: 'ap-shanghai' },
    ruleId: 3,
    ruleName: 'sh-to-gz',
    runId,
    status: 'Succeed',
    total: 2,
    succeeded: 2,
    startedAt: new Date(Date.UTC(2026, 11, 4, 10, runId)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 11, 4, 10, runId, 30)).toISOString(),
    origin: 'cloud',
    ...over,
  };
}
function view(runs: SyncRun[]): RecentRunsView {
  return { scope: 'recent', runs, sources: [] };
}
function page(n: number, runs: SyncRun[]): RuleRunsPage {
  return { scope: 'rule', runs, total: 25, page: n, pageSize: 10, fetchedAt: '2026-12-04T10:00:00.000Z' };
}

beforeEach(() => {
  handlers.clear();
  pending.length = 0;
});

describe('recent runs', () => {
  it('loads the watcher’s view, then follows runs:changed; runs in progress first', async () => {
    const loading = recentRuns.load();
    expect(pending[0]).toMatchObject({ channel: 'runs:list', input: { scope: 'recent' } });
    pending[0]?.answer({ ok: true, value: view([run(1), run(2)]) });
    await loading;
    expect(recentRuns.ordered.map((r) => r.runId)).toEqual([2, 1]);

    const stop = recentRuns.listen();
    for (const handler of handlers.get('runs:changed') ?? [])
      handler(view([run(1), run(2), run(0, { status: 'InProgress', endedAt: undefined })]));
    expect(recentRuns.ordered.map((r) => r.runId)).toEqual([0, 2, 1]);
    // The rules table's last run is the newest started, running or not.
    expect(recentRuns.lastByRule.get(`${P}/tcr-1/3`)?.runId).toBe(2);
    stop();
  });

  it('keeps what it had when main cannot answer, and says why', async () => {
    const loading = recentRuns.load();
    pending[0]?.answer({ ok: false, error: { code: 'INTERNAL', message: 'down' } });
    await loading;
    expect(recentRuns.loaded).toBe(true);
    expect(recentRuns.error).toBeTruthy();
  });
});

describe('a rule’s log', () => {
  it('asks one page of the rule, newest first, and counts the pages', async () => {
    const log = new RuleRunsLog({ profileId: P, registryId: 'tcr-1', ruleId: 3 }, 10);
    const loading = log.load(1);
    expect(pending[0]?.input).toEqual({
      scope: 'rule',
      profileId: P,
      registryId: 'tcr-1',
      ruleId: 3,
      page: 1,
      pageSize: 10,
    });
    pending[0]?.answer({ ok: true, value: page(1, [run(2), run(1)]) });
    await loading;
    expect(log.pages).toBe(3);
    expect(log.current).toBe(1);
  });

  it('shows the page asked last when an earlier answer arrives after it', async () => {
    const log = new RuleRunsLog({ profileId: P, registryId: 'tcr-1', ruleId: 3 }, 10);
    const second = log.load(2);
    const third = log.load(3);
    pending[1]?.answer({ ok: true, value: page(3, [run(5)]) });
    await third;
    pending[0]?.answer({ ok: true, value: page(2, [run(9)]) });
    await second;
    expect(log.current).toBe(3);
    expect(log.page?.runs.map((r) => r.runId)).toEqual([5]);
    expect(log.loading).toBe(false);
  });
});
