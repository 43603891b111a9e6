import type { NotificationsView, RunNotice, SyncRun } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { ruleKeyOf } from '../run-format.js';
import { settings } from './settings.svelte.js';
import { Synced } from './synced.svelte.js';

const empty: NotificationsView = { entries: [], unread: 0, tray: 'idle', running: 0 };

/** The notification centre's model, as main keeps it (history of finished runs, unread count). */
class NotificationsStore extends Synced<'notifications:list'> {
  constructor() {
    super('notifications:list', 'notifications:changed', empty);
  }

  get entries(): RunNotice[] {
    return this.value.entries;
  }

  get unread(): number {
    return this.value.unread;
  }

  /** Marks these entries read, or every one when `ids` is absent. */
  async markRead(ids?: string[]) {
    const result = await api.invoke('notifications:markRead', ids ? { ids } : {});
    if (result.ok) this.set(result.value);
    return result;
  }

  async clear() {
    const result = await api.invoke('notifications:clear', undefined);
    if (result.ok) this.set(result.value);
    return result;
  }

  isMuted(run: Pick<SyncRun, 'profileId' | 'source' | 'ruleId'>): boolean {
    return settings.value.mutedRules.includes(ruleKeyOf(run));
  }

  /** Mutes or unmutes the run's rule; main answers the settings' new list. */
  async mute(rule: { profileId: string; registryId: string; ruleId: number }, muted: boolean) {
    const result = await api.invoke('notifications:mute', { ...rule, muted });
    if (result.ok) settings.set({ ...settings.value, mutedRules: result.value });
    return result;
  }
}

export const notifications = new NotificationsStore();
