// What a rule would sync right now: the source tags its filters select, each compared with the
// target (new / same / different) and what syncing would do with it. Pure: the service lists the
// instances, this decides. Selection is `filtersMatch` (rule-match.ts), the matcher the sandbox's
// replication engine uses, so the preview and a run always agree.

import type {
  PreviewCounts,
  PreviewDeletion,
  PreviewOutcome,
  PreviewRepository,
  PreviewTag,
  PreviewTagState,
} from '../contract/index.js';
import { matchPattern, PatternError } from './pattern.js';
import { isNamespaceName, type RuleFilter } from './rule-filters.js';
import { filtersMatch } from './rule-match.js';

export interface PreviewArtifact {
  tag: string;
  digest: string;
  /** `image` | `chart`, as the registry lists it. */
  kind: string;
}

/** One repository of an instance with its tags. */
export interface PreviewSourceRepository {
  namespace: string;
  /** Below the namespace; may hold `/`. */
  repository: string;
  artifacts: readonly PreviewArtifact[];
}

/** An immutable-tag rule of the target (DescribeImmutableTagRules), in the app's words. */
export interface ImmutableTagRule {
  /** The namespace the rule belongs to. */
  namespace: string;
  /** Matched against the repository below the namespace (Harbor's doublestar). */
  repositoryPattern: string;
  /** `repoMatches` | `repoExcludes`. */
  repositoryDecoration: string;
  tagPattern: string;
  /** `matches` | `excludes`. */
  tagDecoration: string;
  disabled: boolean;
}

export interface PreviewTargetInput {
  repositories: readonly PreviewSourceRepository[];
  immutableRules: readonly ImmutableTagRule[];
}

export interface PreviewInput {
  filters: readonly RuleFilter[];
  source: readonly PreviewSourceRepository[];
  /** '' = the source namespace's own name. */
  destNamespace: string;
  override: boolean;
  /** Compute the deletions sync deletions would make (the caller decides whether to show them). */
  deletion: boolean;
  /** Absent: the target is not readable; every selected tag is `unknown` / `copy`. */
  target?: PreviewTargetInput;
}

export interface PreviewOutput {
  repositories: PreviewRepository[];
  counts: PreviewCounts & { repositories: number };
}

export function emptyCounts(): PreviewCounts {
  return {
    tags: 0,
    new: 0,
    same: 0,
    different: 0,
    copy: 0,
    unchanged: 0,
    keep: 0,
    overwrite: 0,
    failImmutable: 0,
    deletions: 0,
  };
}

/**
 * Does an enabled immutable-tag rule of the target cover `namespace/repository:tag`? A rule
 * covers the repositories of its own namespace that its repository pattern matches (or, with
 * `repoExcludes`, does not match), and the tags its tag pattern matches (or, with `excludes`,
 * does not). A malformed pattern covers nothing (Harbor cannot compile it either).
 */
export function immutableCovers(
  rules: readonly ImmutableTagRule[],
  namespace: string,
  repository: string,
  tag: string,
): boolean {
  return rules.some((rule) => {
    if (rule.disabled || rule.namespace !== namespace) return false;
    try {
      const repoMatch = matchPattern(rule.repositoryPattern, repository);
      const tagMatch = matchPattern(rule.tagPattern, tag);
      const repoOk = rule.repositoryDecoration === 'repoExcludes' ? !repoMatch : repoMatch;
      const tagOk = rule.tagDecoration === 'excludes' ? !tagMatch : tagMatch;
      return repoOk && tagOk;
    } catch (error) {
      if (error instanceof PatternError) return false;
      throw error;
    }
  });
}

function outcomeOf(state: PreviewTagState, override: boolean, immutable: boolean): PreviewOutcome {
  switch (state) {
    case 'new':
    case 'unknown':
      return 'copy';
    case 'same':
      return 'unchanged';
    case 'different':
      // Override off: the replication skips an existing tag before ever pushing it.
      if (!override) return 'keep';
      return immutable ? 'fail-immutable' : 'overwrite';
  }
}

const COUNT_OF: Record<PreviewOutcome, keyof PreviewCounts> = {
  copy: 'copy',
  unchanged: 'unchanged',
  keep: 'keep',
  overwrite: 'overwrite',
  'fail-immutable': 'failImmutable',
};

/**
 * The one namespace a rule's `name` filter can take, when its first component is a plain
 * namespace name (`platform/**`, `platform/app-*`): every `namespace/repository` it matches starts
 * with it, so only that namespace needs listing. Undefined when it could take several (no name
 * filter, `**`, `plat*`, `{a,b}/x`, `regex:…`) or there is more than one name filter.
 */
export function literalNamespace(filters: readonly RuleFilter[]): string | undefined {
  const names = filters.filter((f) => f.type === 'name');
  if (names.length !== 1) return undefined;
  const value = names[0]?.value ?? '';
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const namespace = value.slice(0, slash);
  return isNamespaceName(namespace) ? namespace : undefined;
}

/**
 * The repositories whose tags a rule could select: those its `name` filter takes (every one when
 * it has none). Lets the caller list the tags of these only.
 */
