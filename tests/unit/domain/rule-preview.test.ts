// What a rule would sync now: each selected tag's state against the target and its outcome, the
// deletions of sync deletions, the destination namespace, and matching that stays interactive.
import { describe, expect, it } from 'vitest';
import {
  immutableCovers,
  literalNamespace,
  previewRule,
  type ImmutableTagRule,
  type PreviewInput,
  type PreviewSourceRepository,
} from '../../../src-main/domain/rule-preview.js';
import { consoleToFilters } from '../../../src-main/domain/rule-filters.js';

const repo = (namespace: string, repository: string, tags: [string, string, string?][]): PreviewSourceRepository => ({
  namespace,
  repository,
  artifacts: tags.map(([tag, digest, kind]) => ({ tag, digest, kind: kind ?? 'image' })),
});

const immutable = (over: Partial<ImmutableTagRule> = {}): ImmutableTagRule => ({
  namespace: 'platform',
  repositoryPattern: '**',
  repositoryDecoration: 'repoMatches',
  tagPattern: 'v*',
  tagDecoration: 'matches',
  disabled: false,
  ...over,
});

const source = [
  repo('platform', 'api', [
    ['v1', 'sha256:a1'],
    ['v2', 'sha256:a2'],
    ['v3', 'sha256:a3'],
    ['latest', 'sha256:a3'],
  ]),
  repo('platform', 'web', [['v1', 'sha256:w1']]),
  repo('charts', 'stack', [['0.1.0', 'sha256:c1', 'chart']]),
];
const target = [
  repo('platform', 'api', [
    ['v1', 'sha256:a1'], // same
    ['v2', 'sha256:OLD'], // different
    ['v0', 'sha256:gone'], // deleted on the source
  ]),
];

const base: PreviewInput = {
  filters: [{ type: 'name', value: 'platform/**' }],
  source,
  destNamespace: '',
  override: false,
  deletion: false,
  target: { repositories: target, immutableRules: [] },
};

function tagsOf(input: PreviewInput, repository = 'api'): Record<string, string> {
  const found = previewRule(input).repositories.find((r) => r.repository === repository);
  return Object.fromEntries((found?.tags ?? []).map((t) => [t.tag, `${t.state}/${t.outcome}`]));
}

