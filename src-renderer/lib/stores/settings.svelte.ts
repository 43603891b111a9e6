import type { AppInfo, Settings } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { i18n } from '../i18n/i18n.svelte.js';

class SettingsStore {
  value = $state<Settings>({ language: 'system', keychainTimeoutSeconds: 30 });
  info = $state<AppInfo | undefined>(undefined);

  async load(): Promise<void> {
    const [settings, info] = await Promise.all([
      api.invoke('settings:get', undefined),
      api.invoke('app:info', undefined),
    ]);
    if (info.ok) this.info = info.value;
    if (settings.ok) this.#apply(settings.value);
  }

  listen(): () => void {
    return api.on('settings:changed', (s) => this.#apply(s));
  }

  async update(patch: Partial<Settings>) {
    const result = await api.invoke('settings:update', patch);
    if (result.ok) this.#apply(result.value);
    return result;
  }

  #apply(settings: Settings): void {
    this.value = settings;
    i18n.language = settings.language === 'system' ? (this.info?.systemLanguage ?? 'en') : settings.language;
    document.documentElement.lang = i18n.language;
  }
}

export const settings = new SettingsStore();
