// The desktop shell against a recording fake of Electron (no Electron binary runs here), around a
// real AppCore: a finished run reported on its hub changes the tray and raises one notification;
// clicks open the run; closing the window hides it or quits; the login item follows the setting.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppCore, type AppCore } from '../../../src-main/app/create-app.js';
import type { NavigateRequest, Settings, SyncRun } from '../../../src-main/contract/index.js';
import { startDesktopShell, type DesktopShell } from '../../../src-main/shell/desktop-shell.js';
import { finishedRun } from '../services/notifications/runs.js';
import { TempDir } from '../services/fakes/user-data-dir.js';
import {
  app,
  BrowserWindow,
  Notification,
  powerMonitor,
  resetFakeElectron,
  Tray,
  type FakeMenu,
} from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

const FAKE_WORKER = fileURLToPath(new URL('../fixtures/fake-keychain-worker.mjs', import.meta.url));
const sender = { origin: 'test' };

let home: TempDir;
let core: AppCore | undefined;
let desktop: DesktopShell | undefined;
let navigations: NavigateRequest[];
let wakes: number;

beforeEach(async () => {
  resetFakeElectron();
  home = await TempDir.create('tcr-shell-');
  navigations = [];
  wakes = 0;
});
afterEach(async () => {
  desktop?.destroy();
  desktop = undefined;
  await core?.stop();
  core = undefined;
  await home.remove();
});

/** The app as the shell starts it, with these settings saved beforehand. */
async function start(saved: Partial<Settings> = {}, locale = 'en-US'): Promise<AppCore> {
  await home.write('settings.json', saved);
  const real = createAppCore({
    userDataDir: home.dir,
    host: 'electron',
    systemLocale: locale,
    version: 'test',
    keychainWorkerPath: FAKE_WORKER,
    tccliDir: home.path('tccli'),
    isTrustedSender: () => true,
  });
  // wake() is the watcher's; here it is counted, to see the shell pass the OS's word on.
  core = {
    ...real,
    wake: () => {
      wakes++;
    },
  };
  core.events.on('app:navigate', (request) => navigations.push(request));
  await core.start();
  desktop = startDesktopShell({
    core,
    systemLocale: locale,
    isPackaged: true,
    isMac: false,
    assetPath: (name) => `/assets/${name}`,
    preloadPath: '/out/main/preload.cjs',
  });
  await desktop.ready();
  await settle();
  return core;
}

/** Lets queued work end: the centre's writes, the window's load. */
async function settle(): Promise<void> {
  await core?.router.call('notifications:list', undefined, sender);
  await new Promise((resolve) => setTimeout(resolve, 5));
}

async function finish(run: SyncRun, failedByStatus: Record<string, number> = {}): Promise<void> {
  core?.events.emit('run:finished', { run, failedByStatus });
  await settle();
}

async function settings(patch: Partial<Settings>): Promise<void> {
  const result = await core?.router.call('settings:update', patch, sender);
  expect(result?.ok).toBe(true);
  await settle();
}

function theTray(): Tray {
  const live = Tray.instances.filter((tray) => !tray.destroyed);
  expect(live).toHaveLength(1);
  return live[0]!;
}

function trayMenu(): FakeMenu {
  const menu = theTray().menu;
  if (menu === null) throw new Error('the tray has no menu');
  return menu;
}

function theWindow(): BrowserWindow {
  const live = BrowserWindow.instances.filter((window) => !window.destroyed);
  expect(live).toHaveLength(1);
  return live[0]!;
}

const failedRun = (runId = 7) => finishedRun({ runId });
const keyOf = (run: SyncRun) => run.key;

describe('a finished run', () => {
  it('turns the tray to failed, lists the run in its menu and raises one notification with its figures', async () => {
    await start();
    expect(theTray().image).toBe('/assets/tray-idle.png');
    expect(trayMenu().labels()).toEqual([
      'Open TCR Sync Desktop',
      '—',
      'No finished sync runs yet',
      '—',
      'Mark all read',
      '—',
      'Quit',
    ]);

    await finish(failedRun(), { Failed: 2 });
    await finish(failedRun(), { Failed: 2 }); // reported twice: still one of everything

    expect(theTray().image).toBe('/assets/tray-failed.png');
    expect(theTray().tooltip).toBe('TCR Sync Desktop — 1 unread');
    expect(trayMenu().labels()).toEqual([
      'Open TCR Sync Desktop',
      '—',
      '✗ sh-to-gz 18/20 · 3 min 12 s',
      '—',
      'Mark all read',
      '—',
      'Quit',
    ]);
    expect(trayMenu().item('Mark all read').enabled).toBe(true);
    expect(Notification.instances.map((n) => ({ ...n.options, shown: n.shown }))).toEqual([
      {
        title: 'rule sh-to-gz',
        body: '18/20 synced in 3 min 12 s — 2 failed',
        icon: '/assets/notification.png',
        shown: true,
      },
    ]);
  });

  it('lists the last 10 runs, newest first, and shows running while the watcher sees one in progress', async () => {
    await start();
    for (let runId = 1; runId <= 12; runId++) {
      await finish(finishedRun({ runId, status: 'Succeed', succeeded: 20, ruleName: `rule-${runId}` }));
    }
    const runs = trayMenu()
      .labels()
      .filter((label) => label.startsWith('✓'));
    expect(runs).toHaveLength(10);
    expect(runs[0]).toBe('✓ rule-12 20/20 · 3 min 12 s');
    expect(runs[9]).toBe('✓ rule-3 20/20 · 3 min 12 s');
    expect(theTray().image).toBe('/assets/tray-idle.png');
    // What the watcher says when it sees a run in progress.
    core?.events.emit('runs:changed', {
      scope: 'recent',
      runs: [finishedRun({ runId: 99, status: 'InProgress', endedAt: undefined })],
      sources: [],
    });
    expect(theTray().image).toBe('/assets/tray-running.png');
  });

  it('is only listed when the settings keep it quiet', async () => {
    await start({ notifyOn: 'failures' });
    await finish(finishedRun({ status: 'Succeed', succeeded: 20 }));
    expect(trayMenu().labels()).toContain('✓ sh-to-gz 20/20 · 3 min 12 s');
    expect(Notification.instances).toEqual([]);
  });

  it('is worded in Chinese when the language is Chinese', async () => {
    await start({ language: 'zh-CN' });
    await finish(failedRun(), { Failed: 2 });
    expect(Notification.instances.map((n) => [n.options.title, n.options.body])).toEqual([
      ['规则 sh-to-gz', '已同步 18/20，用时 3分12秒——2 个失败'],
    ]);
    expect(trayMenu().labels()).toEqual([
      '打开 TCR Sync Desktop',
      '—',
      '✗ sh-to-gz 18/20 · 3分12秒',
      '—',
      '全部标为已读',
      '—',
      '退出',
    ]);
    expect(theTray().tooltip).toBe('TCR Sync Desktop（1 条未读）');
  });
});

