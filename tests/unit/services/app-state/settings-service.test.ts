import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertBoard } from '../../../../src-main/services/app-state/alert-board.js';
import { DEFAULT_SETTINGS, SettingsService } from '../../../../src-main/services/app-state/settings-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { EventRecorder } from '../fakes/event-recorder.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { TempDir } from '../fakes/user-data-dir.js';

let home: TempDir;
let hub: EventHub;
let events: EventRecorder;
let alerts: AlertBoard;

beforeEach(async () => {
  home = await TempDir.create('tcr-settings-');
  hub = new EventHub();
  events = new EventRecorder(hub);
  alerts = new AlertBoard(hub, new FakeClock('2026-11-28T10:00:00.000Z'));
});
afterEach(() => home.remove());

async function loaded(): Promise<SettingsService> {
  const settings = new SettingsService(home.dir, hub, alerts);
  await settings.load();
  return settings;
}

describe('SettingsService', () => {
  it('uses the defaults when there is no settings file, and writes none', async () => {
    const settings = await loaded();
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'system', keychainTimeoutSeconds: 30 });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(alerts.list()).toEqual([]);
    expect(await home.exists('settings.json')).toBe(false);
  });

  it('fills what a file leaves out with the defaults', async () => {
    await home.write('settings.json', { language: 'en' });
    expect((await loaded()).get()).toEqual({ ...DEFAULT_SETTINGS, language: 'en', keychainTimeoutSeconds: 30 });
  });

  it('saves a change to settings.json, tells every window, and the next start reads it back', async () => {
    const settings = await loaded();
    const after = await settings.update({ keychainTimeoutSeconds: 90 });
    expect(after).toEqual({ ...DEFAULT_SETTINGS, language: 'system', keychainTimeoutSeconds: 90 });
    expect(settings.get()).toEqual(after);
    expect(await home.readJson('settings.json')).toEqual(after);
    expect(events.of('settings:changed')).toEqual([after]);
    expect(events.toWindows).toEqual([{ event: 'settings:changed', payload: after }]);
    expect((await loaded()).get()).toEqual(after);
  });

  it('keeps the other settings when one is changed', async () => {
    const settings = await loaded();
    await settings.update({ language: 'zh-CN' });
    await settings.update({ keychainTimeoutSeconds: 10 });
    expect(await home.readJson('settings.json')).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'zh-CN',
      keychainTimeoutSeconds: 10,
    });
  });

  it.each([
    ['not JSON', '{"language": '],
    ['a value it does not know', JSON.stringify({ language: 'fr', keychainTimeoutSeconds: 30 })],
    ['a timeout out of range', JSON.stringify({ keychainTimeoutSeconds: 1 })],
  ])('sets a file with %s aside, keeps it, uses the defaults and raises an alert', async (_what, text) => {
    await home.write('settings.json', text);
    const settings = await loaded();
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const [alert] = alerts.list();
    expect(alert).toMatchObject({ kind: 'settings-corrupt', at: '2026-11-28T10:00:00.000Z' });
    expect(alert?.keptAs).toMatch(/settings\.corrupt-.*\.json$/);
    expect(await home.files()).toEqual([alert?.keptAs.slice(home.dir.length + 1)]);
    expect(await home.read(alert!.keptAs.slice(home.dir.length + 1))).toBe(text);
    expect(events.last('app:alerts')).toEqual(alerts.list());
  });

  it('after a corrupt file, a change writes a new file and leaves the kept one alone', async () => {
    await home.write('settings.json', 'garbage');
    const settings = await loaded();
    await settings.update({ language: 'en' });
    expect(await home.readJson('settings.json')).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'en',
      keychainTimeoutSeconds: 30,
    });
    const kept = alerts.list()[0]!.keptAs.slice(home.dir.length + 1);
    expect(await home.read(kept)).toBe('garbage');
  });

  it('a change that cannot be written fails, and the settings stay as they were', async () => {
    const settings = await loaded();
    await settings.update({ language: 'en' });
    events.clear();
    await home.breakWrites('settings.json');
    await expect(settings.update({ language: 'zh-CN' })).rejects.toThrow();
    expect(settings.get().language).toBe('en');
    expect(events.of('settings:changed')).toEqual([]);
  });

  it('two changes of the same setting at once: the last one wins, on disk and in memory', async () => {
    const settings = await loaded();
    await Promise.all([
      settings.update({ keychainTimeoutSeconds: 10 }),
      settings.update({ keychainTimeoutSeconds: 20 }),
    ]);
    expect(settings.get().keychainTimeoutSeconds).toBe(20);
    expect(await home.readJson('settings.json')).toEqual(settings.get());
  });

  it('two edits of one list at once, each worked out from what the other left: both are kept', async () => {
    const settings = await loaded();
    const add = (rule: string) => settings.change((now) => ({ mutedRules: [...now.mutedRules, rule] }));
    await Promise.all([add('a/tcr-1/1'), add('b/tcr-2/2'), add('c/tcr-3/3')]);
    expect(settings.get().mutedRules).toEqual(['a/tcr-1/1', 'b/tcr-2/2', 'c/tcr-3/3']);
    expect(await home.readJson('settings.json')).toEqual(settings.get());
  });

  it('hands out a copy', async () => {
    const settings = await loaded();
    settings.get().language = 'en';
    expect(settings.get().language).toBe('system');
  });
});

describe('SettingsService with alerts that cannot be saved', () => {
  it('a corrupt settings file still loads, with its alert shown, when alerts.json cannot be written', async () => {
    const board = new AlertBoard(hub, new FakeClock(), home.dir);
    await board.load();
    await home.breakWrites('alerts.json');
    await home.write('settings.json', 'garbage');
    const settings = new SettingsService(home.dir, hub, board);
    await settings.load();
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(board.list().map((a) => a.kind)).toEqual(['settings-corrupt']);
  });
});
