import type { DraftView, Result } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { Synced } from './synced.svelte.js';

/**
 * Rule changes that could not be sent (offline, throttled, refused), kept by main until they are
 * sent or discarded, also across restarts; pushed by `drafts:changed`.
 */
class DraftsStore extends Synced<'drafts:list'> {
  constructor() {
    super('drafts:list', 'drafts:changed', []);
  }

  get items(): DraftView[] {
    return this.value;
  }

  /** Drops a draft; the list shows it gone at once (`drafts:changed` follows). */
  async discard(id: string): Promise<Result<null>> {
    const result = await api.invoke('drafts:discard', { id });
    if (result.ok) this.value = this.value.filter((d) => d.id !== id);
    return result;
  }
}

export const drafts = new DraftsStore();
