// The shared table's model: sorting, filtering and column visibility over TanStack Table's headless
// core. Plain TypeScript (no DOM, no runes), so the unit tests and `npm run bench -- table` run it
// under Node exactly as the renderer does.
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  constructTable,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type FilterFn,
  type Row,
  type SortFn,
  type Table,
} from '@tanstack/table-core';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import type { MessageKey } from '../i18n/en.js';

export type SortDirection = 'ascending' | 'descending';
/** What a column sorts by: text (collated), a number or a date. Empty values sort last. */
export type SortValue = string | number | Date | undefined | null;

export interface SortState {
  columnId: string;
  direction: SortDirection;
}

/** One column, as the views declare it. What it renders (a snippet) is added by the component. */
export interface TableColumn<T> {
  id: string;
  header: MessageKey;
  /** What the cell shows, as text: the filter looks in it, and it sorts by it unless `sortValue` says otherwise. */
  text: (row: T) => string;
  /**
   * More that the cell shows or stands for, for the filter only: tags (`sandbox`, `last known`), the
   * code beside a localised name, the cloud's own word for a translated label.
   */
  search?: (row: T) => readonly string[];
  /** E.g. an edition's rank, a date's time; defaults to `text`. */
  sortValue?: (row: T) => SortValue;
  /** Defaults to true. */
  sortable?: boolean;
  /** 1 = always shown; higher numbers fold away first when the table is too narrow. */
  priority: number;
  /** Pixels the column needs, padding included; used to decide what fits. */
  minWidth: number;
  /** Pixels beyond which the cell's text is cut with an ellipsis (its full text stays in the title). */
  maxWidth?: number;
  /** The header is for screen readers only (e.g. a row-actions column). */
  headerHidden?: boolean;
}

/** The id of the hidden column holding each row's searchable text. */
const SEARCH = '__search';

const features = tableFeatures({
  coreReactivityFeature: storeReactivityBindings(),
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnVisibilityFeature,
});
type Features = typeof features;

/** Lower case, accents folded ("São Paulo" is found by "sao"), full-width forms as typed. */
export function foldForSearch(text: string): string {
  const lower = text.toLocaleLowerCase();
  // Plain ASCII needs no normalising; most of a table is (ids, domains, dates).
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The words of a filter; a row must contain every one of them (in any cell, in any order). */
export function filterWords(filter: string): string[] {
  return foldForSearch(filter).split(/\s+/).filter(Boolean);
}

/** Everything a row shows, folded for search, one cell per line (a word never spans two cells). */
export function searchText<T>(columns: readonly TableColumn<T>[], row: T): string {
  const parts: string[] = [];
  for (const column of columns) {
    const text = column.text(row);
    if (text) parts.push(text);
    if (column.search) for (const extra of column.search(row)) if (extra) parts.push(extra);
  }
  return foldForSearch(parts.join('\n'));
}

export function matchesWords(haystack: string, words: readonly string[]): boolean {
  for (const word of words) if (!haystack.includes(word)) return false;
  return true;
}

/** A second click on the sorted column reverses it; another column starts ascending. */
export function nextSort(current: SortState | undefined, columnId: string): SortState {
  if (current?.columnId === columnId)
    return { columnId, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { columnId, direction: 'ascending' };
}

/** The header's `aria-sort`. */
export function ariaSort(current: SortState | undefined, columnId: string): SortDirection | 'none' {
  return current?.columnId === columnId ? current.direction : 'none';
}

type SortKey = string | number | undefined;

function sortKey(value: SortValue): SortKey {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? undefined : time;
  }
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  return value === '' ? undefined : value;
}

function keyOf<T>(column: TableColumn<T>, row: T): SortKey {
  return sortKey(column.sortValue ? column.sortValue(row) : column.text(row));
}

/** Numbers before text when a column mixes them; text collated (numbers in text as numbers). */
export function compareKeys(a: SortKey, b: SortKey, collator: Intl.Collator): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return typeof a === 'number' ? -1 : 1;
}

/** The rank of an empty value: such rows sort last whichever the direction. */
const EMPTY = -1;

/**
 * Each row's place in a column's order (by the row's index in the data): equal values share a
 * rank, empty values get EMPTY. Only the distinct values are collated, once; sorting then compares
 * integers, so a second click, or a filter that changes which rows remain, costs next to nothing.
 */
export function sortRanks(keys: readonly SortKey[], collator: Intl.Collator): Int32Array {
  const distinct = [...new Set(keys)].filter((key): key is string | number => key !== undefined);
  distinct.sort((a, b) => compareKeys(a, b, collator));
  const rankOf = new Map<string | number, number>();
  let rank = 0;
  distinct.forEach((key, i) => {
    if (i > 0 && compareKeys(distinct[i - 1], key, collator) !== 0) rank += 1;
    rankOf.set(key, rank);
  });
  const ranks = new Int32Array(keys.length);
  keys.forEach((key, i) => (ranks[i] = key === undefined ? EMPTY : (rankOf.get(key) ?? EMPTY)));
  return ranks;
}

export function collatorFor(locale: string): Intl.Collator {
  return new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
}

export interface TableInput<T> {
  data: readonly T[];
  locale: string;
  sort: SortState | undefined;
  filter: string;
}

/**
 * The rows to show for a table's data, sort, filter and language. TanStack memoises each stage:
 * typing in the filter does not re-sort the data, sorting does not re-read the rows' text, and the
 * text of every row (what the filter searches, what text columns sort by) is computed once per
 * data and language.
 */
