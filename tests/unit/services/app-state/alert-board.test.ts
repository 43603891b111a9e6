import { describe, expect, it } from 'vitest';
import { AlertBoard } from '../../../../src-main/services/app-state/alert-board.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { EventRecorder } from '../fakes/event-recorder.js';
import { FakeClock } from '../fakes/fake-clock.js';

function board() {
  const hub = new EventHub();
  const events = new EventRecorder(hub);
  const clock = new FakeClock('2026-11-28T10:00:00.000Z');
  return { alerts: new AlertBoard(hub, clock), events, clock };
}

describe('AlertBoard', () => {
  it('starts with no alert', () => {
    expect(board().alerts.list()).toEqual([]);
  });

  it('lists each alert with the file kept aside and when it happened, and tells every window', () => {
    const { alerts, events, clock } = board();
    alerts.add('profiles-corrupt', '/data/profiles.corrupt-1.json');
    clock.advance(60_000);
    alerts.add('settings-corrupt', '/data/settings.corrupt-2.json');
    const expected = [
      { kind: 'profiles-corrupt', keptAs: '/data/profiles.corrupt-1.json', at: '2026-11-28T10:00:00.000Z' },
      { kind: 'settings-corrupt', keptAs: '/data/settings.corrupt-2.json', at: '2026-11-28T10:01:00.000Z' },
    ];
    expect(alerts.list()).toEqual(expected);
    expect(events.of('app:alerts')).toEqual([[expected[0]], expected]);
    expect(events.toWindows.map((m) => m.event)).toEqual(['app:alerts', 'app:alerts']);
  });

  it('dismisses the alert of one kept file, keeps the others, and tells the windows', () => {
    const { alerts, events } = board();
    alerts.add('profiles-corrupt', '/data/a.json');
    alerts.add('settings-corrupt', '/data/b.json');
    events.clear();
    alerts.dismiss('/data/a.json');
    expect(alerts.list().map((a) => a.keptAs)).toEqual(['/data/b.json']);
    expect(events.of('app:alerts')).toEqual([alerts.list()]);
  });

  it('dismissing an alert that is not there changes nothing', () => {
    const { alerts } = board();
    alerts.add('profiles-corrupt', '/data/a.json');
    alerts.dismiss('/data/unknown.json');
    expect(alerts.list().map((a) => a.keptAs)).toEqual(['/data/a.json']);
  });

  it('hands out copies: changing a listed alert does not change the board', () => {
    const { alerts } = board();
    alerts.add('profiles-corrupt', '/data/a.json');
    const listed = alerts.list();
    listed[0]!.keptAs = 'changed';
    listed.pop();
    expect(alerts.list().map((a) => a.keptAs)).toEqual(['/data/a.json']);
  });
});
