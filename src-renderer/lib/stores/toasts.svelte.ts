export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  /** A button beside the text (e.g. Open a finished run); such a toast stays longer. */
  action?: ToastAction;
}

/** Short confirmations of what the user just did; they fade on their own. */
class ToastsStore {
  list = $state<Toast[]>([]);
  #next = 1;

  show(text: string, tone: Toast['tone'] = 'info', action?: ToastAction): void {
    const id = this.#next++;
    this.list = [...this.list, { id, text, tone, ...(action ? { action } : {}) }];
    setTimeout(() => this.dismiss(id), action ? 15_000 : 6000);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((t) => t.id !== id);
  }
}

export const toasts = new ToastsStore();
