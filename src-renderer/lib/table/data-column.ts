import type { Snippet } from 'svelte';
import type { TableColumn } from './model.js';

/** A column of `DataTable`: the model's column plus how its cells look. */
export interface DataColumn<T> extends TableColumn<T> {
  /** Renders the cell; without it the cell shows `text`. */
  cell?: Snippet<[T]>;
  /** Classes of the column's cells (e.g. `mono`). */
  class?: string;
  /**
   * The cell may break its content over lines (between the `nowrap` pieces its snippet renders, e.g.
   * a name and its tags) when the table is narrow, rather than folding a column away.
   */
  wrap?: boolean;
  /** The cell's tooltip, e.g. a date's full form or text that may be cut. */
  title?: (row: T) => string | undefined;
}

export type { SortDirection, SortState, SortValue, TableColumn } from './model.js';

/** Adds the views' cell snippets (by column id) to column definitions. */
export function withCells<T>(
  columns: readonly Omit<DataColumn<T>, 'cell'>[],
  cells: Partial<Record<string, Snippet<[T]>>>,
): DataColumn<T>[] {
  return columns.map((column) => {
    const cell = cells[column.id];
    return cell ? { ...column, cell } : { ...column };
  });
}
