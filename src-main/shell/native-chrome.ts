// The application menu and the tray, kept in the user's language: labelled from the OS locale at
// start, then from the language setting once AppCore has loaded it, and again whenever it changes.
import { Menu } from 'electron';
import type { Settings } from '../contract/index.js';
import type { AppCore } from '../app/app-types.js';
import { resolveLanguage, shellLabels, type ShellLabels } from './labels.js';
import { buildAppMenu } from './menu.js';
import { APP_ORIGIN } from './policy.js';
import { createTray, type TrayActions } from './tray.js';

export interface NativeChromeOptions extends TrayActions {
  core: AppCore;
  systemLocale: string;
  isPackaged: boolean;
  trayIconPath: string;
}

export interface NativeChrome {
  /** Reads the saved language setting; call after AppCore has started. */
  applySavedLanguage(): Promise<void>;
  destroy(): void;
}

export function installNativeChrome(options: NativeChromeOptions): NativeChrome {
  const { core, systemLocale, isPackaged } = options;
  const isMac = process.platform === 'darwin';
  const initial = shellLabels(resolveLanguage('system', systemLocale));
  const tray = createTray(options.trayIconPath, initial, options);

  const apply = (labels: ShellLabels): void => {
    Menu.setApplicationMenu(buildAppMenu({ labels, isPackaged, isMac }));
    tray.setLabels(labels);
  };
  const applySettings = (settings: Settings): void =>
    apply(shellLabels(resolveLanguage(settings.language, systemLocale)));

  Menu.setApplicationMenu(buildAppMenu({ labels: initial, isPackaged, isMac }));
  const unsubscribe = core.events.on('settings:changed', applySettings);

  return {
    async applySavedLanguage() {
      // Asked through the router like any caller, as the app's own origin.
      const result = await core.router.call('settings:get', undefined, { origin: APP_ORIGIN });
      if (result.ok) applySettings(result.value);
    },
    destroy() {
      unsubscribe();
      tray.tray.destroy();
    },
  };
}
