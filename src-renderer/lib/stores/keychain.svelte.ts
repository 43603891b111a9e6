import type { KeychainStatus, KeychainWait } from '../../../src-main/contract/index.js';
import { api } from '../api.js';

class KeychainStore {
  status = $state<KeychainStatus>({ state: 'checking' });
  wait = $state<KeychainWait>({ waiting: false });
  rechecking = $state(false);

  get usable(): boolean {
    return this.status.state === 'ok';
  }

  async load(): Promise<void> {
    const [status, wait] = await Promise.all([
      api.invoke('keychain:status', undefined),
      api.invoke('keychain:wait', undefined),
    ]);
    if (status.ok) this.status = status.value;
    if (wait.ok) this.wait = wait.value;
  }

  listen(): () => void {
    const offStatus = api.on('keychain:status', (s) => (this.status = s));
    const offWait = api.on('keychain:wait', (w) => (this.wait = w));
    return () => {
      offStatus();
      offWait();
    };
  }

  async recheck(): Promise<void> {
    this.rechecking = true;
    try {
      const result = await api.invoke('keychain:recheck', undefined);
      if (result.ok) this.status = result.value;
    } finally {
      this.rechecking = false;
    }
  }

  async cancel(): Promise<void> {
    await api.invoke('keychain:cancel', undefined);
  }
}

export const keychain = new KeychainStore();
