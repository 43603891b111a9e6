// The Rules table's columns in the shared model: what a rule says it syncs (the console's terms, or
// its raw filters), its target as known, and how the rows sort and filter in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileView, RuleRow, RuleTokenView } from '../../../src-main/contract/index.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';
import { hashFor, routeFromHash } from '../../../src-renderer/lib/route.js';
import { TableModel, type SortState } from '../../../src-renderer/lib/table/model.js';
import {
  ruleColumns,
  syncsText,
  targetText,
  targetTitle,
  type RuleItem,
} from '../../../src-renderer/lib/table/rule-columns.js';

afterEach(() => {
  i18n.language = 'en';
});

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

function profile(name: string, uin: string): ProfileView {
  return {
    id: `p-${name}`,
    name,
    uin,
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID…0000',
    source: 'sandbox',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const acme = profile('Acme', '100012345678');
const globex = profile('Globex', '200087654321');
const profiles = new Map([acme, globex].map((p) => [p.id, p]));

function rule(name: string, fields: Partial<RuleRow> = {}, owner: ProfileView = acme): RuleItem {
  const row: RuleRow = {
    profileId: owner.id,
    source: { registryId: 'tcr-gz', name: 'acme-prod-gz', regionId: 1, regionName: 'ap-guangzhou' },
    policyId: 1,
    name,
    description: '',
    filters: [],
    override: false,
    enabled: true,
    target: {
      raw: 'tcr-sh',
      registryId: 'tcr-sh',
      name: 'acme-prod-sh',
      regionName: 'ap-shanghai',
      profileId: acme.id,
    },
    sourceResource: 'tcr-gz',
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    ...fields,
  };
  return {
    key: `${row.profileId}/${name}`,
    row,
    profile: profiles.get(row.profileId),
    state: { profileId: row.profileId, state: 'ok', fetchedAt: '2026-03-01T11:59:00.000Z' },
    stale: false,
    targetProfile: row.target.profileId === undefined ? undefined : profiles.get(row.target.profileId),
  };
}

const rows: RuleItem[] = [
  rule('platform-to-shanghai', {
    policyId: 1,
    filters: [
      { type: 'name', value: 'platform/**' },
      { type: 'tag', value: '' },
      { type: 'resource', value: 'image' },
    ],
    console: { namespace: 'platform', repository: '', tag: '', resource: 'image' },
    createdAt: '2026-02-03T00:00:00.000Z',
  }),
  rule('charts-to-beijing-dr', {
    policyId: 2,
    enabled: false,
    filters: [
      { type: 'name', value: 'charts/**' },
      { type: 'resource', value: 'chart' },
    ],
    console: { namespace: 'charts', repository: '', tag: '', resource: 'chart' },
    target: { raw: 'tcr-bj', registryId: 'tcr-bj', name: 'acme-dr-bj', regionName: 'ap-beijing', profileId: acme.id },
    createdAt: '2026-02-01T00:00:00.000Z',
  }),
  rule('release-to-globex', {
    policyId: 3,
    filters: [
      { type: 'name', value: 'platform/api-gateway' },
      { type: 'tag', value: 'v*' },
      { type: 'resource', value: 'image' },
    ],
    console: { namespace: 'platform', repository: 'api-gateway', tag: 'v*', resource: 'image' },
    target: {
      raw: 'tcr-sg',
      registryId: 'tcr-sg',
      name: 'globex-main-sg',
      regionName: 'ap-singapore',
      profileId: globex.id,
    },
    createdAt: '2026-02-02T00:00:00.000Z',
  }),
  rule(
    'ingest-anywhere',
    {
      policyId: 5,
      source: { registryId: 'tcr-sg', name: 'globex-main-sg', regionId: 9, regionName: 'ap-singapore' },
      filters: [{ type: 'name', value: '**/ingest-*' }],
      target: { raw: 'tcr-unknown' },
      enabled: false,
      createdAt: '2026-01-15T00:00:00.000Z',
    },
    globex,
  ),
];

function model() {
  return new TableModel(
    ruleColumns(i18n, () => NOW),
    (r) => r.key,
  );
}

function shown(sort: SortState | undefined, filter = ''): string[] {
  return model()
    .rows({ data: rows, locale: i18n.language, sort, filter })
    .map((r) => r.row.name);
}

describe('what a rule syncs, in the console’s terms', () => {
  it('names namespace, repository, tag and type, with “all” for an empty field', () => {
    expect(syncsText(i18n, rows[0]!.row)).toBe('platform / all repositories · all tags · images');
    expect(syncsText(i18n, rows[1]!.row)).toBe('charts / all repositories · all tags · Helm charts');
    expect(syncsText(i18n, rows[2]!.row)).toBe('platform / api-gateway · tag v* · images');
    i18n.language = 'zh-CN';
    expect(syncsText(i18n, rows[0]!.row)).toBe('platform / 全部仓库 · 全部版本 · 镜像');
    expect(syncsText(i18n, rows[1]!.row)).toBe('charts / 全部仓库 · 全部版本 · Helm Chart');
  });

  it('shows the raw filters when they do not fit the console’s form', () => {
    expect(syncsText(i18n, rows[3]!.row)).toBe('name: **/ingest-*');
  });

  it('says whose the target is: the same account, another profile, or nothing known', () => {
    expect(targetText(i18n, rows[0]!)).toBe('same account · acme-prod-sh');
    expect(targetText(i18n, rows[2]!)).toBe('Globex · 200087654321 · globex-main-sg');
    expect(targetText(i18n, rows[3]!)).toBe('tcr-unknown');
    expect(targetTitle(i18n, rows[2]!)).toBe('Globex · 200087654321 · Southeast Asia (Singapore) · globex-main-sg');
    i18n.language = 'zh-CN';
    expect(targetText(i18n, rows[0]!)).toBe('同一主账号 · acme-prod-sh');
    expect(targetTitle(i18n, rows[0]!)).toBe('同一主账号 · 华东地区（上海） · acme-prod-sh');
  });
});

describe('the token column', () => {
  const token = (rules: string[], state: RuleTokenView['state']): RuleTokenView => ({
    profileId: acme.id,
    registryId: 'tcr-8kq3m2zd',
    targetRegistryId: 'tcr-4pw6j9ks',
    rules,
    kept: true,
    state,
  });
  const tokens = [token(['release-to-globex'], 'disabled'), token(['platform-to-shanghai'], 'ok')];
  const withTokens = () =>
    new TableModel(
      ruleColumns(
        i18n,
        () => NOW,
        (i) => tokens.find((t) => t.rules.includes(i.row.name)),
      ),
      (r) => r.key,
    );

  it('says the state in words, sorts broken tokens first and rules without one last, and filters on it', () => {
    const up = withTokens()
      .rows({ data: rows, locale: 'en', sort: { columnId: 'token', direction: 'ascending' }, filter: '' })
      .map((r) => r.row.name);
    expect(up.slice(0, 2)).toEqual(['release-to-globex', 'platform-to-shanghai']);
    const found = withTokens()
      .rows({ data: rows, locale: 'en', sort: undefined, filter: 'disabled' })
      .map((r) => r.row.name);
    expect(found).toContain('release-to-globex');
    i18n.language = 'zh-CN';
    const zh = withTokens()
      .rows({ data: rows, locale: 'zh-CN', sort: undefined, filter: '已禁用' })
      .map((r) => r.row.name);
    expect(zh).toEqual(['release-to-globex']);
  });
});

describe('sorting rules', () => {
  it('puts enabled rules before disabled ones, and back', () => {
    const up = shown({ columnId: 'enabled', direction: 'ascending' });
    expect(up.slice(0, 2).sort()).toEqual(['platform-to-shanghai', 'release-to-globex']);
    expect(up.slice(2).sort()).toEqual(['charts-to-beijing-dr', 'ingest-anywhere']);
    const down = shown({ columnId: 'enabled', direction: 'descending' });
    expect(down.slice(0, 2).sort()).toEqual(['charts-to-beijing-dr', 'ingest-anywhere']);
  });

  it('sorts by creation date as dates, not as text', () => {
    expect(shown({ columnId: 'created', direction: 'ascending' })).toEqual([
      'ingest-anywhere',
      'charts-to-beijing-dr',
      'release-to-globex',
      'platform-to-shanghai',
    ]);
    i18n.language = 'zh-CN';
    expect(shown({ columnId: 'created', direction: 'descending' })[0]).toBe('platform-to-shanghai');
  });
});

describe('filtering rules', () => {
  it('finds rules by the console’s terms and by their raw filters', () => {
    expect(shown(undefined, 'api-gateway')).toEqual(['release-to-globex']);
    expect(shown(undefined, 'charts')).toEqual(['charts-to-beijing-dr']);
    expect(shown(undefined, 'helm')).toEqual(['charts-to-beijing-dr']);
    expect(shown(undefined, 'all tags')).toEqual(['platform-to-shanghai', 'charts-to-beijing-dr']);
    expect(shown(undefined, 'custom filters')).toEqual(['ingest-anywhere']);
    expect(shown(undefined, 'name: platform/**')).toEqual(['platform-to-shanghai']);
    i18n.language = 'zh-CN';
    expect(shown(undefined, '全部仓库 镜像')).toEqual(['platform-to-shanghai']);
    expect(shown(undefined, '自定义')).toEqual(['ingest-anywhere']);
  });

  it('finds rules by region names in both languages and by region code', () => {
    expect(shown(undefined, 'Guangzhou')).toEqual([
      'platform-to-shanghai',
      'charts-to-beijing-dr',
      'release-to-globex',
    ]);
    expect(shown(undefined, '广州')).toEqual(['platform-to-shanghai', 'charts-to-beijing-dr', 'release-to-globex']);
    expect(shown(undefined, 'singapore')).toEqual(['release-to-globex', 'ingest-anywhere']);
    expect(shown(undefined, '北京')).toEqual(['charts-to-beijing-dr']);
    expect(shown(undefined, 'ap-beijing')).toEqual(['charts-to-beijing-dr']);
  });

  it('finds rules by state, account and target account', () => {
    expect(shown(undefined, 'disabled')).toEqual(['charts-to-beijing-dr', 'ingest-anywhere']);
    expect(shown(undefined, 'globex')).toEqual(['release-to-globex', 'ingest-anywhere']);
    expect(shown(undefined, '200087654321')).toEqual(['release-to-globex']);
    expect(shown(undefined, 'same account')).toEqual(['platform-to-shanghai', 'charts-to-beijing-dr']);
    i18n.language = 'zh-CN';
    expect(shown(undefined, '已关闭')).toEqual(['charts-to-beijing-dr', 'ingest-anywhere']);
  });
});

describe('the Rules route', () => {
  it('keeps the instance the Rules screen is narrowed to, beside the token', () => {
    expect(routeFromHash('#/rules')).toEqual({ view: 'rules' });
    expect(routeFromHash('#/rules&instance=tcr-8kq3m2zd&token=abc')).toEqual({
      view: 'rules',
      instance: 'tcr-8kq3m2zd',
    });
    expect(routeFromHash(hashFor({ view: 'rules', instance: 'tcr-1' }))).toEqual({ view: 'rules', instance: 'tcr-1' });
    expect(routeFromHash('#/instances&instance=tcr-1')).toEqual({ view: 'instances' });
  });
});
