// A sync rule's filters, and the console's fields (命名空间 / 仓库名称 / 版本Tag / 仓库类型) they come
// from. The console builds three filters from its form; a rule made through the API (or by another
// tool) may hold filters the form cannot show, and then the app shows the raw filters instead.

/** One filter of a rule as the app holds it: `name` | `tag` | `resource`, or whatever else the cloud sends. */
export interface RuleFilter {
  type: string;
  /** A pattern for `name` and `tag`, `image` | `chart` | `` for `resource`; `` matches everything. */
  value: string;
}

export type ConsoleResource = 'image' | 'chart' | '';

/** The console's form for what a rule syncs. */
export interface ConsoleSelection {
  /** Exactly one namespace: the console has no "all namespaces". */
  namespace: string;
  /** A pattern below the namespace; '' = every repository of the namespace (`**` too: it reads back as ''). */
  repository: string;
  /** A tag pattern; '' = every tag. */
  tag: string;
  /** '' = images and Helm charts. */
  resource: ConsoleResource;
}

/**
 * TCR's namespace grammar (lowercase letters and digits, single `.` `_` `-` between them). The
 * console picks the namespace from a list, so anything else — a pattern above all — is not one.
 */
const NAMESPACE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Below a namespace, `**` is every repository, at any depth. */
const EVERY_REPOSITORY = '**';

export function isNamespaceName(name: string): boolean {
  return NAMESPACE.test(name);
}

/**
 * The problem of a form that cannot be turned into a rule, as a message key, or undefined.
 * Only the namespace needs checking here: the patterns are `filterProblems`' job (rule-match.ts).
 */
export function consoleSelectionProblem(selection: ConsoleSelection): string | undefined {
  if (selection.namespace === '') return 'rule.namespaceRequired';
  if (!isNamespaceName(selection.namespace)) return 'rule.namespaceInvalid';
  return undefined;
}

/**
 * The filters the console sends for its form, in its order: always all three, an empty field
 * sent as an empty value (which matches everything) rather than left out.
 */
export function consoleToFilters(selection: ConsoleSelection): RuleFilter[] {
  const repository = selection.repository === '' ? EVERY_REPOSITORY : selection.repository;
  return [
    { type: 'name', value: `${selection.namespace}/${repository}` },
    { type: 'tag', value: selection.tag },
    { type: 'resource', value: selection.resource },
  ];
}

/**
 * The console's fields for a rule's filters, or undefined when the form cannot show them (the UI
 * shows the raw filters then). Decisions:
 * - a type the console does not have (`label`, …), or any type twice → undefined;
 * - no name filter, or an empty one, matches every namespace → undefined (the console needs one);
 * - the name must start with a literal namespace and `/`: `ns/**` → ns, every repository;
 *   `ns/app-*` → ns + `app-*`; `ns/team/**` → ns + `team/**`. A name without `/` (`app`), a
 *   pattern as the namespace (`**`, `*`, `plat*`, `regex:…`), braces or a class around the
 *   `/` (`{a/x,b/y}`) and an empty repository (`ns/`, which matches nothing the form can say)
 *   → undefined;
 * - `**` as the repository is the form's empty field: `ns/**` reads back as repository '';
 * - a missing tag or resource filter means what an empty one means: every tag, both kinds; so
 *   those read back as '' (the console would send them, empty);
 * - a resource other than `image`, `chart` or '' → undefined;
 * - the tag pattern is taken as it is, `regex:` included: the form's field is free text.
 * A malformed pattern still maps: the form shows it, and `filterProblems` says what is wrong.
 */
export function filtersToConsole(filters: readonly RuleFilter[]): ConsoleSelection | undefined {
  const byType = new Map<string, string>();
  for (const filter of filters) {
    if (byType.has(filter.type)) return undefined;
    if (filter.type !== 'name' && filter.type !== 'tag' && filter.type !== 'resource') return undefined;
    byType.set(filter.type, filter.value);
  }
  const name = byType.get('name');
  if (name === undefined) return undefined;
  const slash = name.indexOf('/');
  if (slash < 0) return undefined;
  const namespace = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  if (!isNamespaceName(namespace) || rest === '') return undefined;
  const resource = byType.get('resource') ?? '';
  if (resource !== '' && resource !== 'image' && resource !== 'chart') return undefined;
  return {
    namespace,
    repository: rest === EVERY_REPOSITORY ? '' : rest,
    tag: byType.get('tag') ?? '',
    resource,
  };
}
