import { SerialQueue } from '../../base/serial-queue.js';
import type { SyncRun, SyncTask } from '../../contract/index.js';
import { isFinalStatus } from '../../domain/sync-run.js';
import { compareRunsNewestFirst } from './run-rows.js';
import {
  runsDocument,
  tasksDocument,
  type RunsDocument,
  type RunsFile,
  type TasksDocument,
  type TasksFile,
} from './run-store-files.js';

/** Runs kept per source instance, and in all (the newest are kept). */
export const RUNS_PER_SOURCE = 200;
export const RUNS_IN_ALL = 5_000;
/** Finished runs whose tasks are kept for offline, tasks kept per run and tasks in all. */
export const TASK_RUNS = 100;
export const TASKS_PER_RUN = 2_000;
export const TASKS_IN_ALL = 20_000;

export interface RunStoreOptions {
  runsPerSource?: number;
  runsInAll?: number;
  taskRuns?: number;
  tasksPerRun?: number;
  tasksInAll?: number;
  log?: (line: string) => void;
}

/** The tasks of a finished run as last read. */
export interface KnownTasks {
  tasks: SyncTask[];
  fetchedAt: string;
}

export type RunsListener = (changed: readonly SyncRun[]) => void;

function sourceKey(profileId: string, registryId: string): string {
  return `${profileId}/${registryId}`;
}

function sameRun(a: SyncRun, b: SyncRun): boolean {
  return (
    a.status === b.status &&
    a.total === b.total &&
    a.succeeded === b.succeeded &&
    a.startedAt === b.startedAt &&
    a.endedAt === b.endedAt &&
    a.ruleId === b.ruleId &&
    a.ruleName === b.ruleName &&
    a.origin === b.origin &&
    JSON.stringify(a.target ?? null) === JSON.stringify(b.target ?? null) &&
    JSON.stringify(a.source) === JSON.stringify(b.source)
  );
}

/**
 * The known sync runs of every source instance (from the watcher and from the pages of the sync log
 * read), and the tasks of finished runs, so the log is there offline and after a restart
 * (`<userData>/sync-runs.json`, `<userData>/sync-run-tasks.json`). Changes are made in memory at once
 * and written behind, one write at a time, the latest state each time.
 */
export class RunStore {
  readonly #runsDoc: RunsDocument;
  readonly #tasksDoc: TasksDocument;
  readonly #runs = new Map<string, SyncRun>();
  /** Per source instance (`profileId/registryId`), when its runs were last read. */
  readonly #fetched = new Map<string, string>();
  /** Per run key, oldest recorded first (the first to go). */
  readonly #tasks = new Map<string, KnownTasks>();
  readonly #listeners = new Set<RunsListener>();
  readonly #queue = new SerialQueue();
  readonly #limits: Required<Omit<RunStoreOptions, 'log'>>;
  readonly #log: (line: string) => void;
  #sorted: SyncRun[] | undefined;
  #runsDirty = false;
  #tasksDirty = false;
  #writeQueued = false;
  #stopped = false;
  #loading: Promise<void> | undefined;

