// The Accounts table's columns: what each shows, sorts by and is found by. How cells look (the
// snippets) is added by the view.
import type { ProfileView } from '../../../src-main/contract/index.js';
import { regionLabel } from '../region-labels.js';
import type { DataColumn } from './data-column.js';
import type { Labels } from './labels.js';

export function endpointText(labels: Labels, profile: ProfileView): string {
  return profile.source === 'sandbox' ? labels.t('sandbox.endpoint') : profile.endpoint;
}

/** The tags beside a profile's name. */
export function profileTags(labels: Labels, profile: ProfileView): string[] {
  if (profile.source === 'tccli') return [labels.t('accounts.fromTccli')];
  if (profile.source === 'sandbox') return [labels.t('sandbox.tag')];
  return [];
}

export interface AccountFacts {
  /** The keychain holds no keys for the profile (its latest instance refresh said so). */
  keysMissing?: (profile: ProfileView) => boolean;
}

export function accountColumns(labels: Labels, facts: AccountFacts = {}): Omit<DataColumn<ProfileView>, 'cell'>[] {
  return [
    {
      id: 'name',
      header: 'accounts.col.name',
      text: (p) => p.name,
      search: (p) => [
        ...profileTags(labels, p),
        ...(p.production ? [labels.t('production.tag'), labels.t('production.badge')] : []),
        ...(facts.keysMissing?.(p) ? [labels.t('accounts.keysMissing')] : []),
      ],
      priority: 1,
      minWidth: 150,
      wrap: true,
    },
    {
      id: 'uin',
      header: 'accounts.col.uin',
      text: (p) => p.uin || labels.t('accounts.uinUnknown'),
      sortValue: (p) => p.uin,
      priority: 2,
      minWidth: 110,
      class: 'mono',
    },
    {
      id: 'region',
      header: 'accounts.col.region',
      text: (p) => regionLabel(p.region, labels.language),
      search: (p) => [p.region],
      priority: 3,
      minWidth: 170,
      wrap: true,
    },
    {
      id: 'endpoint',
      header: 'accounts.col.endpoint',
      text: (p) => endpointText(labels, p),
      priority: 4,
      minWidth: 120,
      maxWidth: 220,
      title: (p) => endpointText(labels, p),
    },
    {
      id: 'secretId',
      header: 'accounts.col.secretId',
      text: (p) => p.secretIdMasked,
      priority: 3,
      minWidth: 100,
      class: 'mono',
    },
    {
      id: 'updated',
      header: 'accounts.col.updated',
      text: (p) => labels.formatDay(p.updatedAt),
      sortValue: (p) => new Date(p.updatedAt),
      title: (p) => labels.formatDate(p.updatedAt),
      priority: 5,
      minWidth: 100,
    },
    {
      id: 'actions',
      header: 'accounts.col.actions',
      headerHidden: true,
      text: () => '',
      sortable: false,
      priority: 1,
      minWidth: 240,
      class: 'row-actions',
    },
  ];
}
