import { describe, expect, it } from 'vitest';
import { WatchSchedule } from '../../../src-main/domain/watch-schedule.js';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.parse('2026-11-28T10:00:00.000Z');

/** Drives a schedule as the watcher does: each poll answers at once with what `answer` says. */
function simulate(
  schedule: WatchSchedule,
  untilMs: number,
  answer: (key: string, at: number) => 'idle' | 'active' | 'error' | 'refused',
  stepMs = S,
): { key: string; at: number }[] {
  const polls: { key: string; at: number }[] = [];
  for (let now = T0; now <= T0 + untilMs; now += stepMs) {
    for (const key of schedule.take(now)) {
      polls.push({ key, at: now });
      const outcome = answer(key, now);
      if (outcome === 'error' || outcome === 'refused') schedule.failed(key, now, outcome === 'refused');
      else schedule.succeeded(key, now, outcome === 'active');
    }
  }
  return polls;
}

const timesOf = (polls: { key: string; at: number }[], key: string) =>
  polls.filter((p) => p.key === key).map((p) => (p.at - T0) / S);

describe('watch schedule', () => {
  it('asks a new source at once, then every idle interval; every active interval while a run is in progress', () => {
    const schedule = new WatchSchedule({ idleMs: 300 * S, activeMs: 15 * S });
    schedule.add('p/a', 'p', T0);
    schedule.add('p/b', 'p', T0);
    // b has a run in progress from minute 5 to minute 6.
    const polls = simulate(schedule, 12 * MIN, (key, at) =>
      key === 'p/b' && at >= T0 + 5 * MIN && at < T0 + 6 * MIN ? 'active' : 'idle',
    );
    expect(timesOf(polls, 'p/a')).toEqual([0, 300, 600]);
    expect(timesOf(polls, 'p/b')).toEqual([0, 300, 315, 330, 345, 360, 660]);
    expect(schedule.stateOf('p/b')).toMatchObject({ state: 'idle', dueAt: T0 + 960 * S, failures: 0 });
  });

  it('never hands out a source twice while it is being polled', () => {
    const schedule = new WatchSchedule({ idleMs: 60 * S, activeMs: 5 * S });
    schedule.add('p/a', 'p', T0);
    expect(schedule.take(T0)).toEqual(['p/a']);
    expect(schedule.take(T0 + 10 * MIN)).toEqual([]);
    schedule.catchUp(T0 + 10 * MIN);
    expect(schedule.take(T0 + 10 * MIN)).toEqual([]);
    expect(schedule.stateOf('p/a')).toMatchObject({ polling: true });
    schedule.succeeded('p/a', T0 + 10 * MIN, false);
    expect(schedule.take(T0 + 10 * MIN)).toEqual([]);
    expect(schedule.take(T0 + 11 * MIN)).toEqual(['p/a']);
  });

  it('backs off twice as long after each failure, capped at four idle intervals, and resets on success', () => {
    const schedule = new WatchSchedule({ idleMs: 60 * S, activeMs: 10 * S });
    schedule.add('p/a', 'p', T0, { active: true });
    // Fails for 20 minutes, then answers.
    const polls = simulate(schedule, 40 * MIN, (_key, at) => (at < T0 + 20 * MIN ? 'error' : 'active'));
    const times = timesOf(polls, 'p/a');
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    // 10 s active interval: 20, 40, 80, 160, then the cap (4 × 60 s).
    expect(gaps.slice(0, 7)).toEqual([20, 40, 80, 160, 240, 240, 240]);
    // Once it answers again, back to the active interval.
    expect(gaps.at(-1)).toBe(10);
    expect(schedule.stateOf('p/a')).toMatchObject({ state: 'active', failures: 0 });
  });

  it('shows the backoff state while it waits', () => {
    const schedule = new WatchSchedule({ idleMs: 300 * S, activeMs: 15 * S });
    schedule.add('p/a', 'p', T0);
    schedule.take(T0);
    schedule.failed('p/a', T0, false);
    expect(schedule.stateOf('p/a')).toEqual({
      profileId: 'p',
      state: 'backoff',
      dueAt: T0 + 600 * S,
      polling: false,
      failures: 1,
      lastPolledAt: T0,
    });
  });

  it('stops asking every source of a profile whose keys were refused, until the profile changes', () => {
    const schedule = new WatchSchedule({ idleMs: 60 * S, activeMs: 5 * S });
    schedule.add('bad/a', 'bad', T0);
    schedule.add('bad/b', 'bad', T0 + MIN);
    schedule.add('good/c', 'good', T0);
    const polls = simulate(schedule, 30 * MIN, (key) => (key.startsWith('bad/') ? 'refused' : 'idle'));
    // Refused once: b (not asked yet) is refused with it, and neither is asked again.
    expect(timesOf(polls, 'bad/a')).toEqual([0]);
    expect(timesOf(polls, 'bad/b')).toEqual([]);
    expect(timesOf(polls, 'good/c')).toHaveLength(31);
    expect(schedule.stateOf('bad/b')?.state).toBe('refused');
    // A catch-up does not wake it either.
    schedule.catchUp(T0 + 31 * MIN);
    expect(schedule.take(T0 + 31 * MIN)).toEqual(['good/c']);
    expect(schedule.nextAt(T0 + 31 * MIN)).toBeUndefined();
    // The profile was edited (new keys): asked again at once.
    schedule.profileChanged('bad', T0 + 32 * MIN);
    expect(schedule.take(T0 + 32 * MIN).sort()).toEqual(['bad/a', 'bad/b']);
  });

  it('keeps 50 instances with runs in progress within the budget, each asked in turn', () => {
    const schedule = new WatchSchedule({ idleMs: 300 * S, activeMs: 15 * S, budgetPerMinute: 30 });
    const keys = Array.from({ length: 50 }, (_, i) => `p/tcr-${String(i).padStart(2, '0')}`);
    for (const key of keys) schedule.add(key, 'p', T0);
    const polls = simulate(schedule, 30 * MIN, () => 'active');
    // Never more than 30 calls in any rolling minute.
    for (const { at } of polls) {
      expect(polls.filter((p) => p.at > at - MIN && p.at <= at).length).toBeLessThanOrEqual(30);
    }
    // The budget is used, not wasted: 30 a minute over 30 minutes.
    expect(polls.length).toBeGreaterThanOrEqual(30 * 30);
    // Fair: every instance asked 17 or 18 times, never waiting more than two minutes.
    for (const key of keys) {
      const times = timesOf(polls, key);
      expect(times.length).toBeGreaterThanOrEqual(17);
      expect(times.length).toBeLessThanOrEqual(19);
      const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(120);
    }
  });

  it('asks 50 idle instances once per idle interval each, well under the budget', () => {
    const schedule = new WatchSchedule({ idleMs: 300 * S, activeMs: 15 * S, budgetPerMinute: 30 });
    for (let i = 0; i < 50; i++) schedule.add(`p/tcr-${String(i)}`, 'p', T0 + (i % 10) * 30 * S);
    const polls = simulate(schedule, 60 * MIN - S, () => 'idle');
    expect(polls).toHaveLength(50 * 12);
  });

  it('counts the calls a poll makes beyond its first against the budget', () => {
    const schedule = new WatchSchedule({ idleMs: 60 * S, activeMs: 5 * S, budgetPerMinute: 10 });
    for (let i = 0; i < 10; i++) schedule.add(`p/${String(i)}`, 'p', T0);
    const first = schedule.take(T0);
    expect(first).toHaveLength(10);
    for (const key of first) schedule.succeeded(key, T0, true);
    expect(schedule.hasBudget(T0)).toBe(false);
    expect(schedule.take(T0 + 30 * S)).toEqual([]);
    expect(schedule.nextAt(T0 + 30 * S)).toBe(T0 + MIN);
    // One minute later the budget is back; a poll that read three more pages spends them.
    const next = schedule.take(T0 + MIN);
    expect(next).toHaveLength(10);
    schedule.spend(T0 + MIN, 3);
    expect(schedule.callsInLastMinute(T0 + MIN + S)).toBe(13);
  });

  it('makes every source due at once on catch-up, within the budget, the most overdue first', () => {
    const schedule = new WatchSchedule({ idleMs: 300 * S, activeMs: 15 * S, budgetPerMinute: 30 });
    for (let i = 0; i < 40; i++) schedule.add(`p/${String(i).padStart(2, '0')}`, 'p', T0 + i * S);
    const first = simulate(schedule, 40 * S, () => 'idle');
    expect(first).toHaveLength(30);
    // Ten minutes later (the computer slept): all 40 are overdue; 30 may go now.
    const wake = T0 + 10 * MIN;
    schedule.catchUp(wake);
    const now = schedule.take(wake);
    expect(now).toHaveLength(30);
    // The ten left over first are among the first asked at the catch-up (they waited longest).
    for (let i = 30; i < 40; i++) expect(now).toContain(`p/${String(i)}`);
  });

  it('a catch-up brings a source waiting out a backoff forward; one during a failing poll retries at once', () => {
    const schedule = new WatchSchedule({ idleMs: 300 * S, activeMs: 15 * S });
    schedule.add('p/a', 'p', T0);
    schedule.add('p/b', 'p', T0);
    schedule.take(T0);
    schedule.failed('p/a', T0, false);
    schedule.catchUp(T0 + 5 * S);
    expect(schedule.take(T0 + 5 * S)).toEqual(['p/a']);
    // b's poll is still under way when the network comes back, and then fails.
    schedule.catchUp(T0 + 6 * S);
    schedule.failed('p/b', T0 + 7 * S, false);
    expect(schedule.take(T0 + 7 * S)).toEqual(['p/b']);
  });

  it('new intervals from the settings count from each source’s last poll', () => {
    const schedule = new WatchSchedule({ idleMs: 300 * S, activeMs: 15 * S });
    schedule.add('p/a', 'p', T0);
    schedule.take(T0);
    schedule.succeeded('p/a', T0, false);
    schedule.setIntervals(60 * S, 5 * S, T0 + 10 * S);
    expect(schedule.stateOf('p/a')?.dueAt).toBe(T0 + 60 * S);
  });
});
