import type { Language } from '../contract/index.js';

/** Any Chinese OS locale (zh, zh-CN, zh-Hans-SG, zh-TW …) gets the Chinese UI; the rest English. */
export function languageForLocale(locale: string | undefined): Language {
  return /^zh(\b|[-_])/i.test(locale ?? '') || (locale ?? '').toLowerCase() === 'zh' ? 'zh-CN' : 'en';
}
