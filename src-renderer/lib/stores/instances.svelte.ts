import type { InstancesView } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { errorText } from '../errors.js';

/** Instances of all profiles, pushed by `instances:changed` while a refresh progresses. */
class InstancesStore {
  view = $state<InstancesView>({ rows: [], profiles: [], refreshing: false });
  loaded = $state(false);
  error = $state<string | undefined>();
  /** Refreshed once per session when the view is first opened; later only on request. */
  #refreshedThisSession = false;

  async load(): Promise<void> {
    const result = await api.invoke('instances:view', undefined);
    if (result.ok) this.view = result.value;
    this.loaded = true;
  }

  listen(): () => void {
    return api.on('instances:changed', (view) => {
      this.view = view;
      this.loaded = true;
    });
  }

  async refresh(): Promise<void> {
    this.#refreshedThisSession = true;
    this.error = undefined;
    const result = await api.invoke('instances:refresh', {});
    if (result.ok) this.view = result.value;
    else this.error = errorText(result.error);
  }

  refreshOnFirstVisit(): void {
    if (!this.#refreshedThisSession && this.view.profiles.length > 0) void this.refresh();
  }

  async cancel(): Promise<void> {
    await api.invoke('instances:cancel', undefined);
  }
}

export const instances = new InstancesStore();
