export type SortDirection = 'ascending' | 'descending';

/** Sorts rows by a text key, locale-aware, numbers in text compared as numbers. */
export function sortRows<T>(
  rows: readonly T[],
  key: (row: T) => string,
  direction: SortDirection,
  locale: string,
): T[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const factor = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => factor * collator.compare(key(a), key(b)));
}

/** Case-insensitive match of every whitespace-separated word against any of the given texts. */
export function matchesFilter(filter: string, texts: readonly string[]): boolean {
  const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const haystack = texts.join(' ').toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}
