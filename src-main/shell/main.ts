// Electron entry (bundled to out/main/shell.cjs): wires AppCore to a window, the IPC transport,
// the app:// protocol, the tray and the menu. Everything the app does lives in AppCore.
import { app, dialog, session, type BrowserWindow } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../app/create-app.js';
import type { AppCore } from '../app/app-types.js';
import { registerIpcTransport } from './ipc-transport.js';
import { installNativeChrome, type NativeChrome } from './native-chrome.js';
import { hardenWebContents } from './navigation.js';
import { assetPath, keychainWorkerPath, preloadPath, rendererDir } from './paths.js';
import { APP_ORIGIN } from './policy.js';
import { registerAppScheme, serveAppProtocol } from './protocol.js';
import { lockDownSession } from './session.js';
import { createMainWindow, focusWindow } from './window.js';

let core: AppCore | null = null;
let window: BrowserWindow | null = null;
// Held for the app's lifetime: a garbage-collected Tray disappears from the panel.
let chrome: NativeChrome | null = null;
let stopTransport: (() => void) | null = null;
let stopping = false;

function showWindow(): void {
  if (core === null) return;
  if (window !== null && !window.isDestroyed()) {
    focusWindow(window);
    return;
  }
  window = createMainWindow({ preloadPath, iconPath: assetPath('icon.png', app.isPackaged) });
  window.on('closed', () => {
    window = null;
  });
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  serveAppProtocol(rendererDir);
  const appCore = createAppCore({
    userDataDir: app.getPath('userData'),
    host: 'electron',
    systemLocale: app.getLocale(),
    version: app.getVersion(),
    keychainWorkerPath,
    // The worker runs under Electron's own Node (ELECTRON_RUN_AS_NODE), not a system node.
    keychainExecPath: process.execPath,
    tccliDir: path.join(os.homedir(), '.tccli'),
    isTrustedSender: (sender) => sender.origin === APP_ORIGIN,
    log: (line) => console.log(line),
  });
  core = appCore;
  stopTransport = registerIpcTransport(appCore.router, appCore.events, () => window);
  chrome = installNativeChrome({
    core: appCore,
    systemLocale: app.getLocale(),
    isPackaged: app.isPackaged,
    trayIconPath: assetPath('tray-idle.png', app.isPackaged),
    onOpen: showWindow,
    onQuit: () => app.quit(),
  });
  await appCore.start();
  await chrome.applySavedLanguage();
  showWindow();
}

function fail(error: unknown): void {
  console.error('TCR Sync Desktop could not start', error);
  dialog.showErrorBox('TCR Sync Desktop could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

/** Lets AppCore finish writes and stop its workers before the process exits. */
function stopThenExit(): void {
  if (stopping) return;
  stopping = true;
  stopTransport?.();
  chrome?.destroy();
  const stopped = core?.stop() ?? Promise.resolve();
  stopped.catch((error: unknown) => console.error('Error while stopping', error)).finally(() => app.exit(0));
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the user-data dir; it hears of us through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // Closing the window keeps the app in the tray, so this listener must exist (the default quits).
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', (event) => {
    if (core === null) return;
    event.preventDefault();
    stopThenExit();
  });
  app.whenReady().then(start).catch(fail);
}
