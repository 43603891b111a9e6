import type { ProfileView } from '../../../src-main/contract/index.js';
import { Synced } from './synced.svelte.js';

/** The profile list, kept current by `profiles:changed` events (other windows, imports). */
class ProfilesStore extends Synced<'profiles:list'> {
  constructor() {
    super('profiles:list', 'profiles:changed', []);
  }

  get items(): ProfileView[] {
    return this.value;
  }
}

export const profiles = new ProfilesStore();
