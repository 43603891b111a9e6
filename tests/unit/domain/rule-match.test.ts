// The one matcher of rules' filters (the app's preview and the sandbox's engine), against the
// reference's semantics: name against `namespace/repository`, tag against each tag (untagged = ''),
// resource against the kind; an empty value matches everything; all filters must match (AND).
import { describe, expect, it } from 'vitest';
import type { RuleFilter } from '../../../src-main/domain/rule-filters.js';
import {
  filterProblems,
  filtersMatch,
  filterWarnings,
  type MatchableArtifact,
} from '../../../src-main/domain/rule-match.js';

const f = (type: string, value: string): RuleFilter => ({ type, value });
const art = (namespace: string, repository: string, tag = 'v1', kind = 'image'): MatchableArtifact => ({
  namespace,
  repository,
  tag,
  kind,
});

describe('filtersMatch', () => {
  it.each<[string, RuleFilter, MatchableArtifact, boolean]>([
    ['ns/** takes a repository of the namespace', f('name', 'library/**'), art('library', 'hello-world'), true],
    ['ns/** takes a deeper one', f('name', 'library/**'), art('library', 'team/app'), true],
    ['ns/** not another namespace', f('name', 'library/**'), art('libraryx', 'hello-world'), false],
    ['* alone does not cross /', f('name', '*'), art('library', 'hello-world'), false],
    ['** crosses namespaces', f('name', '**'), art('library', 'hello-world'), true],
    ['ns/* stays one level', f('name', 'library/*'), art('library', 'team/app'), false],
    ['the name is anchored', f('name', 'library/hello'), art('library', 'hello-world'), false],
    ['a*/b', f('name', 'a*/b'), art('abc', 'b'), true],
    ['a*/b not a/c/b', f('name', 'a*/b'), art('a', 'c/b'), false],
    ['alternation across namespaces', f('name', '{library,harbor}/**'), art('harbor', 'core'), true],
    ['regex: searches unanchored', f('name', 'regex:brary/hel'), art('library', 'hello-world'), true],
    ['1.? vs 1.0', f('tag', '1.?'), art('ns', 'r', '1.0'), true],
    ['1.? vs 1.01', f('tag', '1.?'), art('ns', 'r', '1.01'), false],
    ['v2.[4-6].*', f('tag', 'v2.[4-6].*'), art('ns', 'r', 'v2.4.0'), true],
    ['v2.[4-6].* not v2.7.0', f('tag', 'v2.[4-6].*'), art('ns', 'r', 'v2.7.0'), false],
    ['an untagged artifact is tag ""; * takes it', f('tag', '*'), art('ns', 'r', ''), true],
    ['an untagged artifact does not match v*', f('tag', 'v*'), art('ns', 'r', ''), false],
    ['resource image takes an image', f('resource', 'image'), art('ns', 'r'), true],
    ['resource image refuses a chart', f('resource', 'image'), art('ns', 'r', 'v1', 'chart'), false],
    ['resource chart takes a chart', f('resource', 'chart'), art('ns', 'r', 'v1', 'chart'), true],
    ['empty resource takes both', f('resource', ''), art('ns', 'r', 'v1', 'chart'), true],
    ['empty name takes everything', f('name', ''), art('any', 'thing/deep'), true],
    ['empty tag takes everything', f('tag', ''), art('ns', 'r', ''), true],
    ['an unknown type with a value cannot be judged: nothing', f('label', 'prod'), art('ns', 'r'), false],
    ['an unknown type without a value takes everything', f('label', ''), art('ns', 'r'), true],
    ['a malformed pattern matches nothing', f('name', 'ns/[-]'), art('ns', '-'), false],
  ])('%s', (_, filter, artifact, expected) => {
    expect(filtersMatch([filter], artifact)).toBe(expected);
  });

  it('needs every filter to match (AND)', () => {
    const filters = [f('name', 'platform/**'), f('tag', 'v*'), f('resource', 'image')];
    expect(filtersMatch(filters, art('platform', 'api', 'v1.2'))).toBe(true);
    expect(filtersMatch(filters, art('base', 'api', 'v1.2'))).toBe(false);
    expect(filtersMatch(filters, art('platform', 'api', 'latest'))).toBe(false);
    expect(filtersMatch(filters, art('platform', 'api', 'v1.2', 'chart'))).toBe(false);
  });

  it('takes everything with no filters, or only empty ones', () => {
    expect(filtersMatch([], art('any', 'thing'))).toBe(true);
    expect(filtersMatch([f('name', ''), f('tag', ''), f('resource', '')], art('a', 'b', '', 'chart'))).toBe(true);
  });
});

describe('filterProblems', () => {
  it('finds nothing in good filters, unknown types included', () => {
    expect(
      filterProblems([f('name', 'ns/**'), f('tag', 'regex:^v1'), f('resource', 'chart'), f('label', '[')]),
    ).toEqual([]);
    expect(filterProblems([])).toEqual([]);
  });

  it('names each malformed pattern, where it is wrong', () => {
    expect(filterProblems([f('name', 'ns/[-]'), f('tag', 'v{1,2')])).toEqual([
      {
        index: 0,
        type: 'name',
        key: 'rule.filterPattern',
        message: expect.stringContaining('position 5') as string,
        pattern: { reason: 'bad-range', position: 4 },
      },
      {
        index: 1,
        type: 'tag',
        key: 'rule.filterPattern',
        message: expect.stringContaining('never closed') as string,
        pattern: { reason: 'unclosed-brace', position: 1 },
      },
    ]);
    expect(filterProblems([f('tag', 'regex:(?=x)')])).toMatchObject([{ key: 'rule.filterPattern' }]);
  });

  it('refuses a resource other than image, chart or empty', () => {
    expect(filterProblems([f('resource', 'helm')])).toMatchObject([
      { index: 0, type: 'resource', key: 'rule.filterResource' },
    ]);
    expect(filterProblems([f('resource', 'Image')])).toHaveLength(1);
  });

  it('refuses a type given twice, at the second, before its value', () => {
    expect(filterProblems([f('tag', 'v1'), f('name', 'ns/**'), f('tag', '[')])).toMatchObject([
      { index: 2, type: 'tag', key: 'rule.filterDuplicate' },
      { index: 2, type: 'tag', key: 'rule.filterPattern' },
    ]);
  });
});

describe('filterWarnings', () => {
  it('warns of regular expressions typed by habit in name and tag patterns', () => {
    expect(filterWarnings([f('name', 'ns/.*'), f('tag', '^v1'), f('resource', 'image')])).toEqual([
      { index: 0, type: 'name', warning: 'looks-like-regex' },
      { index: 1, type: 'tag', warning: 'looks-like-regex' },
    ]);
  });

  it('warns of a name without a namespace and of ** inside a component', () => {
    expect(filterWarnings([f('name', 'app'), f('tag', 'v1**')])).toEqual([
      { index: 0, type: 'name', warning: 'name-without-namespace' },
      { index: 1, type: 'tag', warning: 'globstar-in-component' },
    ]);
  });

  it('says nothing of good or regex: patterns, and points out a type it cannot judge', () => {
    expect(filterWarnings([f('name', 'ns/**'), f('tag', 'regex:.*'), f('tag', '')])).toEqual([]);
    expect(filterWarnings([f('label', 'prod')])).toEqual([{ index: 0, type: 'label', warning: 'unknown-type' }]);
  });
});
