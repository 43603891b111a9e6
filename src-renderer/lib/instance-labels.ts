import type { InstanceRow, ProfileFetchState, ProfileView } from '../../src-main/contract/index.js';
import { i18n, type MessageKey } from './i18n/i18n.svelte.js';

/** A row of the Instances table: the instance, its account, and how fresh its data is. */
export interface InstanceItem {
  key: string;
  row: InstanceRow;
  profile: ProfileView | undefined;
  state: ProfileFetchState | undefined;
  /** The account's latest refresh failed: this is its last known data. */
  stale: boolean;
}

const specs: Record<string, MessageKey> = {
  basic: 'spec.basic',
  standard: 'spec.standard',
  premium: 'spec.premium',
};
const statuses: Record<string, MessageKey> = {
  Pending: 'status.pending',
  Deploying: 'status.deploying',
  Running: 'status.running',
  Unhealthy: 'status.unhealthy',
  Isolate: 'status.isolate',
};

/** The edition as the console names it; a value the app does not know is shown as the cloud sent it. */
export function specLabel(spec: string): string {
  const key = specs[spec];
  return key ? i18n.t(key) : spec;
}

export function statusLabel(status: string): string {
  const key = statuses[status];
  return key ? i18n.t(key) : status;
}

const specRanks: Record<string, number> = { basic: 1, standard: 2, premium: 3 };

/** Editions in their order (Basic < Standard < Premium), for sorting; undefined for one the app does not know. */
export function specRank(spec: string): number | undefined {
  return specRanks[spec];
}
