// The console's form (命名空间 / 仓库名称 / 版本Tag / 仓库类型) and the filters it becomes in
// ManageReplication: `{name: "<ns>/<repo or **>"}`, `{tag: "<pattern>"}` ('' = every tag),
// `{resource: image|chart|""}`; filters read back map to the form where they fit, and show raw otherwise.
import { describe, expect, it } from 'vitest';
import {
  consoleSelectionProblem,
  consoleToFilters,
  filtersToConsole,
  type ConsoleSelection,
  type RuleFilter,
} from '../../../src-main/domain/rule-filters.js';
import { filtersMatch, type MatchableArtifact } from '../../../src-main/domain/rule-match.js';

const f = (type: string, value: string): RuleFilter => ({ type, value });
const sel = (over: Partial<ConsoleSelection> = {}): ConsoleSelection => ({
  namespace: 'platform',
  repository: '',
  tag: '',
  resource: '',
  ...over,
});

describe('consoleToFilters: what the console sends', () => {
  it('always sends the three filters, an empty field as an empty value', () => {
    expect(consoleToFilters(sel())).toEqual([f('name', 'platform/**'), f('tag', ''), f('resource', '')]);
  });

  it('puts the repository below the namespace, and passes tag and resource as typed', () => {
    expect(consoleToFilters(sel({ repository: 'api-gateway', tag: 'v*', resource: 'image' }))).toEqual([
      f('name', 'platform/api-gateway'),
      f('tag', 'v*'),
      f('resource', 'image'),
    ]);
    expect(consoleToFilters(sel({ namespace: 'charts', repository: 'team/*', resource: 'chart' }))).toEqual([
      f('name', 'charts/team/*'),
      f('tag', ''),
      f('resource', 'chart'),
    ]);
  });
});

describe('filtersToConsole: filters read back', () => {
  it.each<[string, RuleFilter[], ConsoleSelection]>([
    ['ns/** → every repository', [f('name', 'platform/**')], sel()],
    ['ns/repo', [f('name', 'platform/api-gateway'), f('tag', 'v*')], sel({ repository: 'api-gateway', tag: 'v*' })],
    ['a repository pattern', [f('name', 'data/ingest-*')], sel({ namespace: 'data', repository: 'ingest-*' })],
    ['a repository at depth', [f('name', 'base/team/**')], sel({ namespace: 'base', repository: 'team/**' })],
    ['braces below the namespace', [f('name', 'base/{a,b}/x')], sel({ namespace: 'base', repository: '{a,b}/x' })],
    [
      'braces across / below the namespace',
      [f('name', 'base/{a/b,c}')],
      sel({ namespace: 'base', repository: '{a/b,c}' }),
    ],
    [
      'resource chart, no tag filter (a missing tag is every tag)',
      [f('name', 'charts/**'), f('resource', 'chart')],
      sel({ namespace: 'charts', resource: 'chart' }),
    ],
    [
      'any order',
      [f('resource', 'image'), f('tag', '{20,22}-alpine'), f('name', 'base/**')],
      sel({ namespace: 'base', tag: '{20,22}-alpine', resource: 'image' }),
    ],
    [
      'a regex tag, kept as typed',
      [f('name', 'ns.a_b-c/x'), f('tag', 'regex:^v1')],
      sel({ namespace: 'ns.a_b-c', repository: 'x', tag: 'regex:^v1' }),
    ],
    ['a malformed pattern still maps', [f('name', 'ns/[-]')], sel({ namespace: 'ns', repository: '[-]' })],
  ])('%s', (_, filters, expected) => {
    expect(filtersToConsole(filters)).toEqual(expected);
  });

  it.each<[string, RuleFilter[]]>([
    ['no filters: every namespace', []],
    ['no name filter', [f('tag', 'v1'), f('resource', 'image')]],
    ['an empty name: every namespace', [f('name', ''), f('tag', '')]],
    ['a name without a namespace', [f('name', 'api-gateway')]],
    ['** spans namespaces', [f('name', '**')]],
    ['**/repo spans namespaces', [f('name', '**/api-gateway')]],
    ['a namespace pattern', [f('name', 'plat*/**')]],
    ['a namespace class', [f('name', '[pd]ata/**')]],
    ['namespace alternation', [f('name', '{library,harbor}/**')]],
    ['braces across /', [f('name', '{a/x,b/y}')]],
    ['a regex name', [f('name', 'regex:^platform/.*')]],
    ['an escaped namespace', [f('name', 'pl\\atform/**')]],
    ['an empty repository', [f('name', 'platform/')]],
    ['an empty namespace', [f('name', '/app')]],
    ['an upper-case namespace', [f('name', 'Platform/**')]],
    ['a duplicate type', [f('name', 'platform/**'), f('name', 'base/**')]],
    ['a duplicate tag', [f('name', 'platform/**'), f('tag', 'v1'), f('tag', 'v2')]],
    ['an unknown type', [f('name', 'platform/**'), f('label', 'prod')]],
    ['an unknown type, even empty', [f('name', 'platform/**'), f('label', '')]],
    ['a resource the console does not have', [f('name', 'platform/**'), f('resource', 'image,chart')]],
  ])('shows raw filters for %s', (_, filters) => {
    expect(filtersToConsole(filters)).toBeUndefined();
  });
});

