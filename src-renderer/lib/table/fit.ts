/** What deciding the columns that fit needs to know of a column. */
export interface FitColumn {
  id: string;
  /** 1 = always shown; higher numbers fold away first. */
  priority: number;
  /** Pixels the column needs, padding included. */
  minWidth: number;
}

/**
 * The columns that fit in `width` pixels: those of priority 1 always, then the others by priority
 * (ties: in declared order) while their minimum widths fit. The first that does not fit folds away
 * with every column of lower priority, so a narrower window never shows a less important column in
 * place of a more important one. `extraFolds` folds that many more, least important first (when the
 * rendered table turned out wider than the minimum widths promised).
 */
export function fitColumns(columns: readonly FitColumn[], width: number, extraFolds = 0): Set<string> {
  const order = columns
    .map((column, index) => ({ column, index }))
    .sort((a, b) => a.column.priority - b.column.priority || a.index - b.index)
    .map(({ column }) => column);
  const shown: FitColumn[] = [];
  let used = 0;
  let full = false;
  for (const column of order) {
    if (column.priority <= 1) {
      shown.push(column);
      used += column.minWidth;
    } else if (!full && used + column.minWidth <= width) {
      shown.push(column);
      used += column.minWidth;
    } else {
      full = true;
    }
  }
  let folds = extraFolds;
  while (folds > 0 && shown.length > 0 && shown[shown.length - 1]!.priority > 1) {
    shown.pop();
    folds -= 1;
  }
  return new Set(shown.map((c) => c.id));
}

/** The shown column that folds next when the table is still too wide: the last one `fitColumns` added. */
export function nextToFold<C extends FitColumn>(columns: readonly C[], shown: ReadonlySet<string>): C | undefined {
  const order = columns
    .map((column, index) => ({ column, index }))
    .sort((a, b) => a.column.priority - b.column.priority || a.index - b.index)
    .map(({ column }) => column)
    .filter((column) => column.priority > 1 && shown.has(column.id));
  return order[order.length - 1];
}
