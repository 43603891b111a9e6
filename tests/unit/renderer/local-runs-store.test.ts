// The runs on this computer: however many copy:progress updates arrive between two frames, the
// screen takes one, the newest; runs that end move to "Just finished"; a run just started shows
// at once and is not lost to an older update still waiting for its frame.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalRunProgress, LocalRunsView, Result } from '../../../src-main/contract/index.js';

type Handler = (payload: unknown) => void;
const handlers = new Map<string, Set<Handler>>();
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
const { LocalRunsStore } = await import('../../../src-renderer/lib/stores/local-runs.svelte.js');

function emit(view: LocalRunsView): void {
  for (const handler of handlers.get('copy:progress') ?? []) handler(view);
}

function run(n: number, over: Partial<LocalRunProgress> = {}): LocalRunProgress {
  return {
    key: `p/tcr-1/${String(1_000_000_000_000_000 + n)}`,
    profileId: 'p',
    source: { registryId: 'tcr-1', name: 'sh' },
    ruleName: `rule-${String(n)}`,
    ruleId: n,
    target: { registryId: 'tcr-2', name: 'gz' },
    kind: 'rule',
    phase: 'copying',
    artifactsDone: 0,
    artifactsTotal: 10,
    artifactsFailed: 0,
    bytesSent: 0,
    bytesTotal: 1000,
    bytesPerSecond: 0,
    startedAt: '2026-12-04T10:00:00Z',
    cancelling: false,
    ...over,
  };
}

/** A frame clock the test advances by hand. */
function frames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (apply: () => void) => queued.push(apply),
    next: () => {
      for (const apply of queued.splice(0)) apply();
    },
    get waiting() {
      return queued.length;
    },
  };
}

beforeEach(() => {
  handlers.clear();
  pending.length = 0;
});

describe('the runs on this computer', () => {
  it('applies one update per frame, the newest, however many arrive', () => {
    const clock = frames();
    const store = new LocalRunsStore(clock.schedule);
    const stop = store.listen();
    for (let sent = 1; sent <= 500; sent++) emit({ runs: [run(1, { bytesSent: sent })] });
    expect(clock.waiting).toBe(1);
    expect(store.runs).toEqual([]);
    clock.next();
    expect(store.applied).toBe(1);
    expect(store.runs[0]?.bytesSent).toBe(500);
    emit({ runs: [run(1, { bytesSent: 600 })] });
    emit({ runs: [run(1, { bytesSent: 700 })] });
    clock.next();
    expect(store.applied).toBe(2);
    expect(store.runs[0]?.bytesSent).toBe(700);
    clock.next();
    expect(store.applied).toBe(2);
    stop();
    emit({ runs: [] });
    expect(clock.waiting).toBe(0);
  });

  it('moves a run that ended to "Just finished", with its last figures, newest first', () => {
    const clock = frames();
    const store = new LocalRunsStore(clock.schedule);
    store.listen();
    emit({ runs: [run(2, { bytesSent: 10 }), run(1, { bytesSent: 900 })] });
    clock.next();
    emit({ runs: [run(2, { bytesSent: 20 })] });
    clock.next();
    expect(store.runs.map((r) => r.ruleName)).toEqual(['rule-2']);
    expect(store.finished.map((r) => [r.ruleName, r.bytesSent])).toEqual([['rule-1', 900]]);
    emit({ runs: [] });
    clock.next();
    expect(store.finished.map((r) => r.ruleName)).toEqual(['rule-2', 'rule-1']);
    expect(store.forRule('p', 'tcr-1', 2)).toBeUndefined();
  });

  it('tells a run’s last figures in "Just finished" even when its end came in the same frame', () => {
    const clock = frames();
    const store = new LocalRunsStore(clock.schedule);
    store.listen();
    emit({ runs: [run(5, { bytesSent: 100 })] });
    clock.next();
    emit({ runs: [run(5, { bytesSent: 1000, artifactsDone: 10, phase: 'finishing' })] });
    emit({ runs: [] });
    clock.next();
    expect(store.applied).toBe(2);
    expect(store.finished.map((r) => [r.bytesSent, r.artifactsDone, r.phase])).toEqual([[1000, 10, 'finishing']]);
  });

  it('shows a run just started at once, and keeps it through an older update', async () => {
    const clock = frames();
    const store = new LocalRunsStore(clock.schedule);
    store.listen();
    // An update sent before the start waits for its frame.
    emit({ runs: [] });
    const asked = store.syncNow([{ profileId: 'p', registryId: 'tcr-1', ruleName: 'rule-3' }]);
    const request = pending.at(-1);
    expect(request?.channel).toBe('rules:syncNow');
    expect(request?.input).toEqual({ rules: [{ profileId: 'p', registryId: 'tcr-1', ruleName: 'rule-3' }] });
    request?.answer({ ok: true, value: { started: [run(3, { phase: 'queued' })], refused: [] } });
    await asked;
    expect(store.forRule('p', 'tcr-1', 3)?.phase).toBe('queued');
    clock.next();
    expect(store.forRule('p', 'tcr-1', 3)?.phase).toBe('queued');
    expect(store.finished).toEqual([]);
    emit({ runs: [run(3, { phase: 'copying' })] });
    clock.next();
    expect(store.runs.map((r) => r.phase)).toEqual(['copying']);
    emit({ runs: [] });
    clock.next();
    expect(store.runs).toEqual([]);
    expect(store.finished.map((r) => r.ruleName)).toEqual(['rule-3']);
  });

  it('does not bring back a run that ended before the answer to its start arrived', async () => {
    const clock = frames();
    const store = new LocalRunsStore(clock.schedule);
    store.listen();
    const asked = store.syncNow([{ profileId: 'p', registryId: 'tcr-1', ruleName: 'rule-4' }]);
    emit({ runs: [run(4)] });
    emit({ runs: [] });
    clock.next();
    pending.at(-1)?.answer({ ok: true, value: { started: [run(4, { phase: 'queued' })], refused: [] } });
    await asked;
    expect(store.runs).toEqual([]);
  });

  it('says Cancel at once on the run asked (or on all), before main confirms', async () => {
    const clock = frames();
    const store = new LocalRunsStore(clock.schedule);
    store.set({ runs: [run(1), run(2)] });
    const one = store.cancel(run(1).key);
    expect(pending.at(-1)?.input).toEqual({ key: run(1).key });
    pending.at(-1)?.answer({ ok: true, value: null });
    await one;
    expect(store.runs.map((r) => r.cancelling)).toEqual([true, false]);
    const all = store.cancel();
    expect(pending.at(-1)?.input).toEqual({});
    pending.at(-1)?.answer({ ok: true, value: null });
    await all;
    expect(store.runs.map((r) => r.cancelling)).toEqual([true, true]);
  });

  it('keeps a refused Cancel from saying "Stopping"', async () => {
    const store = new LocalRunsStore(frames().schedule);
    store.set({ runs: [run(1)] });
    const asked = store.cancel(run(1).key);
    pending
      .at(-1)
      ?.answer({ ok: false, error: { code: 'INTERNAL', message: 'no', retryable: false } } as Result<unknown>);
    await asked;
    expect(store.runs[0]?.cancelling).toBe(false);
  });
});
