import type { StoreAlert } from '../../../src-main/contract/index.js';
import { api } from '../api.js';

/** Alerts from main about stored data (a corrupt file kept aside), shown until dismissed. */
class AlertsStore {
  list = $state<StoreAlert[]>([]);

  async load(): Promise<void> {
    const result = await api.invoke('app:alerts', undefined);
    if (result.ok) this.list = result.value;
  }

  listen(): () => void {
    return api.on('app:alerts', (list) => (this.list = list));
  }

  async dismiss(keptAs: string): Promise<void> {
    await api.invoke('app:dismissAlert', { keptAs });
  }
}

export const alerts = new AlertsStore();
