import type { Result, RuleChangeRequest, RuleRow, RulesView } from '../../../src-main/contract/index.js';
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

  /** The API request a change of `row` would send, and the rule before and after it. */
  request(row: RuleRow, kind: 'setEnabled' | 'delete', enabled?: boolean): Promise<Result<RuleChangeRequest>> {
    return api.invoke('rules:request', { ...ruleKey(row), kind, ...(enabled === undefined ? {} : { enabled }) });
  }

  /**
   * Enables or disables a rule; its row shows the cloud's answer at once (`rules:changed` follows).
   * `confirmName`: the name typed for a rule of a production account (the production guard).
   */
  async setEnabled(row: RuleRow, enabled: boolean, confirmName?: string): Promise<Result<RuleRow>> {
    const input = { ...ruleKey(row), enabled, ...(confirmName === undefined ? {} : { confirmName }) };
    const result = await api.invoke('rules:setEnabled', input);
    if (result.ok) {
      const changed = result.value;
      this.set({ ...this.view, rows: this.view.rows.map((r) => (sameRule(r, changed) ? changed : r)) });
    }
    return result;
  }

  /** Deletes a rule once its name was typed (`confirmName`); its row goes at once. */
  async remove(row: RuleRow, confirmName: string): Promise<Result<null>> {
    const result = await api.invoke('rules:delete', { ...ruleKey(row), confirmName });
    if (result.ok) this.set({ ...this.view, rows: this.view.rows.filter((r) => !sameRule(r, row)) });
    return result;
  }
}

/** `enable` / `disable` turn a rule on or off; `delete` removes it once its name is typed. */
export type RuleChangeKind = 'enable' | 'disable' | 'delete';

/** What names one rule in a change: its profile, its source instance and its name there. */
export function ruleKey(row: RuleRow): { profileId: string; registryId: string; ruleName: string } {
  return { profileId: row.profileId, registryId: row.source.registryId, ruleName: row.name };
}

export function sameRule(a: RuleRow, b: RuleRow): boolean {
  return a.profileId === b.profileId && a.source.registryId === b.source.registryId && a.name === b.name;
}

export const rules = new RulesStore();
