import type { RecentRunsView, Result, RuleRunsPage, RunTasksView, SyncRun } from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { errorText } from '../errors.js';
import { ruleKeyOf, runOrder } from '../run-format.js';
import type { Syncable } from './synced.svelte.js';

const EMPTY: RecentRunsView = { scope: 'recent', runs: [], sources: [] };

/**
 * Recent runs across every rule of every profile: the watcher's view, loaded at start (and after a
 * reconnect) and then kept by `runs:changed`. The last message to arrive wins, as in `Synced`.
 */
class RecentRunsStore implements Syncable {
  view = $state.raw<RecentRunsView>(EMPTY);
  /** The first load has answered (even with an error) or an event has arrived. */
  loaded = $state(false);
  error = $state<string | undefined>();

  /** Runs in progress on top, then newest first. */
  readonly ordered = $derived([...this.view.runs].sort(runOrder));

  /** The newest run of each rule, by the rules table's key (`<profileId>/<registryId>/<ruleId>`). */
  readonly lastByRule: ReadonlyMap<string, SyncRun> = $derived(
    new Map(
      [...this.ordered]
        .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
        .map((run) => [ruleKeyOf(run), run] as const),
    ),
  );

  set(view: RecentRunsView): void {
    this.view = view;
    this.loaded = true;
    this.error = undefined;
  }

  async load(): Promise<void> {
    const result = await api.invoke('runs:list', { scope: 'recent' });
    if (result.ok && result.value.scope === 'recent') this.set(result.value);
    else {
      if (!result.ok) this.error = errorText(result.error);
      this.loaded = true;
    }
  }

  listen(): () => void {
    return api.on('runs:changed', (view) => this.set(view));
  }

  /** The run with this key, if the watcher knows it. */
  find(key: string): SyncRun | undefined {
    return this.view.runs.find((r) => r.key === key);
  }
}

export const recentRuns = new RecentRunsStore();

/** What names one rule's log. */
export interface RuleRef {
  profileId: string;
  registryId: string;
  ruleId: number;
}

/**
 * One rule's sync log, a page at a time, newest first, through everything the cloud has. Pages
 * asked one after the other: only the last asked is shown (an older answer arriving late is dropped).
 */
export class RuleRunsLog {
  page = $state<RuleRunsPage | undefined>();
  loading = $state(false);
  error = $state<string | undefined>();
  readonly pageSize: number;
  readonly #rule: RuleRef;
  #asked = 0;

  constructor(rule: RuleRef, pageSize = 10) {
    this.#rule = rule;
    this.pageSize = pageSize;
  }

  /** Pages in all (at least one). */
  get pages(): number {
    return Math.max(1, Math.ceil((this.page?.total ?? 0) / this.pageSize));
  }

  get current(): number {
    return this.page?.page ?? 1;
  }

  async load(page = this.current): Promise<void> {
    const asked = ++this.#asked;
    this.loading = true;
    const result = await api.invoke('runs:list', {
      scope: 'rule',
      ...this.#rule,
      page: Math.max(1, page),
      pageSize: this.pageSize,
    });
    if (asked !== this.#asked) return;
    this.loading = false;
    if (!result.ok) {
      this.error = errorText(result.error);
      return;
    }
    if (result.value.scope !== 'rule') return;
    this.error = undefined;
    this.page = result.value;
  }
}

/** The tasks of one run (all pages), failed first as main orders them. */
export function loadTasks(run: {
  profileId: string;
  registryId: string;
  runId: number;
}): Promise<Result<RunTasksView>> {
  return api.invoke('runs:tasks', { profileId: run.profileId, registryId: run.registryId, runId: run.runId });
}
