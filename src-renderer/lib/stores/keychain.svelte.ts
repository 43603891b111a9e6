import type { KeychainStatus, KeychainWait } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { listenAll, loadAll, synced, type Syncable } from './synced.svelte.js';

class KeychainStore implements Syncable {
  readonly #status = synced('keychain:status', 'keychain:status', { state: 'checking' });
  readonly #wait = synced('keychain:wait', 'keychain:wait', { waiting: false });
  rechecking = $state(false);

  get status(): KeychainStatus {
    return this.#status.value;
  }

  /** A keychain call that has waited long enough for the user to be told (e.g. a prompt). */
  get wait(): KeychainWait {
    return this.#wait.value;
  }

  get usable(): boolean {
    return this.status.state === 'ok';
  }

  load(): Promise<void> {
    return loadAll([this.#status, this.#wait]);
  }

  listen(): () => void {
    return listenAll([this.#status, this.#wait]);
  }

  async recheck(): Promise<void> {
    this.rechecking = true;
    try {
      const result = await api.invoke('keychain:recheck', undefined);
      if (result.ok) this.#status.set(result.value);
    } finally {
      this.rechecking = false;
    }
  }

  async cancel(): Promise<void> {
    await api.invoke('keychain:cancel', undefined);
  }
}

export const keychain = new KeychainStore();
