import type { StoreAlert } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { Synced } from './synced.svelte.js';

/** Alerts from main about stored data (a corrupt file kept aside), shown until dismissed. */
class AlertsStore extends Synced<'app:alerts'> {
  constructor() {
    super('app:alerts', 'app:alerts', []);
  }

  get list(): StoreAlert[] {
    return this.value;
  }

  async dismiss(keptAs: string): Promise<void> {
    await api.invoke('app:dismissAlert', { keptAs });
  }
}

export const alerts = new AlertsStore();
