import { matchPattern, PatternError } from '../domain/pattern.js';
import { ApiError } from './api-error.js';
import type { ArtifactKind, RuleFilter } from './types.js';

export interface ArtifactRef {
  namespace: string;
  repository: string;
  tag: string;
  kind: ArtifactKind;
}

/** Checks a rule's filters as the cloud does when a rule is created or changed. */
export function validateFilters(filters: readonly { Type: string; Value?: string | undefined }[]): RuleFilter[] {
  const seen = new Set<string>();
  return filters.map((f, index) => {
    const value = f.Value ?? '';
    const where = `Rule.Filters.${index}.Value`;
    if (seen.has(f.Type)) {
      throw new ApiError('InvalidParameterValue', `Rule.Filters has more than one filter of type ${f.Type}.`);
    }
    seen.add(f.Type);
    if (f.Type === 'resource') {
      if (!['', 'image', 'chart'].includes(value)) {
        throw new ApiError(
          'InvalidParameterValue',
          `The value of parameter \`${where}\` must be image, chart or empty.`,
        );
      }
    } else {
      try {
        matchPattern(value, '');
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        throw new ApiError(
          'InvalidParameterValue',
          `The value of parameter \`${where}\` is not a valid pattern: ${error.message}`,
        );
      }
    }
    return { Type: f.Type, Value: value };
  });
}

/** All filters must match (AND); an empty value matches everything. */
export function filtersMatch(filters: readonly RuleFilter[], artifact: ArtifactRef): boolean {
  return filters.every((f) => {
    if (f.Value === '') return true;
    try {
      if (f.Type === 'name') return matchPattern(f.Value, `${artifact.namespace}/${artifact.repository}`);
      if (f.Type === 'tag') return matchPattern(f.Value, artifact.tag);
      if (f.Type === 'resource') return f.Value === artifact.kind;
    } catch (error) {
      // A stored rule's patterns were validated when it was saved; a seed's may not have been.
      if (error instanceof PatternError) return false;
      throw error;
    }
    return false;
  });
}
