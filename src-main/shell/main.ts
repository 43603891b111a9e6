// Electron entry (bundled to out/main/shell.cjs): wires AppCore to the desktop (window, tray, menu,
// notifications), the IPC transport and the app:// protocol. Everything the app does lives in AppCore.
import { app, dialog, session } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../app/create-app.js';
import type { AppCore } from '../app/app-types.js';
import { startDesktopShell, type DesktopShell } from './desktop-shell.js';
import { registerIpcTransport } from './ipc-transport.js';
import { hardenWebContents } from './navigation.js';
import { assetPath, keychainWorkerPath, preloadPath, rendererDir } from './paths.js';
import { APP_ORIGIN } from './policy.js';
import { registerAppScheme, serveAppProtocol } from './protocol.js';
import { lockDownSession } from './session.js';

/** electron-builder's appId: Windows shows notifications only for an app with this id. */
const APP_USER_MODEL_ID = 'com.tcrsync.desktop';

let core: AppCore | null = null;
let desktop: DesktopShell | null = null;
let stopTransport: (() => void) | null = null;
let stopping = false;

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  serveAppProtocol(rendererDir);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
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
  const shell = startDesktopShell({
    core: appCore,
    systemLocale: app.getLocale(),
    isPackaged: app.isPackaged,
    isMac: process.platform === 'darwin',
    assetPath: (name) => assetPath(name, app.isPackaged),
    preloadPath,
  });
  desktop = shell;
  stopTransport = registerIpcTransport(appCore.router, appCore.events, () => shell.currentWindow());
  await appCore.start();
  await shell.ready();
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
  desktop?.destroy();
  const stopped = core?.stop() ?? Promise.resolve();
  stopped.catch((error: unknown) => console.error('Error while stopping', error)).finally(() => app.exit(0));
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the user-data dir; it hears of us through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => desktop?.showWindow());
  app.on('activate', () => desktop?.showWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // The window's own close decides (tray on: it hides; off: the app quits), so this listener must
  // exist: Electron's default quits when the last window closes.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', (event) => {
    if (core === null) return;
    event.preventDefault();
    stopThenExit();
  });
  app.whenReady().then(start).catch(fail);
}
