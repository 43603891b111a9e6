// Counts, ages and durations in the user's language, through Intl.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDuration, formatMessage, pluralCategory } from '../../../src-renderer/lib/i18n/format.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';

afterEach(() => {
  i18n.language = 'en';
  vi.unstubAllGlobals();
});

const PROFILES = '{count, plural, =0 {no profile} one {# profile} other {# profiles}}';

describe('plurals', () => {
  it('chooses one/other in English and only other in Chinese', () => {
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 2)).toBe('other');
    expect(pluralCategory('en', 0)).toBe('other');
    expect(pluralCategory('zh-CN', 1)).toBe('other');
    expect(pluralCategory('zh-CN', 2)).toBe('other');
  });

  it('fills the branch the count calls for, an exact =n first, # as the formatted count', () => {
    expect(formatMessage('en', PROFILES, { count: 0 })).toBe('no profile');
    expect(formatMessage('en', PROFILES, { count: 1 })).toBe('1 profile');
    expect(formatMessage('en', PROFILES, { count: 1234 })).toBe('1,234 profiles');
    expect(formatMessage('zh-CN', '{count, plural, other {# 个配置}}', { count: 1 })).toBe('1 个配置');
  });

  it('fills placeholders inside a branch, and leaves # alone inside them', () => {
    const text = '{n, plural, one {# rule of {name}} other {# rules of {name} (#{tag})}}';
    expect(formatMessage('en', text, { n: 1, name: 'Prod', tag: 'x' })).toBe('1 rule of Prod');
    expect(formatMessage('en', text, { n: 3, name: 'Prod', tag: 'x' })).toBe('3 rules of Prod (3x)');
  });

  it('shows a placeholder without a value as written', () => {
    expect(formatMessage('en', 'Hello {name}', {})).toBe('Hello {name}');
    expect(formatMessage('en', PROFILES, {})).toBe(PROFILES);
  });

  it('says the catalogue’s counts right in both languages', () => {
    expect(i18n.t('tccli.done', { count: 1 })).toBe('Imported 1 profile.');
    expect(i18n.t('tccli.done', { count: 2 })).toBe('Imported 2 profiles.');
    expect(i18n.t('accounts.count', { shown: 1, total: 1 })).toBe('1 of 1 profile');
    expect(i18n.t('instances.count', { shown: 2, total: 3 })).toBe('2 of 3 instances');
    i18n.language = 'zh-CN';
    expect(i18n.t('tccli.done', { count: 1 })).toBe('已导入 1 个配置。');
    expect(i18n.t('tccli.done', { count: 2 })).toBe('已导入 2 个配置。');
  });

  it('has no “(s)” left in any message', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      i18n.language = language;
      for (const count of [1, 2]) {
        expect(i18n.t('tccli.done', { count })).not.toMatch(/\(s\)|\{/);
      }
    }
  });
});

describe('dates', () => {
  it('writes a day the way each language does', () => {
    const midday = '2026-03-05T12:00:00.000Z';
    expect(i18n.formatDay(midday)).toBe('Mar 5, 2026');
    i18n.language = 'zh-CN';
    expect(i18n.formatDay(midday)).toBe('2026年3月5日');
    expect(i18n.formatDate(midday)).toMatch(/^2026年3月5日 \d{2}:\d{2}$/);
  });
});

describe('relative time', () => {
  const NOW = Date.parse('2026-11-28T10:00:00.000Z');
  const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

  it('says how long ago in words, in the UI language', () => {
    expect(i18n.formatAge(ago(10), NOW)).toBe('just now');
    expect(i18n.formatAge(ago(5 * 60), NOW)).toBe('5 minutes ago');
    expect(i18n.formatAge(ago(3 * 3600), NOW)).toBe('3 hours ago');
    expect(i18n.formatAge(ago(86400), NOW)).toBe('yesterday');
    expect(i18n.formatAge(ago(60 * 86400), NOW)).toBe('2 months ago');
    expect(i18n.formatAge(ago(800 * 86400), NOW)).toBe('2 years ago');
    i18n.language = 'zh-CN';
    expect(i18n.formatAge(ago(5 * 60), NOW)).toBe('5分钟前');
    expect(i18n.formatAge(ago(86400), NOW)).toBe('昨天');
  });

  it('says “just now” / “刚刚” for the last minute, never a bare “now” / “现在”', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      i18n.language = language;
      for (const seconds of [0, 1, 30, 44]) {
        const age = i18n.formatAge(ago(seconds), NOW);
        expect(age).toBe(language === 'en' ? 'just now' : '刚刚');
        expect(i18n.t('instances.age', { age })).not.toMatch(/(^|[^t] )now|现在/);
      }
    }
    i18n.language = 'zh-CN';
    expect(i18n.t('instances.age', { age: i18n.formatAge(ago(10), NOW) })).toBe('刚刚更新');
    expect(i18n.t('instances.stale', { age: i18n.formatAge(ago(10), NOW) })).toBe('显示的是刚刚获取的数据。');
    i18n.language = 'en';
    expect(i18n.t('instances.stale', { age: i18n.formatAge(ago(10), NOW) })).toBe('Showing the data fetched just now.');
    expect(i18n.t('instances.staleTag', { age: i18n.formatAge(ago(300), NOW) })).toBe(
      'last known, fetched 5 minutes ago',
    );
  });
});

/** The runtime's Intl with DurationFormat replaced (Node 20 has none; Chromium and Node 23 do). */
function intlWith(durationFormat: unknown): typeof Intl {
  return Object.create(Intl, { DurationFormat: { value: durationFormat } }) as typeof Intl;
}

describe('durations', () => {
  it('falls back to unit numbers joined as a list where Intl.DurationFormat is missing', () => {
    vi.stubGlobal('Intl', intlWith(undefined));
    expect(formatDuration('en', 3_725_000)).toBe('1 hour, 2 minutes, 5 seconds');
    expect(formatDuration('en', 3_725_000, 'short')).toBe('1 hr, 2 min, 5 sec');
    expect(formatDuration('en', 90_000, 'narrow')).toBe('1m 30s');
    expect(formatDuration('en', 0)).toBe('0 seconds');
    expect(formatDuration('en', 2 * 86_400_000 + 1_400)).toBe('2 days, 1 second');
    expect(formatDuration('zh-CN', 90_000)).toBe('1分钟30秒钟');
  });

  it('uses Intl.DurationFormat where the runtime has it', () => {
    const asked: unknown[] = [];
    class FakeDurationFormat {
      constructor(
        readonly locale: string,
        readonly options: unknown,
      ) {}
      format(duration: unknown): string {
        asked.push({ locale: this.locale, options: this.options, duration });
        return 'native';
      }
    }
    vi.stubGlobal('Intl', intlWith(FakeDurationFormat));
    i18n.language = 'zh-CN';
    expect(i18n.formatDuration(3_725_000, 'short')).toBe('native');
    expect(asked).toEqual([
      { locale: 'zh-CN', options: { style: 'short' }, duration: { hours: 1, minutes: 2, seconds: 5 } },
    ]);
  });
});
