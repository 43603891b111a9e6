import type {
  LocalRunProgress,
  LocalRunsView,
  PreviewRuleKey,
  Result,
  SyncNowStarted,
} from '../../../src-main/contract/index.js';
import { api } from '../api.js';
import { errorText } from '../errors.js';
import type { Syncable } from './synced.svelte.js';

/** Schedules `apply` for the next frame; the store asks again only after it ran. */
export type FrameScheduler = (apply: () => void) => void;

const nextFrame: FrameScheduler = (apply) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => apply());
  else setTimeout(apply, 16);
};

/** Runs kept after they ended, for the panel's "Just finished". */
const FINISHED_KEPT = 5;

/**
 * The runs on this computer in progress (Sync now, Retry failed): loaded with `copy:list`, then
 * kept by `copy:progress`. While gigabytes move, main may send many updates; the screen takes at
 * most one per animation frame (the newest: each event is the whole state), so the UI stays
 * responsive however fast they come.
 */
export class LocalRunsStore implements Syncable {
  view = $state.raw<LocalRunsView>({ runs: [] });
  /** Runs that ended while the app watched, newest first, as their last update had them. */
  finished = $state.raw<LocalRunProgress[]>([]);
  loaded = $state(false);
  error = $state<string | undefined>();
  /** The progress panel is open (any screen may open it, e.g. after Sync now). */
  panelOpen = $state(false);
  /** Views applied to the screen (one per frame at most): for tests and curious minds. */
  applied = 0;
  readonly #frame: FrameScheduler;
  #pending: LocalRunsView | undefined;
  #scheduled = false;
  /** Every run main has named in an update: one it named and no longer names has ended. */
  // Not state: no screen reads it. A Set would be taken for forgotten reactivity by the linter.
  readonly #announced: Record<string, true> = Object.create(null) as Record<string, true>;
  /**
   * Each run's newest figures as main sent them, frame or not: a run's last update and its end may
   * arrive within one frame, and "Just finished" tells the figures it ended with.
   */
  readonly #latest: Record<string, LocalRunProgress> = Object.create(null) as Record<string, LocalRunProgress>;

  constructor(frame: FrameScheduler = nextFrame) {
    this.#frame = frame;
  }

  get runs(): LocalRunProgress[] {
    return this.view.runs;
  }

  /** Applies a view now (a request's answer), dropping any older one waiting for its frame. */
  set(view: LocalRunsView): void {
    for (const run of view.runs) this.#announced[run.key] = true;
    this.#pending = undefined;
    this.#apply(view);
  }

  /** Keeps the newest view and applies it at the next frame (one frame, one update). */
  push(view: LocalRunsView): void {
    for (const run of view.runs) {
      this.#announced[run.key] = true;
      this.#latest[run.key] = run;
    }
    this.#pending = view;
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#frame(() => {
      this.#scheduled = false;
      const next = this.#pending;
      this.#pending = undefined;
      if (next) this.#apply(next);
    });
  }

  #apply(view: LocalRunsView): void {
    const still = view.runs.map((r) => r.key);
    const gone = this.view.runs.filter((r) => !still.includes(r.key));
    // Started here but not yet named by main (its update is on the way): kept, not ended.
    const waiting = gone.filter((r) => this.#announced[r.key] !== true);
    const ended = gone
      .filter((r) => this.#announced[r.key] === true)
      .map((r) => {
        const last = this.#latest[r.key] ?? r;
        // Done with it: the record would only grow.
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
        delete this.#latest[r.key];
        return last;
      });
    if (ended.length > 0 || this.finished.some((r) => still.includes(r.key))) {
      const endedKeys = ended.map((r) => r.key);
      this.finished = [
        ...ended,
        ...this.finished.filter((r) => !endedKeys.includes(r.key) && !still.includes(r.key)),
      ].slice(0, FINISHED_KEPT);
    }
    this.view = waiting.length > 0 ? { runs: [...waiting, ...view.runs] } : view;
    this.loaded = true;
    this.applied++;
  }

  async load(): Promise<void> {
    const result = await api.invoke('copy:list', {});
    if (result.ok) this.set(result.value);
    else {
      this.error = errorText(result.error);
      this.loaded = true;
    }
  }

  listen(): () => void {
    return api.on('copy:progress', (view) => this.push(view));
  }

  /** The run of this rule in progress, if any. */
  forRule(profileId: string, registryId: string, ruleId: number): LocalRunProgress | undefined {
    return this.view.runs.find(
      (r) => r.profileId === profileId && r.source.registryId === registryId && r.ruleId === ruleId,
    );
  }

  find(key: string): LocalRunProgress | undefined {
    return this.view.runs.find((r) => r.key === key);
  }

  async syncNow(rules: PreviewRuleKey[]): Promise<Result<SyncNowStarted>> {
    const result = await api.invoke('rules:syncNow', { rules });
    if (result.ok) this.#merge(result.value.started);
    return result;
  }

  async retryFailed(runKey: string): Promise<Result<SyncNowStarted>> {
    const result = await api.invoke('runs:retryFailed', { runKey });
    if (result.ok) this.#merge(result.value.started);
    return result;
  }

  /** Cancels one run, or every one without `key`; each then ends at its next safe point. */
  async cancel(key?: string): Promise<Result<null>> {
    const result = await api.invoke('copy:cancel', key === undefined ? {} : { key });
    if (result.ok) {
      // Said at once; main's next update confirms it.
      this.view = {
        runs: this.view.runs.map((r) => (key === undefined || r.key === key ? { ...r, cancelling: true } : r)),
      };
    }
    return result;
  }

  /**
   * Runs just started show at once, before main's first update about them; one main has already
   * announced (it may even have ended before the answer came) is left to main's updates.
   */
  #merge(started: LocalRunProgress[]): void {
    const known = [...this.view.runs, ...(this.#pending?.runs ?? [])].map((r) => r.key);
    const fresh = started.filter((r) => !known.includes(r.key) && this.#announced[r.key] !== true);
    if (fresh.length === 0) return;
    this.view = { runs: [...fresh, ...this.view.runs] };
    this.finished = this.finished.filter((r) => !fresh.some((f) => f.key === r.key));
  }
}

export const localRuns = new LocalRunsStore();
