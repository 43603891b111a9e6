import type { Language } from '../../../src-main/contract/index.js';
import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';
import {
  formatDate,
  formatDuration,
  formatMessage,
  formatNumber,
  formatRelative,
  pluralCategory,
  type DurationStyle,
  type MessageParams,
} from './format.js';

const catalogues: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The UI language; `t()` reads it, so every text re-renders when it changes. */
class I18n {
  language = $state<Language>('en');

  /**
   * The text of `key` with its placeholders filled: `{name}`, and plurals as
   * `{count, plural, one {# profile} other {# profiles}}` (see `formatMessage`).
   */
  t = (key: MessageKey, params: MessageParams = {}): string => {
    const text = catalogues[this.language][key];
    return formatMessage(this.language, text, params);
  };

  /**
   * Sentences one after the other: "Failed. Try again." in English, "失败。请重试。" in Chinese,
   * where no space follows "。". Empty parts are left out.
   */
  sentences = (...parts: (string | undefined)[]): string =>
    parts.filter(Boolean).join(this.language === 'zh-CN' ? '' : ' ');

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

  /** "just now", "5 minutes ago", "yesterday"… in the UI language, from `now` (a reactive clock). */
  formatAge = (iso: string, now: number): string => formatRelative(this.language, iso, now, this.t('time.justNow'));

  /** 1234 → "1,234". Numbers given to `t()` are formatted so already. */
  formatNumber = (value: number): string => formatNumber(this.language, value);

  /** The plural category of `count` ("one", "other"…) in the UI language. */
  pluralOf = (count: number): Intl.LDMLPluralRule => pluralCategory(this.language, count);

  /** A length of time: "1 hour, 2 minutes" / "1小时2分钟". */
  formatDuration = (ms: number, style: DurationStyle = 'long'): string => formatDuration(this.language, ms, style);

  /** A moment with its time of day: "Mar 5, 2026, 2:30 PM". */
  formatDate = (iso: string): string => formatDate(this.language, iso, 'dateTime');

  /** The day only, where the time of day says nothing (e.g. when an instance was created). */
  formatDay = (iso: string): string => formatDate(this.language, iso, 'day');
}

export const i18n = new I18n();
export const languageNames: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };
export type { MessageKey };
