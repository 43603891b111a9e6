import type { ProfileView } from '../../../src-main/contract/index.js';
import { api } from '../api.js';

/** The profile list, kept current by `profiles:changed` events (other windows, imports). */
class ProfilesStore {
  items = $state<ProfileView[]>([]);
  loaded = $state(false);

  async load(): Promise<void> {
    const result = await api.invoke('profiles:list', undefined);
    if (result.ok) this.items = result.value;
    this.loaded = true;
  }

  listen(): () => void {
    return api.on('profiles:changed', (list) => {
      this.items = list;
      this.loaded = true;
    });
  }
}

export const profiles = new ProfilesStore();
