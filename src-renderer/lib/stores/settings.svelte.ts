import type { AppInfo, Settings } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { i18n } from '../i18n/i18n.svelte.js';
import { Synced, synced } from './synced.svelte.js';

/** What main tells about itself and the choices of its forms; read once, it does not change. */
export const appInfo = synced<'app:info', undefined>('app:info', undefined, undefined, {
  onChange: () => applyLanguage(),
});

/** Shown until main answers (main's own defaults are what count; the renderer cannot import them). */
export const initialSettings: Settings = {
  language: 'system',
  keychainTimeoutSeconds: 30,
  notifyOn: 'all',
  doNotDisturbUntil: '',
  mutedRules: [],
  watchIdleSeconds: 300,
  watchActiveSeconds: 15,
  tray: true,
  startMinimised: false,
  startAtLogin: false,
  trayNoticeShown: false,
  bandwidthCapMbps: 0,
};

class SettingsStore extends Synced<'settings:get'> {
  constructor() {
    super('settings:get', 'settings:changed', initialSettings, {
      onChange: () => applyLanguage(),
    });
  }

  get info(): AppInfo | undefined {
    return appInfo.value;
  }

  async update(patch: Partial<Settings>) {
    const result = await api.invoke('settings:update', patch);
    if (result.ok) this.set(result.value);
    return result;
  }
}

export const settings = new SettingsStore();

/** The chosen language, or the system's once main has said what it is (whichever answers last). */
function applyLanguage(): void {
  const { language } = settings.value;
  i18n.language = language === 'system' ? (appInfo.value?.systemLanguage ?? 'en') : language;
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;
}
