import { i18n } from './i18n/i18n.svelte.js';
import { specKeys, statusKeys } from './table/instance-columns.js';

export { specRank, type InstanceItem } from './table/instance-columns.js';

/** The edition as the console names it; a value the app does not know is shown as the cloud sent it. */
export function specLabel(spec: string): string {
  const key = specKeys[spec];
  return key ? i18n.t(key) : spec;
}

export function statusLabel(status: string): string {
  const key = statusKeys[status];
  return key ? i18n.t(key) : status;
}