export class TableModel<T extends object> {
  readonly columns: readonly TableColumn<T>[];
  readonly #table: Table<Features, T>;
  #collator: Intl.Collator;
  #locale: string;
  #data: readonly T[] = [];
  /** Sort ranks per column, for the current data and language. */
  readonly #ranks = new Map<string, Int32Array>();
  /** What the filter searches, per row (by index in the data), read at the first filter. */
  #searchTexts: (string | undefined)[] = [];
  #descending = false;

  constructor(columns: readonly TableColumn<T>[], getRowId: (row: T) => string, locale = 'en') {
    this.columns = columns;
    this.#locale = locale;
    this.#collator = collatorFor(locale);
    const byRank: SortFn<Features, T> = (a, b, id) => {
      const ranks = this.#ranksOf(id);
      const x = ranks[a.index] ?? EMPTY;
      const y = ranks[b.index] ?? EMPTY;
      if (x !== EMPTY && y !== EMPTY) return x - y;
      if (x === y) return 0;
      // TanStack turns the result round for a descending sort; empty values stay last.
      return (x === EMPTY ? 1 : -1) * (this.#descending ? -1 : 1);
    };
    const matches: FilterFn<Features, T> = (row, _id, words: string[]) =>
      matchesWords(this.#searchText(row.index), words);
    matches.resolveFilterValue = (filter: string) => filterWords(filter);
    const defs: ColumnDef<Features, T, SortKey>[] = columns.map((column) => ({
      id: column.id,
      accessorFn: (row: T) => keyOf(column, row),
      sortFn: byRank,
      // byRank places empty values; TanStack's own handling (reading both values per comparison) is off.
      sortUndefined: false,
      enableSorting: column.sortable !== false,
      enableHiding: column.priority > 1,
    }));
    const search: ColumnDef<Features, T, string> = {
      id: SEARCH,
      accessorFn: (_row: T, index: number) => this.#searchText(index),
      enableSorting: false,
      enableHiding: true,
    };
    this.#table = constructTable({
      features,
      columns: [...defs, search] as ColumnDef<Features, T>[],
      data: this.#data,
      getRowId: (row: T) => getRowId(row),
      globalFilterFn: matches,
      getColumnCanGlobalFilter: (column) => column.id === SEARCH,
      initialState: { columnVisibility: { [SEARCH]: false } },
    });
  }

  /** The rows to show, in order. Cheap when nothing changed since the last call. */
  rows(input: TableInput<T>): T[] {
    return this.rowModel(input).map((row) => row.original);
  }

  rowModel(input: TableInput<T>): Row<Features, T>[] {
    const table = this.#table;
    const relocale = input.locale !== this.#locale;
    if (relocale) {
      this.#locale = input.locale;
      this.#collator = collatorFor(input.locale);
    }
    if (relocale || input.data !== this.#data) {
      this.#data = input.data;
      this.#ranks.clear();
      this.#searchTexts = [];
      // Labels and collation follow the language: a new array makes every row's text be read again.
      const data = relocale ? input.data.slice() : input.data;
      table.setOptions((options) => ({ ...options, data }));
    }
    this.#descending = input.sort?.direction === 'descending';
    const sorting = input.sort ? [{ id: input.sort.columnId, desc: this.#descending }] : [];
    const current = table.atoms.sorting.get();
    if (current.length !== sorting.length || current[0]?.id !== sorting[0]?.id || current[0]?.desc !== sorting[0]?.desc)
      table.setSorting(sorting);
    const filter = input.filter.trim();
    if ((table.atoms.globalFilter.get() ?? '') !== filter) table.setGlobalFilter(filter || undefined);
    return table.getRowModel().rows;
  }

  /** Reads every row's searchable text now (e.g. while the app is idle), so the first keystroke need not. */
  prepareSearch(): void {
    for (let i = 0; i < this.#data.length; i += 1) this.#searchText(i);
  }

  #searchText(index: number): string {
    let text = this.#searchTexts[index];
    if (text === undefined) {
      const row = this.#data[index];
      text = row === undefined ? '' : searchText(this.columns, row);
      this.#searchTexts[index] = text;
    }
    return text;
  }

  #ranksOf(columnId: string): Int32Array {
    let ranks = this.#ranks.get(columnId);
    if (!ranks) {
      const column = this.columns.find((c) => c.id === columnId);
      ranks = sortRanks(column ? this.#data.map((row) => keyOf(column, row)) : [], this.#collator);
      this.#ranks.set(columnId, ranks);
    }
    return ranks;
  }

  /** Shows only the given columns (in their declared order); the others fold away. */
  setVisible(ids: ReadonlySet<string>): void {
    const visibility: Record<string, boolean> = { [SEARCH]: false };
    for (const column of this.columns) visibility[column.id] = ids.has(column.id);
    const current = this.#table.atoms.columnVisibility.get();
    if (Object.keys(visibility).some((id) => (current[id] ?? true) !== visibility[id]))
      this.#table.setColumnVisibility(visibility);
  }

  /** The columns to render, in order. */
  visibleColumns(): TableColumn<T>[] {
    const byId = new Map(this.columns.map((c) => [c.id, c]));
    return this.#table
      .getVisibleLeafColumns()
      .map((column) => byId.get(column.id))
      .filter((column): column is TableColumn<T> => column !== undefined);
  }
}