  constructor(userDataDir: string, options: RunStoreOptions = {}) {
    this.#runsDoc = runsDocument(userDataDir);
    this.#tasksDoc = tasksDocument(userDataDir);
    this.#limits = {
      runsPerSource: options.runsPerSource ?? RUNS_PER_SOURCE,
      runsInAll: options.runsInAll ?? RUNS_IN_ALL,
      taskRuns: options.taskRuns ?? TASK_RUNS,
      tasksPerRun: options.tasksPerRun ?? TASKS_PER_RUN,
      tasksInAll: options.tasksInAll ?? TASKS_IN_ALL,
    };
    this.#log = options.log ?? (() => undefined);
  }

  /** Reads the files once; what was recorded before it finished wins over what they say. */
  load(): Promise<void> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<void> {
    const [runs, tasks] = await Promise.all([this.#runsDoc.load(), this.#tasksDoc.load()]);
    for (const outcome of [runs, tasks]) {
      // A corrupt file is set aside by the document; the runs are read again from the cloud.
      if (outcome.kind === 'corrupt') this.#log(`sync log: ${outcome.reason}; kept as ${outcome.keptAs}`);
    }
    for (const run of runs.value.runs) if (!this.#runs.has(run.key)) this.#runs.set(run.key, run);
    for (const s of runs.value.sources) {
      const key = sourceKey(s.profileId, s.registryId);
      const known = this.#fetched.get(key);
      if (known === undefined || known < s.fetchedAt) this.#fetched.set(key, s.fetchedAt);
    }
    const recorded = [...this.#tasks];
    this.#tasks.clear();
    for (const entry of tasks.value.runs)
      this.#tasks.set(entry.key, { tasks: entry.tasks, fetchedAt: entry.fetchedAt });
    for (const [key, known] of recorded) {
      this.#tasks.delete(key);
      this.#tasks.set(key, known);
    }
    this.#boundRuns();
    this.#boundTasks();
    this.#sorted = undefined;
  }

  /**
   * Upserts runs of one source instance read at `fetchedAt`; answers those that are new or changed.
   * A finished run never goes back to running (a slower, older answer arriving late). A run whose
   * start the cloud wrote unreadably starts at `fetchedAt` (see run-rows): its first such time stays.
   */
  record(profileId: string, registryId: string, runs: readonly SyncRun[], fetchedAt: string): SyncRun[] {
    const key = sourceKey(profileId, registryId);
    const known = this.#fetched.get(key);
    if (known === undefined || known < fetchedAt) this.#fetched.set(key, fetchedAt);
    const changed: SyncRun[] = [];
    for (const incoming of runs) {
      if (incoming.profileId !== profileId || incoming.source.registryId !== registryId) continue;
      const before = this.#runs.get(incoming.key);
      let run = incoming;
      if (before) {
        if (isFinalStatus(before.status) && !isFinalStatus(run.status)) continue;
        if (run.startedAt === fetchedAt) run = { ...run, startedAt: before.startedAt };
        if (sameRun(before, run)) continue;
      }
      this.#runs.set(run.key, run);
      changed.push(run);
    }
    this.#runsDirty = true;
    if (changed.length > 0) {
      this.#sorted = undefined;
      this.#boundRuns();
    }
    this.#schedule();
    const kept = changed.filter((run) => this.#runs.get(run.key) === run);
    if (kept.length > 0) this.#emit(kept);
    return kept;
  }

  /**
   * Records a finished run of this computer (Sync now): kept like the cloud's runs of its source,
   * without claiming the cloud was read. The watcher's polls upsert by key and never remove it
   * (local run ids never name a cloud run).
   */
  recordLocal(run: SyncRun): void {
    if (run.origin !== 'local') return;
    const before = this.#runs.get(run.key);
    if (before && sameRun(before, run)) return;
    this.#runs.set(run.key, run);
    this.#sorted = undefined;
    this.#boundRuns();
    this.#runsDirty = true;
    this.#schedule();
    if (this.#runs.get(run.key) === run) this.#emit([run]);
  }

  /** Every known run, newest first. */
  all(): SyncRun[] {
    this.#sorted ??= [...this.#runs.values()].sort(compareRunsNewestFirst);
    return [...this.#sorted];
  }

  /** The known runs of one rule, newest first. */
  ofRule(profileId: string, registryId: string, ruleId: number): SyncRun[] {
    return this.all().filter(
      (r) => r.profileId === profileId && r.source.registryId === registryId && r.ruleId === ruleId,
    );
  }

  /** One run by its key. */
  get(key: string): SyncRun | undefined {
    return this.#runs.get(key);
  }

  /** When the runs of a source instance were last read. */
  fetchedAt(profileId: string, registryId: string): string | undefined {
    return this.#fetched.get(sourceKey(profileId, registryId));
  }

  /** Keeps the tasks of a finished run (sorted as shown; the first TASKS_PER_RUN of them). */
  recordTasks(run: SyncRun, tasks: readonly SyncTask[], fetchedAt: string): void {
    if (!isFinalStatus(run.status)) return;
    this.#tasks.delete(run.key);
    this.#tasks.set(run.key, { tasks: tasks.slice(0, this.#limits.tasksPerRun), fetchedAt });
    this.#boundTasks();
    this.#tasksDirty = true;
    this.#schedule();
  }

  /** The last known tasks of a finished run. */
  tasksOf(key: string): KnownTasks | undefined {
    const known = this.#tasks.get(key);
    return known ? { tasks: [...known.tasks], fetchedAt: known.fetchedAt } : undefined;
  }

  /** Called with the runs that are new or changed; answers the unsubscribe. */
  onChange(listener: RunsListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A deleted profile's runs and tasks are forgotten, on disk too. */
  forgetProfile(profileId: string): void {
    const prefix = `${profileId}/`;
    let removed = false;
    for (const [key, run] of this.#runs) {
      if (run.profileId === profileId) removed = this.#runs.delete(key) || removed;
    }
    for (const key of this.#fetched.keys()) if (key.startsWith(prefix)) this.#fetched.delete(key);
    for (const key of this.#tasks.keys()) {
      if (key.startsWith(prefix)) this.#tasksDirty = this.#tasks.delete(key) || this.#tasksDirty;
    }
    this.#runsDirty = true;
    this.#sorted = undefined;
    this.#schedule();
    if (removed) this.#emit([]);
  }

  /** Writes what is not written yet and stops writing (the app stops). */
  async flush(): Promise<void> {
    this.#schedule();
    this.#stopped = true;
    await this.#queue.run(() => Promise.resolve());
  }

  #emit(changed: readonly SyncRun[]): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(changed);
      } catch (error) {
        this.#log(`sync log: a listener failed: ${String(error)}`);
      }
    }
  }

  /** Keeps the newest runs of each source and in all. */
  #boundRuns(): void {
    const perSource = new Map<string, number>();
    const keep: SyncRun[] = [];
    for (const run of [...this.#runs.values()].sort(compareRunsNewestFirst)) {
      const key = sourceKey(run.profileId, run.source.registryId);
      const n = (perSource.get(key) ?? 0) + 1;
      perSource.set(key, n);
      if (n <= this.#limits.runsPerSource && keep.length < this.#limits.runsInAll) keep.push(run);
    }
    if (keep.length === this.#runs.size) return;
    const kept = new Set(keep.map((r) => r.key));
    for (const key of [...this.#runs.keys()]) if (!kept.has(key)) this.#runs.delete(key);
    this.#sorted = undefined;
  }

  /** Drops the tasks recorded longest ago beyond the bounds (the newest entry always stays). */
  #boundTasks(): void {
    let total = 0;
    for (const known of this.#tasks.values()) total += known.tasks.length;
    for (const [key, known] of this.#tasks) {
      if (this.#tasks.size <= 1) break;
      if (this.#tasks.size <= this.#limits.taskRuns && total <= this.#limits.tasksInAll) break;
      this.#tasks.delete(key);
      total -= known.tasks.length;
    }
  }

  /** One write queued at a time; it writes the state as it is when it runs. */
  #schedule(): void {
    if (this.#stopped || this.#writeQueued || (!this.#runsDirty && !this.#tasksDirty)) return;
    this.#writeQueued = true;
    void this.#queue.run(async () => {
      this.#writeQueued = false;
      const writes: Promise<void>[] = [];
      if (this.#runsDirty) {
        this.#runsDirty = false;
        writes.push(this.#runsDoc.save(this.#runsFile()));
      }
      if (this.#tasksDirty) {
        this.#tasksDirty = false;
        writes.push(this.#tasksDoc.save(this.#tasksFile()));
      }
      const results = await Promise.allSettled(writes);
      for (const r of results) {
        if (r.status === 'rejected') this.#log(`sync log: could not be saved: ${String(r.reason)}`);
      }
    });
  }

  #runsFile(): RunsFile {
    return {
      version: 1,
      sources: [...this.#fetched].map(([key, fetchedAt]) => {
        const cut = key.indexOf('/');
        return { profileId: key.slice(0, cut), registryId: key.slice(cut + 1), fetchedAt };
      }),
      runs: this.all(),
    };
  }

  #tasksFile(): TasksFile {
    return { version: 1, runs: [...this.#tasks].map(([key, known]) => ({ key, ...known })) };
  }
}
