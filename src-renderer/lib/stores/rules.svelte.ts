import type { RulesView } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { errorText } from '../errors.js';
import { Synced } from './synced.svelte.js';

/** Data younger than this is not refetched just because the view was opened. */
const FRESH_FOR_MS = 60_000;

/** Sync rules of all profiles, pushed by `rules:changed` while a refresh progresses. */
class RulesStore extends Synced<'rules:list'> {
  error = $state<string | undefined>();
  /** Refreshed once per session when the view is first opened; later only on request. */
  #refreshedThisSession = false;

  constructor() {
    super('rules:list', 'rules:changed', { rows: [], profiles: [], refreshing: false });
  }

  get view(): RulesView {
    return this.value;
  }
  set view(view: RulesView) {
    this.value = view;
  }

  async refresh(profileIds?: string[]): Promise<void> {
    this.#refreshedThisSession = true;
    this.error = undefined;
    const result = await api.invoke('rules:refresh', profileIds ? { profileIds } : {});
    if (result.ok) this.set(result.value);
    else this.error = errorText(result.error);
  }

  /**
   * The first visit of a session refreshes what is not fresh: data from a previous session, or
   * none yet. What is loading or was fetched a moment ago is left be.
   */
  refreshOnFirstVisit(now = Date.now()): void {
    if (this.#refreshedThisSession || this.view.profiles.length === 0) return;
    const stale = this.view.profiles
      .filter((p) => p.state !== 'loading')
      .filter((p) => !p.fetchedAt || now - Date.parse(p.fetchedAt) > FRESH_FOR_MS)
      .map((p) => p.profileId);
    this.#refreshedThisSession = true;
    if (stale.length > 0) void this.refresh(stale);
  }

  async cancel(): Promise<void> {
    await api.invoke('rules:cancel', undefined);
  }
}

export const rules = new RulesStore();