export function selectRepositories<T extends { namespace: string; repository: string }>(
  filters: readonly RuleFilter[],
  repositories: readonly T[],
): T[] {
  const nameFilters = filters.filter((f) => f.type === 'name');
  return repositories.filter((r) =>
    filtersMatch(nameFilters, { namespace: r.namespace, repository: r.repository, tag: '', kind: '' }),
  );
}

/**
 * The preview of a rule: the selected source tags grouped by repository (repositories by name,
 * tags by name), each with its state against the target and its outcome; with `deletion`, the
 * target tags of each selected repository that the filters cover and the source no longer has.
 * The `name` filter is judged once per repository (the filters are ANDed, so this is the same
 * answer as judging it per tag), the others per tag; patterns are compiled once (pattern.ts).
 */
export function previewRule(input: PreviewInput): PreviewOutput {
  const nameFilters = input.filters.filter((f) => f.type === 'name');
  const tagFilters = input.filters.filter((f) => f.type !== 'name');
  const targetByName = new Map<string, PreviewSourceRepository>();
  for (const repo of input.target?.repositories ?? []) targetByName.set(`${repo.namespace}/${repo.repository}`, repo);
  const immutableRules = input.target?.immutableRules ?? [];
  // Past the name, the filters read only the tag and the kind (rule-match.ts): judged once per
  // (kind, tag), as the same tags (latest, v1.2.3) recur in thousands of repositories.
  const judged = new Map<string, Map<string, boolean>>();
  const tagSelected = (namespace: string, repository: string, artifact: PreviewArtifact): boolean => {
    let ofKind = judged.get(artifact.kind);
    if (!ofKind) {
      ofKind = new Map();
      judged.set(artifact.kind, ofKind);
    }
    let selected = ofKind.get(artifact.tag);
    if (selected === undefined) {
      selected = filtersMatch(tagFilters, { namespace, repository, tag: artifact.tag, kind: artifact.kind });
      ofKind.set(artifact.tag, selected);
    }
    return selected;
  };

  const repositories: PreviewRepository[] = [];
  const total = { ...emptyCounts(), repositories: 0 };
  for (const repo of input.source) {
    if (!filtersMatch(nameFilters, { namespace: repo.namespace, repository: repo.repository, tag: '', kind: '' })) {
      continue;
    }
    const targetNamespace = input.destNamespace || repo.namespace;
    const onTarget = targetByName.get(`${targetNamespace}/${repo.repository}`);
    const targetTags = onTarget ? new Map(onTarget.artifacts.map((a) => [a.tag, a])) : undefined;
    const counts = emptyCounts();
    const tags: PreviewTag[] = [];
    for (const artifact of repo.artifacts) {
      if (!tagSelected(repo.namespace, repo.repository, artifact)) continue;
      const there = targetTags?.get(artifact.tag);
      const state: PreviewTagState = !input.target
        ? 'unknown'
        : !there
          ? 'new'
          : there.digest === artifact.digest
            ? 'same'
            : 'different';
      const outcome = outcomeOf(
        state,
        input.override,
        state === 'different' && immutableCovers(immutableRules, targetNamespace, repo.repository, artifact.tag),
      );
      const tag: PreviewTag = { tag: artifact.tag, kind: artifact.kind, digest: artifact.digest, state, outcome };
      if (there) tag.targetDigest = there.digest;
      tags.push(tag);
      counts.tags += 1;
      if (state !== 'unknown') counts[state] += 1;
      counts[COUNT_OF[outcome]] += 1;
    }
    const deletions: PreviewDeletion[] = [];
    if (input.deletion && onTarget) {
      const sourceTags = new Set(repo.artifacts.map((a) => a.tag));
      for (const artifact of onTarget.artifacts) {
        if (sourceTags.has(artifact.tag)) continue;
        // The target's tag as the source would hold it: the rule's filters decide whether it is the rule's.
        if (!tagSelected(repo.namespace, repo.repository, artifact)) continue;
        deletions.push({
          tag: artifact.tag,
          kind: artifact.kind,
          digest: artifact.digest,
          immutable: immutableCovers(immutableRules, targetNamespace, repo.repository, artifact.tag),
        });
      }
      sortBy(deletions, (d) => d.tag);
      counts.deletions = deletions.length;
    }
    if (tags.length === 0 && deletions.length === 0) continue;
    sortBy(tags, (t) => t.tag);
    repositories.push({
      namespace: repo.namespace,
      repository: repo.repository,
      targetNamespace,
      tags,
      deletions,
      counts,
    });
    total.repositories += 1;
    for (const key of Object.keys(counts) as (keyof PreviewCounts)[]) total[key] += counts[key];
  }
  sortBy(repositories, (r) => `${r.namespace}/${r.repository}`);
  return { repositories, counts: total };
}

/**
 * Sorts in place by a key, in code-point order (stable whatever the locale; localeCompare is slow
 * over 200,000 tags). Lists come mostly sorted from the registry: those are only checked.
 */
function sortBy<T>(items: T[], key: (item: T) => string): void {
  const keys = items.map(key);
  if (keys.every((k, i) => i === 0 || (keys[i - 1] ?? '') <= k)) return;
  const order = keys.map((k, i) => ({ k, item: items[i] as T }));
  order.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  order.forEach((entry, i) => (items[i] = entry.item));
}
