export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/** Short confirmations of what the user just did; they fade on their own. */
class ToastsStore {
  list = $state<Toast[]>([]);
  #next = 1;

  show(text: string, tone: Toast['tone'] = 'info'): void {
    const id = this.#next++;
    this.list = [...this.list, { id, text, tone }];
    setTimeout(() => (this.list = this.list.filter((t) => t.id !== id)), 6000);
  }
}

export const toasts = new ToastsStore();
