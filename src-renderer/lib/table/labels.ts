import type { Language } from '../../../src-main/contract/index.js';
import type { MessageKey } from '../i18n/en.js';

/**
 * What column definitions need of the UI language. The app passes `i18n`; tests and benchmarks
 * under Node pass a plain object (the rune module needs the Svelte compiler).
 */
export interface Labels {
  readonly language: Language;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  formatDay(iso: string): string;
  formatDate(iso: string): string;
  formatAge(iso: string, now: number): string;
}
