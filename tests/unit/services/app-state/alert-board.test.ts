import { afterEach, describe, expect, it } from 'vitest';
import { AlertBoard } from '../../../../src-main/services/app-state/alert-board.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { EventRecorder } from '../fakes/event-recorder.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { TempDir } from '../fakes/user-data-dir.js';

function board(userDataDir?: string) {
  const hub = new EventHub();
  const events = new EventRecorder(hub);
  const clock = new FakeClock('2026-11-28T10:00:00.000Z');
  return { alerts: new AlertBoard(hub, clock, userDataDir), events, clock };
}

describe('AlertBoard', () => {
  it('starts with no alert', () => {
    expect(board().alerts.list()).toEqual([]);
  });

  it('lists each alert with the file kept aside and when it happened, and tells every window', async () => {
    const { alerts, events, clock } = board();
    await alerts.add('profiles-corrupt', '/data/profiles.corrupt-1.json');
    clock.advance(60_000);
    await alerts.add('settings-corrupt', '/data/settings.corrupt-2.json');
    const expected = [
      { kind: 'profiles-corrupt', keptAs: '/data/profiles.corrupt-1.json', at: '2026-11-28T10:00:00.000Z' },
      { kind: 'settings-corrupt', keptAs: '/data/settings.corrupt-2.json', at: '2026-11-28T10:01:00.000Z' },
    ];
    expect(alerts.list()).toEqual(expected);
    expect(events.of('app:alerts')).toEqual([[expected[0]], expected]);
    expect(events.toWindows.map((m) => m.event)).toEqual(['app:alerts', 'app:alerts']);
  });

  it('raises one alert per kept file, however often it is reported', async () => {
    const { alerts, events } = board();
    await alerts.add('profiles-corrupt', '/data/a.json');
    await alerts.add('profiles-corrupt', '/data/a.json');
    expect(alerts.list()).toHaveLength(1);
    expect(events.of('app:alerts')).toHaveLength(1);
  });

  it('dismisses the alert of one kept file, keeps the others, and tells the windows', async () => {
    const { alerts, events } = board();
    await alerts.add('profiles-corrupt', '/data/a.json');
    await alerts.add('settings-corrupt', '/data/b.json');
    events.clear();
    await alerts.dismiss('/data/a.json');
    expect(alerts.list().map((a) => a.keptAs)).toEqual(['/data/b.json']);
    expect(events.of('app:alerts')).toEqual([alerts.list()]);
  });

  it('dismissing an alert that is not there changes nothing', async () => {
    const { alerts } = board();
    await alerts.add('profiles-corrupt', '/data/a.json');
    await alerts.dismiss('/data/unknown.json');
    expect(alerts.list().map((a) => a.keptAs)).toEqual(['/data/a.json']);
  });

  it('hands out copies: changing a listed alert does not change the board', async () => {
    const { alerts } = board();
    await alerts.add('profiles-corrupt', '/data/a.json');
    const listed = alerts.list();
    listed[0]!.keptAs = 'changed';
    listed.pop();
    expect(alerts.list().map((a) => a.keptAs)).toEqual(['/data/a.json']);
  });
});

describe('AlertBoard in a user-data dir', () => {
  let home: TempDir;
  afterEach(() => home.remove());

  async function started() {
    const b = board(home.dir);
    await b.alerts.load();
    return b;
  }

  it('keeps an alert raised before the stored ones were read, next to them', async () => {
    home = await TempDir.create('tcr-alerts-');
    await (await started()).alerts.add('profiles-corrupt', '/data/old.json');
    const b = board(home.dir);
    await b.alerts.add('settings-corrupt', '/data/new.json');
    await b.alerts.load();
    expect(b.alerts.list().map((a) => a.keptAs)).toEqual(['/data/old.json', '/data/new.json']);
    expect((await started()).alerts.list().map((a) => a.keptAs)).toEqual(['/data/old.json', '/data/new.json']);
  });

  it('sets a damaged alerts file aside and starts with none', async () => {
    home = await TempDir.create('tcr-alerts-');
    await home.write('alerts.json', '{"version": 1, "alerts": "nope"}');
    const { alerts } = await started();
    expect(alerts.list()).toEqual([]);
    expect((await home.files()).some((f) => f.startsWith('alerts.corrupt-'))).toBe(true);
  });

  it('keeps the newest 100 in the file', async () => {
    home = await TempDir.create('tcr-alerts-');
    const { alerts } = await started();
    for (let i = 0; i < 105; i++) await alerts.add('profiles-corrupt', `/data/${String(i)}.json`);
    const stored = await home.readJson<{ alerts: { keptAs: string }[] }>('alerts.json');
    expect(stored.alerts).toHaveLength(100);
    expect(stored.alerts[0]?.keptAs).toBe('/data/5.json');
    expect(stored.alerts.at(-1)?.keptAs).toBe('/data/104.json');
  });

  it('alerts raised and dismissed at once: the file ends as the board does', async () => {
    home = await TempDir.create('tcr-alerts-');
    const { alerts } = await started();
    await alerts.add('profiles-corrupt', '/data/a.json');
    await Promise.all([
      alerts.add('settings-corrupt', '/data/b.json'),
      alerts.dismiss('/data/a.json'),
      alerts.add('profiles-corrupt', '/data/c.json'),
    ]);
    expect(alerts.list().map((a) => a.keptAs)).toEqual(['/data/b.json', '/data/c.json']);
    expect((await started()).alerts.list()).toEqual(alerts.list());
  });
});
