// Which artifacts a rule's filters select, and what is wrong with them: the one matcher that the
// app's "what would sync" and the sandbox's replication engine both use, so they always agree.
// Patterns are pattern.ts's (Harbor's doublestar dialect, or `regex:`).

import {
  checkPattern,
  matchPattern,
  PatternError,
  patternWarnings,
  type PatternErrorReason,
  type PatternWarning,
} from './pattern.js';
import type { RuleFilter } from './rule-filters.js';

/** An artifact as a rule's filters see it. An untagged artifact has the tag ''. */
export interface MatchableArtifact {
  namespace: string;
  /** Below the namespace; may hold `/` (`team/app`). */
  repository: string;
  tag: string;
  /** `image` | `chart`, or whatever else the registry calls it. */
  kind: string;
}

export const RESOURCE_VALUES: readonly string[] = ['', 'image', 'chart'];

/**
 * Does a rule with these filters sync this artifact? Every filter must match (AND); a filter with
 * an empty value matches everything, so no filters at all match everything. `name` is matched
 * against `namespace/repository`, `tag` against the tag, `resource` is the artifact's kind.
 * A filter that cannot be judged matches nothing: a malformed pattern (show `filterProblems`
 * before trusting a preview) and a type this app does not know (`label`, …) that has a value —
 * Harbor does the same with a pattern it cannot compile.
 */
export function filtersMatch(filters: readonly RuleFilter[], artifact: MatchableArtifact): boolean {
  return filters.every((filter) => filterMatches(filter, artifact));
}

function filterMatches(filter: RuleFilter, artifact: MatchableArtifact): boolean {
  if (filter.value === '') return true;
  try {
    switch (filter.type) {
      case 'name':
        return matchPattern(filter.value, `${artifact.namespace}/${artifact.repository}`);
      case 'tag':
        return matchPattern(filter.value, artifact.tag);
      case 'resource':
        return filter.value === artifact.kind;
      default:
        return false;
    }
  } catch (error) {
    if (error instanceof PatternError) return false;
    throw error;
  }
}

export type FilterProblemKey = 'rule.filterDuplicate' | 'rule.filterResource' | 'rule.filterPattern';

export interface FilterProblem {
  /** Index of the filter in the rule's list. */
  index: number;
  type: string;
  /** What kind of problem, as a message key. */
  key: FilterProblemKey;
  /** The details in English (a pattern's error says where it is wrong). */
  message: string;
  /** For a malformed pattern: why, and the 0-based position in the value. */
  pattern?: { reason: PatternErrorReason; position: number };
}

/**
 * What the cloud would refuse in a rule's filters, in the order of the list (a filter may have
 * more than one problem; its duplicate comes first): a type given twice, a resource other than
 * `image`, `chart` or '', a malformed `name` or `tag` pattern. Types this app does not know are
 * not judged here (the cloud decides); `filterWarnings` points them out.
 */
export function filterProblems(filters: readonly RuleFilter[]): FilterProblem[] {
  const problems: FilterProblem[] = [];
  const seen = new Set<string>();
  filters.forEach((filter, index) => {
    const { type, value } = filter;
    if (seen.has(type)) {
      problems.push({ index, type, key: 'rule.filterDuplicate', message: `More than one filter of type ${type}` });
    }
    seen.add(type);
    if (type === 'resource') {
      if (!RESOURCE_VALUES.includes(value)) {
        problems.push({
          index,
          type,
          key: 'rule.filterResource',
          message: `A resource filter is image, chart or empty, not “${value}”`,
        });
      }
    } else if (type === 'name' || type === 'tag') {
      const error = checkPattern(value);
      if (error) {
        problems.push({
          index,
          type,
          key: 'rule.filterPattern',
          message: error.message,
          pattern: { reason: error.reason, position: error.position },
        });
      }
    }
  });
  return problems;
}

export interface FilterWarning {
  index: number;
  type: string;
  /** pattern.ts's warnings for name and tag patterns; `unknown-type` for a type this app cannot judge. */
  warning: PatternWarning | 'unknown-type';
}

/** Well-formed filters that are very likely not what the user meant, in the order of the list. */
export function filterWarnings(filters: readonly RuleFilter[]): FilterWarning[] {
  return filters.flatMap(({ type, value }, index): FilterWarning[] => {
    if (type === 'name' || type === 'tag') {
      return patternWarnings(value, type).map((warning) => ({ index, type, warning }));
    }
    if (type === 'resource') return [];
    return [{ index, type, warning: 'unknown-type' }];
  });
}
