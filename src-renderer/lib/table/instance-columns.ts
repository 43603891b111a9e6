// The Instances table's columns: what each shows, sorts by and is found by. How cells look (the
// snippets) is added by the view.
import type { InstanceRow, ProfileFetchState, ProfileView } from '../../../src-main/contract/index.js';
import type { MessageKey } from '../i18n/en.js';
import { regionLabel } from '../region-labels.js';
import type { DataColumn } from './data-column.js';
import type { Labels } from './labels.js';

/** A row of the Instances table: the instance, its account, and how fresh its data is. */
export interface InstanceItem {
  key: string;
  row: InstanceRow;
  profile: ProfileView | undefined;
  state: ProfileFetchState | undefined;
  /** The account's latest refresh failed: this is its last known data. */
  stale: boolean;
}

export const specKeys: Readonly<Record<string, MessageKey>> = {
  basic: 'spec.basic',
  standard: 'spec.standard',
  premium: 'spec.premium',
};
export const statusKeys: Readonly<Record<string, MessageKey>> = {
  Pending: 'status.pending',
  Deploying: 'status.deploying',
  Running: 'status.running',
  Unhealthy: 'status.unhealthy',
  Isolate: 'status.isolate',
};
const specRanks: Readonly<Record<string, number>> = { basic: 1, standard: 2, premium: 3 };

/** Editions in their order (Basic < Standard < Premium); undefined for one the app does not know. */
export function specRank(spec: string): number | undefined {
  return specRanks[spec];
}

/** A label the app knows, or the value as the cloud sent it. */
function label(labels: Labels, keys: Readonly<Record<string, MessageKey>>, value: string): string {
  const key = keys[value];
  return key ? labels.t(key) : value;
}

/** "last known, 5 minutes ago" on the rows of an account whose latest refresh failed. */
export function staleTag(labels: Labels, item: InstanceItem, now: number): string | undefined {
  const fetchedAt = item.state?.fetchedAt;
  return item.stale && fetchedAt
    ? labels.t('instances.staleTag', { age: labels.formatAge(fetchedAt, now) })
    : undefined;
}

export function instanceColumns(labels: Labels, now: () => number): Omit<DataColumn<InstanceItem>, 'cell'>[] {
  return [
    {
      id: 'account',
      header: 'instances.col.account',
      text: (i) => i.profile?.name ?? '',
      search: (i) => {
        const tags: string[] = [];
        if (i.profile?.source === 'sandbox') tags.push(labels.t('sandbox.tag'));
        if (i.profile?.production) tags.push(labels.t('production.tag'), labels.t('production.badge'));
        const stale = staleTag(labels, i, now());
        if (stale) tags.push(stale);
        return tags;
      },
      priority: 1,
      minWidth: 150,
      wrap: true,
    },
    {
      id: 'region',
      header: 'instances.col.region',
      text: (i) => regionLabel(i.row.regionName, labels.language),
      search: (i) => [i.row.regionName],
      priority: 2,
      minWidth: 150,
      wrap: true,
    },
    { id: 'name', header: 'instances.col.name', text: (i) => i.row.name, priority: 1, minWidth: 110, class: 'name' },
    {
      id: 'registryId',
      header: 'instances.col.id',
      text: (i) => i.row.registryId,
      priority: 3,
      minWidth: 100,
      class: 'mono',
    },
    {
      id: 'status',
      header: 'instances.col.status',
      text: (i) => label(labels, statusKeys, i.row.status),
      search: (i) => [i.row.status],
      priority: 2,
      minWidth: 70,
    },
    {
      id: 'spec',
      header: 'instances.col.spec',
      text: (i) => label(labels, specKeys, i.row.spec),
      search: (i) => [i.row.spec],
      sortValue: (i) => specRank(i.row.spec) ?? i.row.spec,
      priority: 3,
      minWidth: 70,
    },
    {
      id: 'domain',
      header: 'instances.col.domain',
      text: (i) => i.row.publicDomain,
      priority: 5,
      minWidth: 150,
      maxWidth: 200,
      class: 'mono',
      title: (i) => i.row.publicDomain,
    },
    {
      id: 'created',
      header: 'instances.col.created',
      text: (i) => labels.formatDay(i.row.createdAt),
      sortValue: (i) => new Date(i.row.createdAt),
      title: (i) => labels.formatDate(i.row.createdAt),
      priority: 4,
      minWidth: 100,
    },
  ];
}
