// What must outlive a restart (an alert not dismissed) and what must survive two changes at once.
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertBoard } from '../../../../src-main/services/app-state/alert-board.js';
import { DEFAULT_SETTINGS, SettingsService } from '../../../../src-main/services/app-state/settings-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { TempDir } from '../fakes/user-data-dir.js';

let home: TempDir;
beforeEach(async () => {
  home = await TempDir.create('tcr-alerts-');
});
afterEach(() => home.remove());

async function start(): Promise<{ alerts: AlertBoard; settings: SettingsService }> {
  const hub = new EventHub();
  const alerts = new AlertBoard(hub, new FakeClock('2026-11-28T10:00:00.000Z'), home.dir);
  await alerts.load();
  const settings = new SettingsService(home.dir, hub, alerts);
  await settings.load();
  return { alerts, settings };
}

describe('alerts about stored data', () => {
  it('stay across restarts until dismissed, then stay gone', async () => {
    await writeFile(home.path('settings.json'), '{ not json');
    const first = await start();
    const [alert] = first.alerts.list();
    expect(alert).toMatchObject({ kind: 'settings-corrupt' });
    expect((await start()).alerts.list()).toEqual([alert]); // one more restart: still there
    const third = await start();
    await third.alerts.dismiss(alert!.keptAs);
    expect((await start()).alerts.list()).toEqual([]);
  });
});

describe('settings', () => {
  it('two changes of different settings at once: both are kept', async () => {
    const { settings } = await start();
    await Promise.all([settings.update({ language: 'en' }), settings.update({ keychainTimeoutSeconds: 60 })]);
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'en', keychainTimeoutSeconds: 60 });
    expect(await home.readJson('settings.json')).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'en',
      keychainTimeoutSeconds: 60,
    });
  });
});
