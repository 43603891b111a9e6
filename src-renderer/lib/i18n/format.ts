// Messages and values in the user's language, through `Intl` only (no runes: plain functions of
// a locale, so they can be tested and reused as they are).

export type MessageParams = Record<string, string | number>;

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const pluralRules = (locale: string) => cached(`plural:${locale}`, () => new Intl.PluralRules(locale));
const numberFormat = (locale: string) => cached(`number:${locale}`, () => new Intl.NumberFormat(locale));

/** 1234 → "1,234" (en), "1,234" (zh-CN). */
export function formatNumber(locale: string, value: number): string {
  return numberFormat(locale).format(value);
}

/** The CLDR plural category of `count` in `locale`: en has one/other, zh-CN only other. */
export function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule {
  return pluralRules(locale).select(count);
}

/**
 * Fills a message's placeholders: `{name}` takes `params.name` (numbers formatted for the locale),
 * and `{count, plural, =0 {none} one {# profile} other {# profiles}}` picks the branch for
 * `params.count` (an exact `=n` first, then its plural category, else `other`), where `#` is the
 * formatted count. A placeholder without a value stays as written, so a missing one shows.
 */
export function formatMessage(locale: string, text: string, params: MessageParams = {}): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const close = matchingBrace(text, open);
    if (close < 0) break;
    out += text.slice(i, open);
    out += placeholder(locale, text.slice(open + 1, close), params);
    i = close + 1;
  }
  return out + text.slice(i);
}

function placeholder(locale: string, body: string, params: MessageParams): string {
  const simple = /^\s*(\w+)\s*$/.exec(body);
  if (simple) {
    const name = simple[1] ?? '';
    const value = params[name];
    if (value === undefined) return `{${body}}`;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  }
  const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(body);
  if (!plural) return `{${body}}`;
  const name = plural[1] ?? '';
  const raw = params[name];
  const count = typeof raw === 'number' ? raw : Number(raw);
  if (raw === undefined || Number.isNaN(count)) return `{${body}}`;
  const branches = pluralBranches(body.slice(plural[0].length));
  const chosen =
    branches.get(`=${count}`) ?? branches.get(pluralCategory(locale, count)) ?? branches.get('other') ?? '';
  return formatMessage(locale, replaceHash(chosen, formatNumber(locale, count)), params);
}

/** `one {…} other {…}` → selector → branch text. */
function pluralBranches(text: string): Map<string, string> {
  const branches = new Map<string, string>();
  const selector = /\s*(=\d+|\w+)\s*\{/y;
  let i = 0;
  for (;;) {
    selector.lastIndex = i;
    const match = selector.exec(text);
    if (!match) break;
    const open = selector.lastIndex - 1;
    const close = matchingBrace(text, open);
    if (close < 0) break;
    branches.set(match[1] ?? '', text.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

/** `#` is the count only at the branch's own level, not inside a nested placeholder. */
function replaceHash(text: string, count: string): string {
  let depth = 0;
  let out = '';
  for (const char of text) {
    if (char === '{') depth++;
    else if (char === '}') depth--;
    out += char === '#' && depth === 0 ? count : char;
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

const dateStyles = {
  /** "Mar 5, 2026, 2:30 PM" / "2026年3月5日 14:30". */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** The day only, where the time of day says nothing: "Mar 5, 2026" / "2026年3月5日". */
  day: { dateStyle: 'medium' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export function formatDate(
  locale: string,
  date: Date | string | number,
  style: keyof typeof dateStyles = 'dateTime',
): string {
  const format = cached(`date:${style}:${locale}`, () => new Intl.DateTimeFormat(locale, dateStyles[style]));
  return format.format(new Date(date));
}

/**
 * "5 minutes ago", "yesterday", "in 2 hours"… of `date` as seen at `now`. Within the last 45 s it
 * is `justNow` ("just now", "刚刚") when given: Intl's own word there ("now", "现在") reads as a
 * clock time, not an age.
 */
export function formatRelative(locale: string, date: Date | string | number, now: number, justNow?: string): string {
  const seconds = Math.round((new Date(date).getTime() - now) / 1000);
  const format = cached(`relative:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const abs = Math.abs(seconds);
  if (abs < 45) return justNow ?? format.format(0, 'second');
  if (abs < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  if (abs < 26 * 86400) return format.format(Math.round(seconds / 86400), 'day');
  if (abs < 320 * 86400) return format.format(Math.round(seconds / (30.44 * 86400)), 'month');
  return format.format(Math.round(seconds / (365.25 * 86400)), 'year');
}

export type DurationStyle = 'long' | 'short' | 'narrow';

/** `Intl.DurationFormat` (Chromium 129+, Node 23+), typed here because the ES2023 lib lacks it. */
interface DurationFormatLike {
  format(duration: Partial<Record<DurationUnit, number>>): string;
}
type DurationFormatConstructor = new (locale: string, options: { style: DurationStyle }) => DurationFormatLike;
type DurationUnit = 'days' | 'hours' | 'minutes' | 'seconds';
const units: { unit: DurationUnit; ms: number; single: 'day' | 'hour' | 'minute' | 'second' }[] = [
  { unit: 'days', ms: 86_400_000, single: 'day' },
  { unit: 'hours', ms: 3_600_000, single: 'hour' },
  { unit: 'minutes', ms: 60_000, single: 'minute' },
  { unit: 'seconds', ms: 1000, single: 'second' },
];

function durationFormat(): DurationFormatConstructor | undefined {
  return (Intl as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
}

/**
 * A length of time, e.g. 3_725_000 ms → "1 hour, 2 minutes, 5 seconds" (en, long) or
 * "1小时2分钟5秒" (zh-CN), in whole seconds. Uses `Intl.DurationFormat` where the runtime has it,
 * else each unit through `Intl.NumberFormat` joined by `Intl.ListFormat`.
 */
export function formatDuration(locale: string, ms: number, style: DurationStyle = 'long'): string {
  let rest = Math.round(Math.abs(ms) / 1000) * 1000;
  const parts: Partial<Record<DurationUnit, number>> = {};
  for (const { unit, ms: size } of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts[unit] = n;
  }
  if (Object.keys(parts).length === 0) parts.seconds = 0;

  const Native = durationFormat();
  if (Native) return new Native(locale, { style }).format(parts);

  const texts = units
    .filter(({ unit }) => parts[unit] !== undefined)
    .map(({ unit, single }) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit: single, unitDisplay: style }).format(parts[unit] ?? 0),
    );
  const list = new Intl.ListFormat(locale, { type: 'unit', style: style === 'long' ? 'long' : style });
  return list.format(texts);
}
