// What a change to the cloud will send, as a before/after diff of parameters: each parameter by its
// API path (`Rule.Enabled`, `Rule.Filters[0].Value`), its value before and after, and whether it
// changes. Plain TypeScript (no DOM, no runes): the unit tests run it as the dialog does.

export type DiffChange = 'same' | 'changed' | 'added' | 'removed';

/** One parameter as the dialog shows it. */
export interface DiffLine {
  /** The API's own path of the parameter: `Rule.Enabled`, `Rule.Filters[0].Value`. */
  path: string;
  /** The value before, as the API writes it (`true`, `"v*"`); undefined when it was absent. */
  before: string | undefined;
  /** The value after; undefined when it is gone. */
  after: string | undefined;
  change: DiffChange;
}

/** A leaf value as the API writes it: `true`, `3`, `"v*"`, `null`, `[]`, `{}`. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return '[]';
  if (value !== null && typeof value === 'object') return '{}';
  return JSON.stringify(value);
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object';
}

/**
 * Every leaf of a value with its path, in the value's own order. Empty objects and arrays are
 * leaves (`Filters: []`), so that a list emptied shows as a change.
 */
export function flattenParams(value: unknown, prefix = ''): [string, string][] {
  if (!isContainer(value)) return prefix === '' ? [] : [[prefix, formatValue(value)]];
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`${prefix}[${String(i)}]`, v])
    : Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [prefix === '' ? k : `${prefix}.${k}`, v]);
  if (entries.length === 0) return prefix === '' ? [] : [[prefix, formatValue(value)]];
  return entries.flatMap(([path, v]) => (isContainer(v) ? flattenParams(v, path) : [[path, formatValue(v)]]));
}

/**
 * The parameters of `before` and `after` side by side: every path of either, in `before`'s order
 * with what only `after` has where it comes in `after`. `null` or `undefined` stands for "none"
 * (a rule deleted has no after: every parameter is removed).
 */
export function diffParams(before: unknown, after: unknown): DiffLine[] {
  const was = new Map(flattenParams(before ?? undefined));
  const is = new Map(flattenParams(after ?? undefined));
  const paths: string[] = [...was.keys()];
  let insertAt = 0;
  for (const path of is.keys()) {
    const index = paths.indexOf(path);
    if (index >= 0) insertAt = index + 1;
    else paths.splice(insertAt++, 0, path);
  }
  return paths.map((path) => {
    const b = was.get(path);
    const a = is.get(path);
    const change: DiffChange = b === undefined ? 'added' : a === undefined ? 'removed' : a === b ? 'same' : 'changed';
    return { path, before: b, after: a, change };
  });
}

/** Only what changes. */
export function changedLines(lines: readonly DiffLine[]): DiffLine[] {
  return lines.filter((line) => line.change !== 'same');
}

/** One line as text: `Rule.Enabled: true → false`, `RuleName: "a"`, `Rule.Name: "a" → (none)`. */
export function lineText(line: DiffLine, none = '—'): string {
  if (line.change === 'same') return `${line.path}: ${line.after ?? ''}`;
  return `${line.path}: ${line.before ?? none} → ${line.after ?? none}`;
}

/** What `rules:request` answers (the contract's `RuleChangeRequest`, by its shape). */
export interface ChangePreview {
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request: Record<string, unknown>;
}

/** A change as the dialog shows it: the request's parameters, then what else of the rule changes. */
export interface PreviewModel {
  action: string;
  /** Every parameter of the request; one the rule had otherwise before shows its old value. */
  params: DiffLine[];
  /** What changes in the rule beyond the parameters (all of it, when the rule is deleted). */
  rule: DiffLine[];
}

/** The path without its first segment: `Rule.Enabled` → `Enabled` (the request nests the rule). */
function inner(path: string): string | undefined {
  const dot = path.indexOf('.');
  return dot < 0 ? undefined : path.slice(dot + 1);
}

/**
 * The request a change sends, diffed against the rule as it was: a parameter is the same path in
 * `before` (`RuleName`) or the path under the request's rule (`Rule.Enabled` ↔ `Enabled`). A
 * parameter the rule had with another value is `changed` (`Rule.Enabled: true → false`); one it
 * did not hold is plain (`SourceRegistryId`). The rule's own lines not sent as parameters follow.
 */
export function previewModel(preview: ChangePreview): PreviewModel {
  const ruleLines = diffParams(preview.before, preview.after);
  const byPath = new Map(ruleLines.map((line) => [line.path, line]));
  const covered = new Set<string>();
  const params = flattenParams(preview.request).map(([path, value]): DiffLine => {
    const innerPath = inner(path);
    const line = byPath.get(path) ?? (innerPath === undefined ? undefined : byPath.get(innerPath));
    if (line === undefined) return { path, before: value, after: value, change: 'same' };
    covered.add(line.path);
    const change: DiffChange = line.before === undefined || line.before === value ? 'same' : 'changed';
    return { path, before: line.before ?? value, after: value, change };
  });
  const rule = ruleLines.filter((line) => !covered.has(line.path) && line.change !== 'same');
  return { action: preview.action, params, rule };
}
