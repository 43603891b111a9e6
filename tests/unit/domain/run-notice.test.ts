// What a finished run becomes in the notification centre: its figures, whether it is raised, the tray.
import { describe, expect, it } from 'vitest';
import { buildRunNotice, muteKey, shouldRaise, trayStateOf } from '../../../src-main/domain/run-notice.js';
import { finishedRun, PROFILE } from '../services/notifications/runs.js';

const NOW = Date.parse('2026-11-28T10:00:00.000Z');
const loud = { notifyOn: 'all', mutedRules: [] as string[], doNotDisturbUntil: '' } as const;

describe('buildRunNotice', () => {
  it('measures the run, counts its failures and starts unread', () => {
    const notice = buildRunNotice(finishedRun(), { Failed: 2, Stopped: 0 }, loud, NOW);
    expect(notice).toMatchObject({
      id: `${PROFILE}/tcr-sh1/7`,
      at: '2026-11-28T10:00:00.000Z',
      durationMs: 192_000,
      failedByStatus: { Failed: 2 },
      failed: true,
      read: false,
      raised: true,
    });
  });

  it('calls a Succeed run with tasks missing failed, and a full one not', () => {
    expect(buildRunNotice(finishedRun({ status: 'Succeed', succeeded: 19 }), {}, loud, NOW).failed).toBe(true);
    expect(buildRunNotice(finishedRun({ status: 'Succeed', succeeded: 20 }), {}, loud, NOW).failed).toBe(false);
  });
});

describe('shouldRaise', () => {
  const run = finishedRun({ status: 'Succeed', succeeded: 20 });
  it('follows notifyOn', () => {
    expect(shouldRaise(run, false, loud, NOW)).toBe(true);
    expect(shouldRaise(run, false, { ...loud, notifyOn: 'failures' }, NOW)).toBe(false);
    expect(shouldRaise(run, true, { ...loud, notifyOn: 'failures' }, NOW)).toBe(true);
    expect(shouldRaise(run, true, { ...loud, notifyOn: 'never' }, NOW)).toBe(false);
  });

  it('keeps a muted rule quiet, and only that rule', () => {
    const muted = { ...loud, mutedRules: [muteKey({ profileId: PROFILE, registryId: 'tcr-sh1', ruleId: 3 })] };
    expect(shouldRaise(run, true, muted, NOW)).toBe(false);
    expect(shouldRaise(finishedRun({ ruleId: 4 }), true, muted, NOW)).toBe(true);
  });

  it('is quiet until do-not-disturb ends', () => {
    expect(shouldRaise(run, true, { ...loud, doNotDisturbUntil: '2026-11-28T11:00:00.000Z' }, NOW)).toBe(false);
    expect(shouldRaise(run, true, { ...loud, doNotDisturbUntil: '2026-11-28T09:00:00+08:00' }, NOW)).toBe(true);
  });
});

describe('trayStateOf', () => {
  const failed = buildRunNotice(finishedRun(), { Failed: 2 }, loud, NOW);
  it('is failed while an unread run failed, else running while a run is in progress, else idle', () => {
    expect(trayStateOf([failed], 0)).toBe('failed');
    expect(trayStateOf([failed], 2)).toBe('failed');
    expect(trayStateOf([{ ...failed, read: true }], 2)).toBe('running');
    expect(trayStateOf([{ ...failed, read: true }], 0)).toBe('idle');
    expect(trayStateOf([], 0)).toBe('idle');
  });
});