describe('opening a run', () => {
  it('from its notification: the window comes back on that run, which is then read', async () => {
    await start();
    await finish(failedRun(), { Failed: 2 });
    theWindow().close(); // tray on: hidden
    expect(theWindow().visible).toBe(false);

    Notification.instances[0]!.click();
    await settle();
    expect(theWindow()).toMatchObject({ visible: true, focused: true });
    expect(navigations).toEqual([{ route: 'runs', runKey: keyOf(failedRun()) }]);
    expect(theTray().image).toBe('/assets/tray-idle.png');
    expect(theTray().tooltip).toBe('TCR Sync Desktop');
  });

  it('from the tray menu, also when no window was open yet (started minimised): told once the page has loaded', async () => {
    await start({ startMinimised: true });
    expect(BrowserWindow.instances).toEqual([]);
    await finish(failedRun(), { Failed: 2 });

    trayMenu().click('✗ sh-to-gz 18/20 · 3 min 12 s');
    expect(navigations).toEqual([]); // the page is not listening before it has loaded
    await settle();
    expect(theWindow().visible).toBe(true);
    expect(navigations).toEqual([{ route: 'runs', runKey: keyOf(failedRun()) }]);
  });

  it('Mark all read turns the tray back to idle', async () => {
    await start();
    await finish(failedRun(1), { Failed: 2 });
    await finish(failedRun(2), { Failed: 1 });
    trayMenu().click('Mark all read');
    await settle();
    expect(theTray().image).toBe('/assets/tray-idle.png');
    expect(trayMenu().item('Mark all read').enabled).toBe(false);
    const list = await core?.router.call('notifications:list', undefined, sender);
    expect(list).toMatchObject({ ok: true, value: { unread: 0 } });
  });
});

describe('the window and the tray', () => {
  it('with the tray on, closing hides the window and keeps the app; the first time says so, once', async () => {
    await start();
    theWindow().close();
    expect(theWindow().visible).toBe(false);
    expect(app.quits).toBe(0);
    await settle();
    expect(Notification.instances.map((n) => n.options.title)).toEqual(['TCR Sync Desktop is still running']);
    await vi.waitFor(async () => {
      const saved = await core?.router.call('settings:get', undefined, sender);
      expect(saved).toMatchObject({ ok: true, value: { trayNoticeShown: true } });
    });

    trayMenu().click('Open TCR Sync Desktop');
    expect(theWindow().visible).toBe(true);
    theWindow().close();
    await settle();
    expect(Notification.instances).toHaveLength(1);
  });

  it('with the tray off, there is no tray and closing the window quits', async () => {
    await start({ tray: false, startMinimised: true });
    expect(Tray.instances).toEqual([]);
    expect(theWindow().visible).toBe(true); // started minimised needs a tray
    theWindow().close();
    expect(BrowserWindow.instances[0]?.destroyed).toBe(true);
    expect(app.quits).toBe(1);
  });

  it('follows the tray setting while running; turned off while hidden, the window comes back', async () => {
    await start();
    theWindow().close();
    await settings({ tray: false });
    expect(Tray.instances.every((tray) => tray.destroyed)).toBe(true);
    expect(theWindow().visible).toBe(true);
    theWindow().close();
    expect(app.quits).toBe(1);
  });

  it('Quit in the tray quits, and the window then closes for good', async () => {
    await start();
    trayMenu().click('Quit');
    expect(app.quits).toBe(1);
    BrowserWindow.instances[0]!.close();
    expect(BrowserWindow.instances[0]?.destroyed).toBe(true);
  });
});

describe('start at login and waking up', () => {
  it('keeps the OS login item in step with the setting', async () => {
    await start();
    expect(app.loginItem).toEqual({ openAtLogin: false, openAsHidden: false });
    await settings({ startAtLogin: true });
    expect(app.loginItem).toEqual({ openAtLogin: true, openAsHidden: false });
    await settings({ startMinimised: true });
    expect(app.loginItem).toEqual({ openAtLogin: true, openAsHidden: true });
    await settings({ startAtLogin: false });
    expect(app.loginItem).toEqual({ openAtLogin: false, openAsHidden: false });
  });

  it('tells the watcher when the computer resumes or is unlocked', async () => {
    await start();
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    expect(wakes).toBe(2);
  });
});