describe('previewRule', () => {
  it('marks each tag new, same or different; override off keeps a different one', () => {
    expect(tagsOf(base)).toEqual({
      latest: 'new/copy',
      v1: 'same/unchanged',
      v2: 'different/keep',
      v3: 'new/copy',
    });
  });

  it('override on overwrites a different tag', () => {
    expect(tagsOf({ ...base, override: true }).v2).toBe('different/overwrite');
  });

  it('an enabled immutable-tag rule of the target makes an overwrite fail', () => {
    const input = { ...base, override: true, target: { repositories: target, immutableRules: [immutable()] } };
    const out = tagsOf(input);
    expect(out.v2).toBe('different/fail-immutable');
    // A new tag is no overwrite: the rule does not stop it.
    expect(out.v3).toBe('new/copy');
    expect(previewRule(input).counts.failImmutable).toBe(1);
  });

  it('a disabled immutable rule, another namespace, or an excluded tag does not', () => {
    for (const rule of [
      immutable({ disabled: true }),
      immutable({ namespace: 'other' }),
      immutable({ tagDecoration: 'excludes' }),
      immutable({ repositoryPattern: 'api', repositoryDecoration: 'repoExcludes' }),
    ]) {
      const input = { ...base, override: true, target: { repositories: target, immutableRules: [rule] } };
      expect(tagsOf(input).v2).toBe('different/overwrite');
    }
  });

  it('override off keeps a different tag even when it is immutable (the run skips it before pushing)', () => {
    const input = { ...base, target: { repositories: target, immutableRules: [immutable()] } };
    expect(tagsOf(input).v2).toBe('different/keep');
  });

  it('without a readable target every selected tag is copied, state unknown', () => {
    const { target: _unused, ...noTarget } = base;
    expect(tagsOf(noTarget)).toEqual({
      latest: 'unknown/copy',
      v1: 'unknown/copy',
      v2: 'unknown/copy',
      v3: 'unknown/copy',
    });
    expect(previewRule(noTarget).counts).toMatchObject({ tags: 5, copy: 5, new: 0, same: 0, deletions: 0 });
  });

  it('sync deletions lists target tags gone from the source, only those the filters cover', () => {
    const out = previewRule({ ...base, deletion: true }).repositories.find((r) => r.repository === 'api');
    expect(out?.deletions).toEqual([{ tag: 'v0', kind: 'image', digest: 'sha256:gone', immutable: false }]);
    const tagged = previewRule({
      ...base,
      deletion: true,
      filters: [...base.filters, { type: 'tag', value: 'v[1-9]' }],
    });
    expect(tagged.counts.deletions).toBe(0);
    expect(previewRule({ ...base, deletion: false }).counts.deletions).toBe(0);
  });

  it('a deletion an immutable rule covers is marked', () => {
    const input = { ...base, deletion: true, target: { repositories: target, immutableRules: [immutable()] } };
    expect(previewRule(input).repositories[0]?.deletions[0]?.immutable).toBe(true);
  });

  it("dest namespace '' compares with the same namespace name, a named one with that namespace", () => {
    const mirror = [repo('mirror', 'api', [['v1', 'sha256:a1']])];
    const same = previewRule({ ...base, target: { repositories: mirror, immutableRules: [] } });
    expect(same.repositories[0]?.targetNamespace).toBe('platform');
    expect(same.repositories[0]?.tags.find((t) => t.tag === 'v1')?.state).toBe('new');
    const named = previewRule({
      ...base,
      destNamespace: 'mirror',
      target: { repositories: mirror, immutableRules: [] },
    });
    expect(named.repositories[0]?.targetNamespace).toBe('mirror');
    expect(named.repositories[0]?.tags.find((t) => t.tag === 'v1')?.state).toBe('same');
  });

  it('the resource filter selects images or charts; the console fields give the same selection', () => {
    const charts = previewRule({ ...base, filters: [{ type: 'resource', value: 'chart' }] });
    expect(charts.repositories.map((r) => `${r.namespace}/${r.repository}`)).toEqual(['charts/stack']);
    const images = previewRule({
      ...base,
      filters: consoleToFilters({ namespace: 'platform', repository: '', tag: 'v*', resource: 'image' }),
    });
    expect(images.repositories.map((r) => r.repository)).toEqual(['api', 'web']);
    expect(images.counts).toMatchObject({ repositories: 2, tags: 4 });
  });

  it('a malformed pattern selects nothing', () => {
    expect(previewRule({ ...base, filters: [{ type: 'name', value: 'platform/[' }] }).repositories).toEqual([]);
  });

  it('counts add up per repository and in total; repositories and tags sorted by name', () => {
    const out = previewRule({ ...base, override: true, deletion: true });
    expect(out.repositories.map((r) => r.repository)).toEqual(['api', 'web']);
    expect(out.repositories[0]?.tags.map((t) => t.tag)).toEqual(['latest', 'v1', 'v2', 'v3']);
    expect(out.counts).toEqual({
      repositories: 2,
      tags: 5,
      new: 3,
      same: 1,
      different: 1,
      copy: 3,
      unchanged: 1,
      keep: 0,
      overwrite: 1,
      failImmutable: 0,
      deletions: 1,
    });
  });

  // How fast is `npm run bench -- preview`'s to say; this holds what a large instance gives.
  it('counts every tag of 10,000 repositories × 20 tags, and only the selected ones', () => {
    const big: PreviewSourceRepository[] = [];
    for (let r = 0; r < 10_000; r += 1) {
      big.push(
        repo(
          `ns${String(r % 10)}`,
          `team/app-${String(r)}`,
          Array.from({ length: 20 }, (_, t): [string, string] => [
            `v1.${String(t)}`,
            `sha256:${String(r)}-${String(t)}`,
          ]),
        ),
      );
    }
    const input: PreviewInput = {
      filters: consoleToFilters({ namespace: 'ns1', repository: 'team/**', tag: 'v1.*', resource: 'image' }),
      source: big,
      destNamespace: '',
      override: true,
      deletion: true,
      target: { repositories: big.slice(0, 5000), immutableRules: [immutable({ namespace: 'ns1' })] },
    };
    expect(previewRule({ ...input, filters: [{ type: 'tag', value: 'v1.*' }] }).counts.tags).toBe(200_000);
    const selected = previewRule(input);
    expect(selected.counts.tags).toBe(20_000);
    expect(selected.repositories).toHaveLength(1000);
  });
});

describe('immutableCovers', () => {
  it('matches the repository below the namespace with doublestar, and the tag', () => {
    const rules = [immutable({ repositoryPattern: 'team/**', tagPattern: '{v*,release-*}' })];
    expect(immutableCovers(rules, 'platform', 'team/app', 'release-1')).toBe(true);
    expect(immutableCovers(rules, 'platform', 'app', 'v1')).toBe(false);
    expect(immutableCovers(rules, 'platform', 'team/app', 'latest')).toBe(false);
  });
});

describe('literalNamespace', () => {
  it('names the one namespace a name filter can take, and none when it could take several', () => {
    const name = (value: string) => [{ type: 'name', value }];
    expect(literalNamespace(name('platform/**'))).toBe('platform');
    expect(literalNamespace(name('platform/team/app-*'))).toBe('platform');
    expect(literalNamespace(consoleToFilters({ namespace: 'a-b', repository: '', tag: '', resource: '' }))).toBe('a-b');
    for (const value of ['**', 'plat*/**', '{a,b}/x', 'regex:^platform/', 'platform', '[p]latform/x', '']) {
      expect(literalNamespace(name(value))).toBeUndefined();
    }
    expect(literalNamespace([{ type: 'tag', value: 'v*' }])).toBeUndefined();
  });
});
