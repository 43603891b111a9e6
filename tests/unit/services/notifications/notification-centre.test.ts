// The notification centre under Node: what a finished run becomes (entry, unread, tray), what the
// settings silence, once per run, across a restart, and changes arriving at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecentRunsView, RunNotice, SyncRun } from '../../../../src-main/contract/index.js';
import { AlertBoard } from '../../../../src-main/services/app-state/alert-board.js';
import { SettingsService } from '../../../../src-main/services/app-state/settings-service.js';
import { NotificationCentre } from '../../../../src-main/services/notifications/notification-centre.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { EventRecorder } from '../fakes/event-recorder.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { TempDir } from '../fakes/user-data-dir.js';
import { finishedRun, PROFILE } from './runs.js';

let home: TempDir;
let hub: EventHub;
let events: EventRecorder;
let clock: FakeClock;
let settings: SettingsService;
let centres: NotificationCentre[];

beforeEach(async () => {
  home = await TempDir.create('tcr-notifications-');
  hub = new EventHub();
  events = new EventRecorder(hub);
  clock = new FakeClock('2026-11-28T10:00:00.000Z');
  settings = new SettingsService(home.dir, hub, new AlertBoard(hub, clock));
  await settings.load();
  centres = [];
});
afterEach(async () => {
  for (const centre of centres) await centre.stop();
  await home.remove();
});

async function centre(): Promise<NotificationCentre> {
  const made = new NotificationCentre({ userDataDir: home.dir, events: hub, settings, clock });
  centres.push(made);
  await made.load();
  return made;
}

/** What the watcher does when a run ends; resolves once the centre has applied it. */
async function finish(made: NotificationCentre, run: SyncRun, failedByStatus: Record<string, number> = {}) {
  hub.emit('run:finished', { run, failedByStatus });
  await made.list();
}

const ok = (runId: number) => finishedRun({ runId, status: 'Succeed', succeeded: 20 });
const bad = (runId: number) => finishedRun({ runId });

function recent(...runs: SyncRun[]): RecentRunsView {
  return { scope: 'recent', runs, sources: [] };
}

describe('a finished run', () => {
  it('becomes one unread entry, sync:finished with its figures, and a failed tray', async () => {
    const made = await centre();
    await finish(made, bad(7), { Failed: 2 });

    const [notice] = events.of('sync:finished');
    expect(events.of('sync:finished')).toHaveLength(1);
    expect(notice).toMatchObject({
      id: `${PROFILE}/tcr-sh1/7`,
      durationMs: 192_000,
      failedByStatus: { Failed: 2 },
      failed: true,
      read: false,
      raised: true,
      run: { ruleName: 'sh-to-gz', succeeded: 18, total: 20 },
    });
    expect(events.last('notifications:changed')).toMatchObject({ unread: 1, tray: 'failed', entries: [notice] });
    expect(events.toWindows.map((m) => m.event)).toEqual(['sync:finished', 'notifications:changed']);
    expect(await made.list()).toMatchObject({ unread: 1, tray: 'failed', running: 0 });
  });

  it('lists the newest first and keeps 200', async () => {
    const made = await centre();
    for (let runId = 1; runId <= 205; runId++) hub.emit('run:finished', { run: ok(runId), failedByStatus: {} });
    const view = await made.list();
    expect(view.entries).toHaveLength(200);
    expect(view.entries[0]?.run.runId).toBe(205);
    expect(view.entries.at(-1)?.run.runId).toBe(6);
    expect(view.unread).toBe(200);
  });

  it('is announced once, however often and however concurrently it is reported', async () => {
    const made = await centre();
    await Promise.all([made.announce(bad(7), { Failed: 2 }), made.announce(bad(7), { Failed: 2 })]);
    await finish(made, bad(7), { Failed: 2 });
    expect(events.of('sync:finished')).toHaveLength(1);
    expect((await made.list()).entries).toHaveLength(1);
  });

  it('never comes back after the history was cleared', async () => {
    const made = await centre();
    await finish(made, bad(7));
    await made.clear();
    await finish(made, bad(7));
    expect((await made.list()).entries).toEqual([]);
    expect(events.of('sync:finished')).toHaveLength(1);
  });

  it('is not announced while still in progress', async () => {
    const made = await centre();
    await finish(made, finishedRun({ status: 'InProgress', endedAt: undefined }));
    expect(events.of('sync:finished')).toEqual([]);
  });
});

