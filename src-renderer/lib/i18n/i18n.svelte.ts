import type { Language } from '../../../src-main/contract/index.js';
import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

const catalogues: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The UI language; `t()` reads it, so every text re-renders when it changes. */
class I18n {
  language = $state<Language>('en');

  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const text = catalogues[this.language][key] ?? en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };

  /** Looks up a key that arrives as data (e.g. a field issue from main); unknown keys fall back. */
  has(key: string): key is MessageKey {
    return Object.hasOwn(en, key);
  }

  /** The text of an app error code (`error.<CODE>`), or `fallback` for a code it does not know. */
  tError = (code: string, fallback: string): string => {
    const key = `error.${code}`;
    return this.has(key) ? this.t(key) : fallback;
  };

  tField = (code: string): string => {
    const key = `field.${code}`;
    return this.has(key) ? this.t(key) : this.t('field.input.invalid');
  };

  /** "5 minutes ago", "yesterday"… in the UI language, from `now` (a reactive clock). */
  formatAge = (iso: string, now: number): string => {
    const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
    const format = new Intl.RelativeTimeFormat(this.language, { numeric: 'auto' });
    const abs = Math.abs(seconds);
    if (abs < 45) return format.format(0, 'second');
    if (abs < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
    if (abs < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
    return format.format(Math.round(seconds / 86400), 'day');
  };

  formatDate = (iso: string): string =>
    new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  /** The day only, where the time of day says nothing (e.g. when an instance was created). */
  formatDay = (iso: string): string =>
    new Intl.DateTimeFormat(this.language, { dateStyle: 'medium' }).format(new Date(iso));
}

export const i18n = new I18n();
export const languageNames: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };
export type { MessageKey };
