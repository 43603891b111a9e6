import { i18n, type MessageKey } from './i18n/i18n.svelte.js';

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