describe('the settings decide what is raised; the history keeps everything', () => {
  it('only failures', async () => {
    await settings.update({ notifyOn: 'failures' });
    const made = await centre();
    await finish(made, ok(1));
    await finish(made, bad(2), { Failed: 2 });
    expect(events.of('sync:finished').map((n) => [n.run.runId, n.raised])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect((await made.list()).entries).toHaveLength(2);
  });

  it('never', async () => {
    await settings.update({ notifyOn: 'never' });
    const made = await centre();
    await finish(made, bad(2));
    expect(events.of('sync:finished').map((n) => n.raised)).toEqual([false]);
  });

  it('a muted rule, until it is unmuted', async () => {
    const made = await centre();
    const rule = { profileId: PROFILE, registryId: 'tcr-sh1', ruleId: 3 };
    expect(await made.mute({ ...rule, muted: true })).toEqual([`${PROFILE}/tcr-sh1/3`]);
    await finish(made, bad(1));
    await finish(made, finishedRun({ runId: 2, ruleId: 4 }));
    expect(await made.mute({ ...rule, muted: false })).toEqual([]);
    await finish(made, bad(3));
    expect(events.of('sync:finished').map((n) => [n.run.runId, n.raised])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
  });

  it('do not disturb, until it ends', async () => {
    await settings.update({ doNotDisturbUntil: '2026-11-28T11:00:00.000Z' });
    const made = await centre();
    await finish(made, bad(1));
    clock.set('2026-11-28T11:00:01.000Z');
    await finish(made, bad(2));
    expect(events.of('sync:finished').map((n) => n.raised)).toEqual([false, true]);
  });

  it('two windows muting two rules at once both stick', async () => {
    const made = await centre();
    const other = await centre();
    await Promise.all([
      made.mute({ profileId: PROFILE, registryId: 'tcr-sh1', ruleId: 3, muted: true }),
      other.mute({ profileId: PROFILE, registryId: 'tcr-sh1', ruleId: 4, muted: true }),
    ]);
    expect([...settings.get().mutedRules].sort()).toEqual([`${PROFILE}/tcr-sh1/3`, `${PROFILE}/tcr-sh1/4`]);
  });
});

describe('unread and the tray', () => {
  it('marks some or all read; the tray leaves failed once the failures are read', async () => {
    const made = await centre();
    await finish(made, bad(1), { Failed: 2 });
    await finish(made, bad(2), { Failed: 1 });
    const some = await made.markRead([`${PROFILE}/tcr-sh1/1`]);
    expect(some).toMatchObject({ unread: 1, tray: 'failed' });
    const all = await made.markRead();
    expect(all).toMatchObject({ unread: 0, tray: 'idle' });
    expect(events.last('notifications:changed')).toMatchObject({ unread: 0, tray: 'idle' });
  });

  it('is running while the watcher sees a run in progress', async () => {
    const made = await centre();
    hub.emit('runs:changed', recent(finishedRun({ status: 'InProgress', endedAt: undefined }), ok(2)));
    expect(events.last('notifications:changed')).toMatchObject({ tray: 'running', running: 1 });
    await finish(made, bad(3));
    expect(made.view().tray).toBe('failed');
    await made.markRead();
    expect(made.view()).toMatchObject({ tray: 'running', running: 1 });
    hub.emit('runs:changed', recent(ok(1), ok(2)));
    expect(events.last('notifications:changed')).toMatchObject({ tray: 'idle', running: 0 });
  });
});

describe('across a restart', () => {
  it('keeps the history and what was read, and still announces a run once', async () => {
    const first = await centre();
    await finish(first, bad(1), { Failed: 2 });
    await finish(first, ok(2));
    await first.markRead([`${PROFILE}/tcr-sh1/2`]);
    await first.stop();

    const second = await centre();
    expect(await second.list()).toMatchObject({ unread: 1, tray: 'failed' });
    expect((await second.list()).entries.map((e) => [e.run.runId, e.read])).toEqual([
      [2, true],
      [1, false],
    ]);
    await finish(second, bad(1), { Failed: 2 });
    expect(events.of('sync:finished')).toHaveLength(2);
  });

  it('remembers a cleared run as announced', async () => {
    const first = await centre();
    await finish(first, bad(1));
    await first.clear();
    await first.stop();
    const second = await centre();
    await finish(second, bad(1));
    expect(events.of('sync:finished')).toHaveLength(1);
  });

  it('starts empty from a corrupt file, and sets it aside', async () => {
    await home.write('notifications.json', '{"version":1,"entries":[{"id":');
    const made = await centre();
    expect(await made.list()).toMatchObject({ entries: [], unread: 0, tray: 'idle' });
    expect((await home.files()).some((name) => name.startsWith('notifications.corrupt-'))).toBe(true);
    await finish(made, bad(1));
    expect((await made.list()).entries).toHaveLength(1);
  });
});

describe('changes at once', () => {
  it('mark read, a new run and clear, asked together, apply in order and the file agrees', async () => {
    const made = await centre();
    await finish(made, bad(1));
    const [afterRead, notice, , afterSecondRead] = await Promise.all([
      made.markRead(),
      made.announce(bad(2), { Failed: 2 }),
      made.markRead([`${PROFILE}/tcr-sh1/1`]),
      made.list(),
    ]);
    expect(afterRead.unread).toBe(0);
    expect(notice?.read).toBe(false);
    expect(afterSecondRead).toMatchObject({ unread: 1, tray: 'failed' });

    const [cleared, third] = await Promise.all([made.clear(), made.announce(bad(3), {})]);
    expect(cleared.entries).toEqual([]);
    expect(third?.id).toBe(`${PROFILE}/tcr-sh1/3`);
    const file = await home.readJson<{ entries: RunNotice[] }>('notifications.json');
    expect(file.entries.map((e) => e.id)).toEqual([`${PROFILE}/tcr-sh1/3`]);
    expect((await made.list()).entries.map((e) => e.id)).toEqual([`${PROFILE}/tcr-sh1/3`]);
  });

  it('many runs finishing at once are all kept, each once', async () => {
    const made = await centre();
    await Promise.all(Array.from({ length: 30 }, (_, i) => made.announce(ok(i + 1), {})));
    await Promise.all(Array.from({ length: 30 }, (_, i) => made.announce(ok(i + 1), {})));
    const file = await home.readJson<{ entries: RunNotice[] }>('notifications.json');
    expect(file.entries).toHaveLength(30);
    expect(new Set(file.entries.map((e) => e.id)).size).toBe(30);
    expect(events.of('sync:finished')).toHaveLength(30);
  });
});
