// The desktop around AppCore: the window (closing it keeps the app in the tray, or quits when the
// tray is off), the application menu and the tray in the user's language, desktop notifications
// for finished runs, start at login, and waking the watcher after sleep. It decides nothing about
// runs: it displays the notification centre's model and follows the settings.
import { app, Menu, powerMonitor, type BrowserWindow } from 'electron';
import type { AppCore } from '../app/app-types.js';
import type { Channel, InputOf, NotificationsView, OutputOf, Settings } from '../contract/index.js';
import { resolveLanguage, shellLabels, type ShellLabels } from './labels.js';
import { buildAppMenu } from './menu.js';
import { createNotifier } from './notifier.js';
import { APP_ORIGIN } from './policy.js';
import { createTray, type AppTray } from './tray.js';
import { createMainWindow, focusWindow } from './window.js';

export interface DesktopShellOptions {
  core: AppCore;
  systemLocale: string;
  isPackaged: boolean;
  isMac: boolean;
  /** assets/<name> (see paths.ts). */
  assetPath: (name: string) => string;
  preloadPath: string;
}

export interface DesktopShell {
  /** After AppCore has started: follows the saved settings, shows the window unless started minimised. */
  ready(): Promise<void>;
  showWindow(): void;
  /** Shows the window on that run (its tasks) and marks it read. */
  openRun(runKey: string): void;
  currentWindow(): BrowserWindow | null;
  destroy(): void;
}

const emptyView: NotificationsView = { entries: [], unread: 0, tray: 'idle', running: 0 };

export function startDesktopShell(options: DesktopShellOptions): DesktopShell {
  const { core, systemLocale, isPackaged, isMac } = options;
  let settings: Settings | null = null;
  let view = emptyView;
  let labels: ShellLabels = shellLabels(resolveLanguage('system', systemLocale));
  // Held for the app's lifetime: a garbage-collected Tray disappears from the panel.
  let tray: AppTray | null = null;
  let window: BrowserWindow | null = null;
  let quitting = false;
  let trayNoticeSaid = false;
  let loginItem = '';
  const cleanups: (() => void)[] = [];

  async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    // Asked through the router like any caller, as the app's own origin.
    const result = await core.router.call(channel, input, { origin: APP_ORIGIN });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  }
  const report = (what: string) => (error: unknown) => console.error(`[shell] ${what}`, error);

  const windowAlive = (): BrowserWindow | null => (window !== null && !window.isDestroyed() ? window : null);

  function showWindow(): BrowserWindow {
    const open = windowAlive();
    if (open !== null) {
      focusWindow(open);
      return open;
    }
    const made = createMainWindow({ preloadPath: options.preloadPath, iconPath: options.assetPath('icon.png') });
    made.on('close', (event) => {
      if (quitting || settings?.tray !== true) return;
      // The app lives in the tray: the window only hides, the watcher keeps going.
      event.preventDefault();
      made.hide();
      sayStillRunning(settings);
    });
    made.on('closed', () => {
      window = null;
      if (!quitting && settings?.tray === false) app.quit();
    });
    window = made;
    return made;
  }

  function sayStillRunning(current: Settings): void {
    if (current.trayNoticeShown || trayNoticeSaid) return;
    trayNoticeSaid = true;
    notifier.say(labels.stillRunningTitle, labels.stillRunningBody);
    call('settings:update', { trayNoticeShown: true }).catch(report('trayNoticeShown'));
  }

  function openRun(runKey: string): void {
    const fresh = windowAlive() === null;
    const shown = showWindow();
    const navigate = (): void => core.events.emit('app:navigate', { route: 'runs', runKey });
    // A new window's page is not listening yet: it is told once it has loaded.
    if (fresh) shown.webContents.once('did-finish-load', navigate);
    else navigate();
    call('notifications:markRead', { ids: [runKey] }).catch(report('markRead'));
  }

  const notifier = createNotifier(options.assetPath('notification.png'), openRun);

  function makeTray(): AppTray {
    const made = createTray(options.assetPath, labels, {
      onOpen: showWindow,
      onOpenRun: openRun,
      onMarkAllRead: () => void call('notifications:markRead', {}).catch(report('markRead')),
      onQuit: () => app.quit(),
    });
    made.setView(view);
    return made;
  }

  function applyLoginItem(next: Settings): void {
    // In development the login item would start the bare Electron binary: only a packaged app registers.
    if (!isPackaged) return;
    const wanted = {
      openAtLogin: next.startAtLogin,
      openAsHidden: next.startAtLogin && next.tray && next.startMinimised,
    };
    const key = JSON.stringify(wanted);
    if (key === loginItem) return;
    loginItem = key;
    app.setLoginItemSettings(wanted);
  }

  function applySettings(next: Settings): void {
    const before = settings;
    settings = next;
    const nextLabels = shellLabels(resolveLanguage(next.language, systemLocale));
    if (nextLabels !== labels) {
      labels = nextLabels;
      Menu.setApplicationMenu(buildAppMenu({ labels, isPackaged, isMac }));
      tray?.setLabels(labels);
    }
    if (next.tray && tray === null) tray = makeTray();
    if (!next.tray && tray !== null) {
      tray.destroy();
      tray = null;
      // Without a tray a hidden window could never be found again.
      if (before !== null) {
        const open = windowAlive();
        if (open === null || !open.isVisible()) showWindow();
      }
    }
    applyLoginItem(next);
  }

  function applyView(next: NotificationsView): void {
    view = next;
    tray?.setView(next);
  }

  Menu.setApplicationMenu(buildAppMenu({ labels, isPackaged, isMac }));
  cleanups.push(
    core.events.on('settings:changed', applySettings),
    core.events.on('notifications:changed', applyView),
    core.events.on('sync:finished', (notice) => {
      if (notice.raised) notifier.run(notice, labels);
    }),
  );
  const wake = (): void => core.wake();
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);
  const onBeforeQuit = (): void => {
    quitting = true;
  };
  app.on('before-quit', onBeforeQuit);
  cleanups.push(() => {
    powerMonitor.removeListener('resume', wake);
    powerMonitor.removeListener('unlock-screen', wake);
    app.removeListener('before-quit', onBeforeQuit);
  });

  return {
    async ready() {
      const saved = await call('settings:get', undefined);
      applySettings(saved);
      applyView(await call('notifications:list', undefined));
      // Started minimised: only the tray shows, and only when there is one.
      if (!(saved.tray && saved.startMinimised)) showWindow();
    },
    showWindow: () => void showWindow(),
    openRun,
    currentWindow: windowAlive,
    destroy() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      notifier.destroy();
      tray?.destroy();
      tray = null;
    },
  };
}
