import { filterProblems, filtersMatch as domainFiltersMatch, type MatchableArtifact } from '../domain/rule-match.js';
import type { RuleFilter as DomainRuleFilter } from '../domain/rule-filters.js';
import { ApiError } from './api-error.js';
import type { ArtifactKind, RuleFilter } from './types.js';

// The matching and the checks are the domain's (rule-match.ts), shared with the app; the sandbox
// keeps its rules in the API's shape and turns the domain's problems into the cloud's errors.

export interface ArtifactRef extends MatchableArtifact {
  kind: ArtifactKind;
}

/** Checks a rule's filters as the cloud does when a rule is created or changed. */
export function validateFilters(filters: readonly { Type: string; Value?: string | undefined }[]): RuleFilter[] {
  const checked = filters.map((f) => ({ Type: f.Type, Value: f.Value ?? '' }));
  const problem = filterProblems(checked.map(toDomain))[0];
  if (problem) {
    const where = `Rule.Filters.${problem.index}.Value`;
    switch (problem.key) {
      case 'rule.filterDuplicate':
        throw new ApiError('InvalidParameterValue', `Rule.Filters has more than one filter of type ${problem.type}.`);
      case 'rule.filterResource':
        throw new ApiError(
          'InvalidParameterValue',
          `The value of parameter \`${where}\` must be image, chart or empty.`,
        );
      case 'rule.filterPattern':
        throw new ApiError(
          'InvalidParameterValue',
          `The value of parameter \`${where}\` is not a valid pattern: ${problem.message}`,
        );
    }
  }
  return checked;
}

/** All filters must match (AND); an empty value matches everything (a seed's bad pattern, nothing). */
export function filtersMatch(filters: readonly RuleFilter[], artifact: ArtifactRef): boolean {
  return domainFiltersMatch(filters.map(toDomain), artifact);
}

function toDomain(filter: RuleFilter): DomainRuleFilter {
  return { type: filter.Type, value: filter.Value };
}
