// The shared table's model, with the real Instances and Accounts columns: how a header click sorts,
// what a filter finds (in the user's language), and which columns fit a window.
import { afterEach, describe, expect, it } from 'vitest';
import type { InstanceRow, ProfileView } from '../../../src-main/contract/index.js';
import { regionIds } from '../../../src-main/contract/index.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';
import { regionName } from '../../../src-renderer/lib/region-labels.js';
import { accountColumns } from '../../../src-renderer/lib/table/account-columns.js';
import { fitColumns, nextToFold } from '../../../src-renderer/lib/table/fit.js';
import { instanceColumns, type InstanceItem } from '../../../src-renderer/lib/table/instance-columns.js';
import {
  ariaSort,
  filterWords,
  nextSort,
  TableModel,
  type SortState,
  type TableColumn,
} from '../../../src-renderer/lib/table/model.js';

afterEach(() => {
  i18n.language = 'en';
});

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

function profile(name: string, source: ProfileView['source'] = 'manual'): ProfileView {
  return {
    id: `p-${name}`,
    name,
    uin: '',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID…0000',
    source,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const acme = profile('Acme Platform', 'sandbox');
const team = profile('Team registry');

function instance(
  name: string,
  fields: Partial<InstanceRow> = {},
  owner: ProfileView = acme,
  stale = false,
): InstanceItem {
  const row: InstanceRow = {
    profileId: owner.id,
    registryId: `tcr-${name}`,
    name,
    regionId: 1,
    regionName: 'ap-guangzhou',
    status: 'Running',
    spec: 'standard',
    publicDomain: `${name}.tencentcloudcr.com`,
    createdAt: '2025-06-01T00:00:00.000Z',
    ...fields,
  };
  return {
    key: `${owner.id}/${row.registryId}`,
    row,
    profile: owner,
    state: stale
      ? { profileId: owner.id, state: 'error', fetchedAt: new Date(NOW - 5 * 60_000).toISOString() }
      : { profileId: owner.id, state: 'ok', fetchedAt: new Date(NOW).toISOString() },
    stale,
  };
}

const items: InstanceItem[] = [
  instance('prod-gz', { spec: 'premium', createdAt: '2024-12-31T00:00:00.000Z' }),
  instance('prod-sh', { spec: 'standard', regionName: 'ap-shanghai', createdAt: '2025-02-01T00:00:00.000Z' }),
  instance('dev-gz', { spec: 'basic', createdAt: '2025-01-15T00:00:00.000Z' }),
  instance('team-sg', { spec: 'basic', regionName: 'ap-singapore', status: 'Isolate' }, team, true),
  instance('team-hk', { spec: 'premium', regionName: 'ap-hongkong' }, team, true),
];

function instancesModel(): TableModel<InstanceItem> {
  return new TableModel(
    instanceColumns(i18n, () => NOW),
    (i) => i.key,
    i18n.language,
  );
}

function shown(model: TableModel<InstanceItem>, sort: SortState | undefined, filter = ''): string[] {
  return model.rows({ data: items, locale: i18n.language, sort, filter }).map((i) => i.row.name);
}

describe('sorting', () => {
  it('starts ascending, reverses on a second click of the same header, and says so in aria-sort', () => {
    let sort = nextSort(undefined, 'name');
    expect(sort).toEqual({ columnId: 'name', direction: 'ascending' });
    expect(ariaSort(sort, 'name')).toBe('ascending');
    expect(ariaSort(sort, 'spec')).toBe('none');
    sort = nextSort(sort, 'name');
    expect(sort).toEqual({ columnId: 'name', direction: 'descending' });
    expect(ariaSort(sort, 'name')).toBe('descending');
    sort = nextSort(sort, 'name');
    expect(ariaSort(sort, 'name')).toBe('ascending');
    // Another column starts ascending, whatever the direction was.
    expect(nextSort({ columnId: 'name', direction: 'descending' }, 'spec')).toEqual({
      columnId: 'spec',
      direction: 'ascending',
    });
    expect(ariaSort(undefined, 'name')).toBe('none');
  });

  it('sorts editions by rank (Basic < Standard < Premium), not by their names', () => {
    const model = instancesModel();
    const specs = (direction: SortState['direction']) =>
      model
        .rows({ data: items, locale: 'en', sort: { columnId: 'spec', direction }, filter: '' })
        .map((i) => i.row.spec);
    expect(specs('ascending')).toEqual(['basic', 'basic', 'standard', 'premium', 'premium']);
    expect(specs('descending')).toEqual(['premium', 'premium', 'standard', 'basic', 'basic']);
    // The same in Chinese, where the labels (基础版, 标准版, 高级版) would sort otherwise.
    i18n.language = 'zh-CN';
    expect(
      model
        .rows({ data: items, locale: 'zh-CN', sort: { columnId: 'spec', direction: 'ascending' }, filter: '' })
        .map((i) => i.row.spec),
    ).toEqual(['basic', 'basic', 'standard', 'premium', 'premium']);
  });

  it('sorts dates as dates, not as the text shown ("Dec 31, 2024" before "Jan 15, 2025")', () => {
    const model = instancesModel();
    expect(shown(model, { columnId: 'created', direction: 'ascending' }).slice(0, 3)).toEqual([
      'prod-gz',
      'dev-gz',
      'prod-sh',
    ]);
  });

  it('sorts text by the language, numbers inside it as numbers, and empty values last', () => {
    const rows = ['inst-10', 'inst-2', '', 'Inst-1'].map((name, n) => ({ id: String(n), name }));
    const columns: TableColumn<{ id: string; name: string }>[] = [
      { id: 'name', header: 'instances.col.name', text: (r) => r.name, priority: 1, minWidth: 100 },
    ];
    const model = new TableModel(columns, (r) => r.id);
    const names = (direction: SortState['direction']) =>
      model.rows({ data: rows, locale: 'en', sort: { columnId: 'name', direction }, filter: '' }).map((r) => r.name);
    expect(names('ascending')).toEqual(['Inst-1', 'inst-2', 'inst-10', '']);
    expect(names('descending')).toEqual(['inst-10', 'inst-2', 'Inst-1', '']);
  });
});

describe('filtering', () => {
  it('needs every word of the filter, in any cell and any order, whatever the case', () => {
    const model = instancesModel();
    expect(filterWords('  Premium   ACME ')).toEqual(['premium', 'acme']);
    expect(shown(model, undefined, 'premium')).toEqual(['prod-gz', 'team-hk']);
    expect(shown(model, undefined, 'PREMIUM acme')).toEqual(['prod-gz']);
    expect(shown(model, undefined, 'acme premium')).toEqual(['prod-gz']);
    expect(shown(model, undefined, 'premium acme shanghai')).toEqual([]);
    expect(shown(model, undefined, 'tcr-dev')).toEqual(['dev-gz']);
  });

  it('finds what the row shows beside its values: tags, labels, and the cloud’s own words', () => {
    const model = instancesModel();
    expect(shown(model, undefined, 'sandbox')).toEqual(['prod-gz', 'prod-sh', 'dev-gz']);
    expect(shown(model, undefined, 'last known')).toEqual(['team-sg', 'team-hk']);
    expect(shown(model, undefined, 'isolated')).toEqual(['team-sg']); // the label shown
    expect(shown(model, undefined, 'isolate')).toEqual(['team-sg']); // and the cloud's status
    i18n.language = 'zh-CN';
    expect(shown(model, undefined, '沙箱')).toEqual(['prod-gz', 'prod-sh', 'dev-gz']);
    expect(shown(model, undefined, '旧数据')).toEqual(['team-sg', 'team-hk']);
    expect(shown(model, undefined, '高级版')).toEqual(['prod-gz', 'team-hk']);
  });

  it('finds a region by its name in the current language, and by its code', () => {
    const model = instancesModel();
    expect(shown(model, undefined, 'Shanghai')).toEqual(['prod-sh']);
    expect(shown(model, undefined, 'east china')).toEqual(['prod-sh']);
    expect(shown(model, undefined, 'ap-shanghai')).toEqual(['prod-sh']);
    expect(shown(model, undefined, '上海')).toEqual([]);
    i18n.language = 'zh-CN';
    expect(shown(model, undefined, '上海')).toEqual(['prod-sh']);
    expect(shown(model, undefined, '华南')).toEqual(['prod-gz', 'dev-gz']);
    expect(shown(model, undefined, '香港')).toEqual(['team-hk']);
    expect(shown(model, undefined, 'ap-shanghai')).toEqual(['prod-sh']);
  });

  it('finds profiles by their tags and region names, and by their default region', () => {
    const tccli = { ...profile('default', 'tccli'), region: 'ap-beijing' as const };
    const profiles = [acme, team, tccli];
    const model = new TableModel(accountColumns(i18n), (p) => p.id);
    const names = (filter: string) =>
      model.rows({ data: profiles, locale: i18n.language, sort: undefined, filter }).map((p) => p.name);
    expect(names('from tccli')).toEqual(['default']);
    expect(names('sandbox')).toEqual(['Acme Platform']);
    expect(names('built-in')).toEqual(['Acme Platform']); // its endpoint, as shown
    expect(names('Beijing')).toEqual(['default']);
    expect(names('not set')).toEqual(['Acme Platform', 'Team registry', 'default']);
    i18n.language = 'zh-CN';
    expect(names('北京')).toEqual(['default']);
    expect(names('tccli')).toEqual(['default']);
  });
});

describe('region names', () => {
  it('name every region a profile can default to, in both languages', () => {
    for (const id of regionIds) {
      expect(regionName(id, 'en'), id).toMatch(/\S/);
      expect(regionName(id, 'zh-CN'), id).toMatch(/\S/);
    }
    expect(regionName('ap-shanghai', 'zh-CN')).toBe('华东地区（上海）');
    expect(regionName('ap-guangzhou', 'en')).toBe('South China (Guangzhou)');
    expect(regionName('xx-nowhere', 'en')).toBeUndefined();
  });

  it('are found without their accents ("sao paulo" finds São Paulo)', () => {
    const model = new TableModel(
      instanceColumns(i18n, () => NOW),
      (i) => i.key,
    );
    const saoPaulo = instance('br', { regionName: 'sa-saopaulo' });
    expect(model.rows({ data: [saoPaulo], locale: 'en', sort: undefined, filter: 'sao paulo' })).toHaveLength(1);
  });
});

describe('columns that fit', () => {
  const columns = [
    { id: 'account', priority: 1, minWidth: 150 },
    { id: 'region', priority: 2, minWidth: 150 },
    { id: 'name', priority: 1, minWidth: 110 },
    { id: 'id', priority: 3, minWidth: 100 },
    { id: 'status', priority: 2, minWidth: 70 },
    { id: 'spec', priority: 3, minWidth: 70 },
    { id: 'domain', priority: 5, minWidth: 150 },
    { id: 'created', priority: 4, minWidth: 100 },
  ];
  const fits = (width: number, extraFolds = 0) => [...fitColumns(columns, width, extraFolds)].sort();

  it('shows every column when the window is wide enough', () => {
    expect(fits(1200)).toHaveLength(columns.length);
  });

  it('folds the least important columns first as the window narrows', () => {
    // 774 px: the table's box in a 1024 px window.
    expect(fits(774)).toEqual(['account', 'created', 'id', 'name', 'region', 'spec', 'status']);
    expect(fits(600)).toEqual(['account', 'id', 'name', 'region', 'status']);
    expect(fits(500)).toEqual(['account', 'name', 'region', 'status']);
  });

  it('never folds a priority 1 column (the name, the row actions), however narrow', () => {
    expect(fits(100)).toEqual(['account', 'name']);
  });

  it('does not show a less important column in place of a more important one that did not fit', () => {
    const some = [
      { id: 'name', priority: 1, minWidth: 100 },
      { id: 'wide', priority: 4, minWidth: 300 },
      { id: 'narrow', priority: 5, minWidth: 50 },
    ];
    expect([...fitColumns(some, 200)]).toEqual(['name']);
    expect([...fitColumns(some, 450)]).toEqual(['name', 'wide', 'narrow']);
  });

  it('names the column that folds next, so optional ones fold before any cell wraps', () => {
    expect(nextToFold(columns, fitColumns(columns, 1200))?.id).toBe('domain');
    expect(nextToFold(columns, fitColumns(columns, 774))?.id).toBe('created');
    expect(nextToFold(columns, fitColumns(columns, 100))).toBeUndefined();
  });

  it('folds more, least important first, when the rendered table was wider than promised', () => {
    expect(fits(774, 1)).toEqual(['account', 'id', 'name', 'region', 'spec', 'status']);
    expect(fits(774, 3)).toEqual(['account', 'name', 'region', 'status']);
    expect(fits(774, 99)).toEqual(['account', 'name']);
  });
});
