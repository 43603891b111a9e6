// The main window with Electron's security checklist applied. Navigation, window.open and
// permissions are locked down separately (navigation.ts, session.ts) for every web contents.
import { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from './policy.js';

export interface MainWindowOptions {
  /** out/main/preload.cjs */
  preloadPath: string;
  /** Window icon (Linux and Windows use it; macOS takes the bundle icon). */
  iconPath: string;
}

export function createMainWindow({ preloadPath, iconPath }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'TCR Sync Desktop',
    icon: iconPath,
    // Shown once the first paint is ready, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads dictionaries from Google on Linux and Windows; registry,
      // namespace and rule names are not prose, so it would only add remote requests and noise.
      spellcheck: false,
      // Middle-click would otherwise open links as new windows; the open handler denies them
      // anyway, but not creating the request at all is the stronger default.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_INDEX_URL).catch((error: unknown) => {
    console.error('Could not load the app page', error);
  });
  return window;
}

/** Brings the window to the front, restoring it if minimised. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