describe('round trips', () => {
  const namespaces = ['platform', 'a1', 'ns.a_b-c'];
  const repositories = ['', 'api-gateway', 'team/app', 'app-*', '{web,api}', '**/x', 'a?[0-9]', 'regex:x'];
  const tags = ['', 'v*', 'latest', '{20,22}-alpine', 'regex:^v1\\.', '[', '**'];
  const resources: ConsoleSelection['resource'][] = ['', 'image', 'chart'];
  const selections = namespaces.flatMap((namespace) =>
    repositories.flatMap((repository) =>
      tags.flatMap((tag) => resources.map((resource) => ({ namespace, repository, tag, resource }))),
    ),
  );

  it('gives back every valid form it was given', () => {
    expect(selections.length).toBeGreaterThan(400);
    for (const s of selections) {
      expect(consoleSelectionProblem(s)).toBeUndefined();
      expect(filtersToConsole(consoleToFilters(s))).toEqual(s);
    }
  });

  it('reads a ** repository back as the empty field it means', () => {
    expect(filtersToConsole(consoleToFilters(sel({ repository: '**' })))).toEqual(sel());
  });

  it('keeps what filters mean when they go through the form', () => {
    const artifacts: MatchableArtifact[] = [
      { namespace: 'base', repository: 'node', tag: '20-alpine', kind: 'image' },
      { namespace: 'base', repository: 'node', tag: '18-alpine', kind: 'image' },
      { namespace: 'base', repository: 'team/node', tag: '22-alpine', kind: 'chart' },
      { namespace: 'other', repository: 'node', tag: '20-alpine', kind: 'image' },
      { namespace: 'base', repository: 'node', tag: '', kind: 'image' },
    ];
    const rules: RuleFilter[][] = [
      [f('name', 'base/**'), f('tag', '{20,22}-alpine')],
      [f('resource', 'chart'), f('name', 'base/team/*')],
      [f('name', 'base/node')],
    ];
    for (const filters of rules) {
      const selection = filtersToConsole(filters);
      expect(selection).toBeDefined();
      const again = consoleToFilters(selection!);
      for (const a of artifacts) expect(filtersMatch(again, a)).toBe(filtersMatch(filters, a));
    }
  });
});

describe('consoleSelectionProblem', () => {
  it('needs exactly one namespace, by its name', () => {
    expect(consoleSelectionProblem(sel({ namespace: '' }))).toBe('rule.namespaceRequired');
    expect(consoleSelectionProblem(sel({ namespace: '*' }))).toBe('rule.namespaceInvalid');
    expect(consoleSelectionProblem(sel({ namespace: 'a/b' }))).toBe('rule.namespaceInvalid');
    expect(consoleSelectionProblem(sel({ namespace: 'Platform' }))).toBe('rule.namespaceInvalid');
    expect(consoleSelectionProblem(sel({ namespace: 'platform', repository: '[' }))).toBeUndefined();
  });
});
