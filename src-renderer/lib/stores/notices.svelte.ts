import type { StoreNotice } from '../../../src-main/contract/index.js';
import { api } from '../api.js';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/** Stored-data notices from main, and short confirmations of what the user just did. */
class NoticesStore {
  store = $state<StoreNotice[]>([]);
  toasts = $state<Toast[]>([]);
  #next = 1;

  async load(): Promise<void> {
    const result = await api.invoke('app:notices', undefined);
    if (result.ok) this.store = result.value;
  }

  listen(): () => void {
    return api.on('app:notices', (list) => (this.store = list));
  }

  async dismiss(keptAs: string): Promise<void> {
    await api.invoke('app:dismissNotice', { keptAs });
  }

  toast(text: string, tone: Toast['tone'] = 'info'): void {
    const id = this.#next++;
    this.toasts = [...this.toasts, { id, text, tone }];
    setTimeout(() => (this.toasts = this.toasts.filter((t) => t.id !== id)), 6000);
  }
}

export const notices = new NoticesStore();
