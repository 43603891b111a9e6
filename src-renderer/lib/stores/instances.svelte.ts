import type { InstancesView } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { errorText } from '../errors.js';
import { Synced } from './synced.svelte.js';

/** Data younger than this is not refetched just because the view was opened. */
const FRESH_FOR_MS = 60_000;

/** Instances of all profiles, pushed by `instances:changed` while a refresh progresses. */
class InstancesStore extends Synced<'instances:view'> {
  error = $state<string | undefined>();
  /** Refreshed once per session when the view is first opened; later only on request. */
  #refreshedThisSession = false;

  constructor() {
    super('instances:view', 'instances:changed', { rows: [], profiles: [], refreshing: false });
  }

  get view(): InstancesView {
    return this.value;
  }
  set view(view: InstancesView) {
    this.value = view;
  }

  async refresh(profileIds?: string[]): Promise<void> {
    this.#refreshedThisSession = true;
    this.error = undefined;
    const result = await api.invoke('instances:refresh', profileIds ? { profileIds } : {});
    if (result.ok) this.set(result.value);
    else this.error = errorText(result.error);
  }

  /**
   * The first visit of a session refreshes what is not fresh: data from a previous session, or
   * none yet. What is loading or was fetched a moment ago (e.g. a profile just added) is left be.
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
    await api.invoke('instances:cancel', undefined);
  }
}

export const instances = new InstancesStore();
