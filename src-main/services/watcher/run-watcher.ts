import { setMaxListeners } from 'node:events';
import { untilAborted } from '../../base/abortable.js';
import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import type {
  CloudErrorView,
  InstancesView,
  ProfileView,
  RecentRunsView,
  RulesView,
  Settings,
  SyncRun,
  WatchedSource,
} from '../../contract/index.js';
import { isFinalStatus, runFailed } from '../../domain/sync-run.js';
import { WatchSchedule } from '../../domain/watch-schedule.js';
import type { CloudReader, CloudRun, CloudTarget } from '../cloud/cloud-port.js';
import type { EventHub } from '../shared/event-hub.js';
import { UserFacingError } from '../shared/user-facing-error.js';
import { sortTasks, syncRunsOf, syncTaskOf } from '../sync-log/run-rows.js';
import type { RunStore } from '../sync-log/run-store.js';
import type { AnnouncedRuns } from './announced-runs.js';
import { sourceKeyOf, watchSources, type WatchSource } from './watch-sources.js';

/** Runs per page of DescribeReplicationExecutions (the console's). */
export const RUNS_PAGE_SIZE = 20;
/** Pages one poll may read when every run on a page is new (more runs than a page since the last look). */
export const MAX_PAGES_PER_POLL = 5;
/** How often the network is looked at (no API call) and the longest the loop sleeps. */
export const NETWORK_CHECK_MS = 10_000;
/** A tick this much later than planned means the computer slept. */
export const SLEEP_GAP_MS = 30_000;
/** A profile's rules older than this are refreshed at start, and never more often than this. */
export const RULES_STALE_MS = 3_600_000;
/** Tries at reading a failed run's tasks before it is announced without them. */
export const TASK_TRIES = 3;

export interface RunWatcherDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  /** The instances' regions and names. */
  instances: { view(): InstancesView };
  /** Which instances have enabled rules; refreshed for a profile whose rules were never read. */
  rules: { view(): RulesView; refresh(profileIds?: readonly string[]): Promise<unknown> };
  reader: Pick<CloudReader, 'runs' | 'runTasks' | 'describeError'>;
  store: Pick<RunStore, 'record' | 'recordTasks' | 'all' | 'fetchedAt' | 'onChange'>;
  announced: AnnouncedRuns;
  settings: { get(): Settings };
  events: EventHub;
  clock?: Clock;
  /** Something that changes when the network does (addresses of the interfaces); no API call. */
  networkFingerprint: () => string;
  /** Calls per minute for every source together (default: the schedule's, 30). */
  budgetPerMinute?: number;
  log?: (line: string) => void;
}

/**
 * Follows the sync runs of every source instance that has an enabled rule, with one
 * DescribeReplicationExecutions per instance per poll (it lists the runs of all its rules): every
 * idle interval, every active interval while a run is in progress, within a budget of calls per
 * minute (domain/watch-schedule). When a run is seen final it is announced once (`run:finished`,
 * with its failed tasks counted by status); what was announced is kept on disk (announced-runs).
 * After sleep or a network change every source is asked at once.
 */
export class RunWatcher {
  readonly #clock: Clock;
  readonly #schedule: WatchSchedule;
  #sources = new Map<string, WatchSource>();
  /** The last failure of each source, while it lasts. */
  readonly #problems = new Map<string, CloudErrorView>();
  /** Profiles whose keys were refused, and how: not asked until they change. */
  readonly #refused = new Map<string, CloudErrorView>();
  /** Profiles' identity as last seen (endpoint, keys): a change lifts a refusal. */
  readonly #profileStamps = new Map<string, string>();
  /** When the rules of each profile were last asked for by the watcher. */
  readonly #rulesAsked = new Map<string, number>();
  /** Failed reads of a run's tasks, by run key. */
  readonly #taskTries = new Map<string, number>();
  readonly #polls = new Set<Promise<void>>();
  readonly #unsubscribe: (() => void)[] = [];
  #abort: AbortController | undefined;
  #kick: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #fingerprint = '';
  #fingerprintAt = 0;
  #emitQueued = false;
  #stopped = false;

  constructor(private readonly deps: RunWatcherDeps) {
    this.#clock = deps.clock ?? systemClock;
    const s = deps.settings.get();
    this.#schedule = new WatchSchedule({
      idleMs: s.watchIdleSeconds * 1000,
      activeMs: s.watchActiveSeconds * 1000,
      ...(deps.budgetPerMinute !== undefined ? { budgetPerMinute: deps.budgetPerMinute } : {}),
    });
  }

  /** Starts following (after the keychain probe: a poll needs the keys). */
  start(): void {
    if (this.#abort || this.#stopped) return;
    const abort = new AbortController();
    setMaxListeners(0, abort.signal);
    this.#abort = abort;
    const { events } = this.deps;
    this.#unsubscribe.push(
      events.on('rules:changed', () => this.#refreshSources()),
      events.on('profiles:changed', (list) => this.#profilesChanged(list)),
      events.on('settings:changed', (s) => this.#settingsChanged(s)),
      this.deps.store.onChange((changed) => {
        // A run in progress the sync log's pages found on an instance not followed yet (its rule disabled).
        if (
          changed.some(
            (r) =>
              r.origin === 'cloud' &&
              !isFinalStatus(r.status) &&
              !this.#schedule.has(sourceKeyOf(r.profileId, r.source.registryId)),
          )
        ) {
          this.#refreshSources();
        }
        this.#queueEmit();
      }),
    );
    // The settings were loaded (or changed) since the constructor read them.
    this.#settingsChanged(this.deps.settings.get());
    for (const p of this.deps.profiles.list()) this.#profileStamps.set(p.id, stampOf(p));
    this.#fingerprint = this.#readFingerprint();
    this.#fingerprintAt = this.#clock.now();
    this.#refreshSources();
    this.#refreshStaleRules();
    this.#loop = this.#run(abort.signal);
  }

  /** Stops: cancels the calls in flight and leaves no timer; resolves once all is written. */
  async stop(): Promise<void> {
    this.#stopped = true; // a start after the app stopped (a late keychain probe) does nothing
    const abort = this.#abort;
    if (!abort) return;
    abort.abort();
    this.#kick?.abort();
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.#loop;
    await Promise.allSettled([...this.#polls]);
    this.#abort = undefined;
    this.#loop = undefined;
  }

  /** Polls in flight right now (for tests and the benchmark to wait for quiet). */
  get polling(): number {
    return this.#polls.size;
  }

  /** After sleep or a network change: every source is asked now (within the budget). */
  catchUp(): void {
    this.#schedule.catchUp(this.#clock.now());
    this.#wake();
    this.#queueEmit();
  }

  view(): RecentRunsView {
    const sources: WatchedSource[] = [...this.#sources.values()].map((s) => this.#watched(s));
    return { scope: 'recent', runs: this.deps.store.all(), sources };
  }

  #watched(s: WatchSource): WatchedSource {
    const scheduled = this.#schedule.stateOf(s.key);
    const fetchedAt = this.deps.store.fetchedAt(s.profileId, s.registryId);
    const problem = this.#problems.get(s.key) ?? this.#refused.get(s.profileId);
    return {
      profileId: s.profileId,
      registryId: s.registryId,
      name: s.name,
      state: scheduled?.state ?? 'paused',
      ...(fetchedAt !== undefined ? { fetchedAt } : {}),
      ...(scheduled?.dueAt !== undefined ? { nextPollAt: new Date(scheduled.dueAt).toISOString() } : {}),
      ...(problem ? { error: problem } : {}),
    };
  }

  // ── which sources ───────────────────────────────────────────────────────────────────────────

  #refreshSources(): void {
    if (!this.#abort) return;
    const now = this.#clock.now();
    const profiles = this.deps.profiles.list();
    const ids = new Set(profiles.map((p) => p.id));
    const running = this.deps.store.all().filter((r) => !isFinalStatus(r.status));
    const all = watchSources(ids, this.deps.rules.view().rows, this.deps.instances.view().rows, running);
    this.#sources = new Map(all.map((s) => [s.key, s]));
    for (const s of all) {
      const followed =
        s.enabled || running.some((r) => r.profileId === s.profileId && r.source.registryId === s.registryId);
      if (!followed) this.#schedule.remove(s.key);
      else this.#schedule.add(s.key, s.profileId, now);
    }
    // A profile refused stays refused for its new sources too.
    for (const profileId of this.#refused.keys()) this.#schedule.refuseProfile(profileId);
    for (const key of this.#schedule.keys()) if (!this.#sources.has(key)) this.#schedule.remove(key);
    for (const key of [...this.#problems.keys()]) if (!this.#sources.has(key)) this.#problems.delete(key);
    this.#wake();
    this.#queueEmit();
  }

  #profilesChanged(list: readonly ProfileView[]): void {
    const now = this.#clock.now();
    const ids = new Set(list.map((p) => p.id));
    for (const id of [...this.#profileStamps.keys()]) {
      if (ids.has(id)) continue;
      this.#profileStamps.delete(id);
      this.#refused.delete(id);
      this.#rulesAsked.delete(id);
      void this.deps.announced.forgetProfile(id).catch((e: unknown) => this.#log(`announced runs: ${String(e)}`));
    }
    for (const p of list) {
      const stamp = stampOf(p);
      const before = this.#profileStamps.get(p.id);
      this.#profileStamps.set(p.id, stamp);
      if (before === undefined || before === stamp) continue;
      // New keys or endpoint: a refusal is lifted and the profile is asked again.
      this.#schedule.profileChanged(p.id, now);
      this.#refused.delete(p.id);
      for (const key of [...this.#problems.keys()]) if (key.startsWith(`${p.id}/`)) this.#problems.delete(key);
    }
    this.#refreshSources();
  }

  #settingsChanged(s: Settings): void {
    this.#schedule.setIntervals(s.watchIdleSeconds * 1000, s.watchActiveSeconds * 1000, this.#clock.now());
    this.#wake();
    this.#queueEmit();
  }

  /** Profiles whose rules were never read (or over an hour ago): read them, so there is something to watch. */
  #refreshStaleRules(): void {
    const now = this.#clock.now();
    const states = new Map(this.deps.rules.view().profiles.map((p) => [p.profileId, p]));
    const stale = this.deps.profiles.list().filter((p) => {
      const asked = this.#rulesAsked.get(p.id);
      if (asked !== undefined && now - asked < RULES_STALE_MS) return false;
      if (this.#refused.has(p.id)) return false;
      const state = states.get(p.id);
      if (state?.state === 'loading') return false;
      const fetched = state?.fetchedAt === undefined ? Number.NaN : Date.parse(state.fetchedAt);
      return Number.isNaN(fetched) || now - fetched > RULES_STALE_MS;
    });
    if (stale.length === 0) return;
    for (const p of stale) this.#rulesAsked.set(p.id, now);
    // Its result arrives as `rules:changed`.
    this.deps.rules.refresh(stale.map((p) => p.id)).catch((e: unknown) => this.#log(`rules refresh: ${String(e)}`));
  }

  // ── the loop ────────────────────────────────────────────────────────────────────────────────

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const now = this.#clock.now();
      this.#checkNetwork(now);
      for (const key of this.#schedule.take(now)) this.#startPoll(key, signal);
      const next = this.#schedule.nextAt(now);
      const wait = Math.max(100, Math.min(NETWORK_CHECK_MS, next === undefined ? NETWORK_CHECK_MS : next - now));
      const kick = new AbortController();
      this.#kick = kick;
      const planned = now + wait;
      const woken = await this.#clock.sleep(wait, kick.signal).then(
        () => false,
        () => true,
      );
      if (aborted(signal)) break;
      const late = this.#clock.now() - planned;
      if (!woken && late > SLEEP_GAP_MS) {
        this.#log(`watcher: woke ${String(Math.round(late / 1000))} s late (sleep?): catching up`);
        this.#schedule.catchUp(this.#clock.now());
      }
      this.#refreshStaleRules();
    }
  }

  /** The network's addresses changed (no API call): every source is asked at once. */
  #checkNetwork(now: number): void {
    if (now - this.#fingerprintAt < NETWORK_CHECK_MS) return;
    this.#fingerprintAt = now;
    const fingerprint = this.#readFingerprint();
    if (fingerprint === this.#fingerprint) return;
    this.#fingerprint = fingerprint;
    this.#log('watcher: the network changed: catching up');
    this.#schedule.catchUp(now);
  }

  #readFingerprint(): string {
    try {
      return this.deps.networkFingerprint();
    } catch {
      return this.#fingerprint;
    }
  }

  /** Ends the loop's current sleep, so it looks at the schedule again. */
  #wake(): void {
    this.#kick?.abort();
  }

  #startPoll(key: string, signal: AbortSignal): void {
    const poll = this.#poll(key, signal)
      .catch((e: unknown) => this.#log(`watcher: ${key}: ${String(e)}`))
      .finally(() => {
        this.#polls.delete(poll);
        this.#wake();
      });
    this.#polls.add(poll);
  }

  // ── one poll ────────────────────────────────────────────────────────────────────────────────

  async #poll(key: string, signal: AbortSignal): Promise<void> {
    const source = this.#sources.get(key);
    const profile = this.deps.profiles.list().find((p) => p.id === source?.profileId);
    if (!source || !profile) {
      this.#schedule.remove(key);
      return;
    }
    let runs: CloudRun[];
    let target: CloudTarget;
    try {
      target = { ...(await untilAborted(this.deps.targets.targetFor(profile), signal)), region: source.regionName };
      runs = await this.#readRuns(target, source, signal);
    } catch (error) {
      if (signal.aborted) return;
      this.#failed(source, error);
      return;
    }
    // Stopped, or the profile deleted while the cloud answered: nothing of it is kept.
    if (signal.aborted || !this.deps.profiles.list().some((p) => p.id === source.profileId)) return;
    const fetchedAt = isoNow(this.#clock);
    const rows = syncRunsOf(runs, {
      profileId: source.profileId,
      source: {
        registryId: source.registryId,
        name: source.name,
        regionId: source.regionId,
        regionName: source.regionName,
      },
      rules: this.deps.rules.view().rows,
      seenAt: fetchedAt,
    });
    this.#problems.delete(key);
    this.deps.store.record(source.profileId, source.registryId, rows, fetchedAt);
    const due = new Set(this.deps.announced.due(key, runs));
    const finished: { run: SyncRun; failedByStatus: Record<string, number> }[] = [];
    for (const run of rows) {
      if (!due.has(run.runId)) continue;
      const failedByStatus = await this.#failedTasks(target, source, run, signal);
      if (aborted(signal)) return;
      if (failedByStatus) finished.push({ run, failedByStatus });
    }
    // Written before anything is announced: a crash may lose an announcement, never repeat one.
    await this.deps.announced
      .commit(
        key,
        runs,
        finished.map((f) => f.run.runId),
      )
      .catch((e: unknown) => this.#log(`announced runs not written: ${String(e)}`));
    const active = runs.some((r) => !isFinalStatus(r.status));
    this.#schedule.succeeded(key, this.#clock.now(), active);
    for (const f of finished) this.deps.events.emit('run:finished', f);
    // A source followed only for a run of a disabled rule is let go once that run is over.
    if (!source.enabled && !active) this.#refreshSources();
    this.#queueEmit();
  }

  /**
   * Page 1 of the instance's runs (every rule), and further pages while every run on the page is
   * newer than any seen before (more runs than a page since the last look), a few at most.
   */
  async #readRuns(target: CloudTarget, source: WatchSource, signal: AbortSignal): Promise<CloudRun[]> {
    const newest = this.deps.announced.newestSeen(source.key);
    const runs: CloudRun[] = [];
    for (let page = 1; page <= MAX_PAGES_PER_POLL; page++) {
      if (page > 1) this.#schedule.spend(this.#clock.now(), 1);
      const answer = await untilAborted(
        this.deps.reader.runs(target, { registryId: source.registryId, page, pageSize: RUNS_PAGE_SIZE }, signal),
        signal,
      );
      // A run the cloud added meanwhile pushes the next page's first run onto it again: once is enough.
      const seen = new Set(runs.map((r) => r.runId));
      runs.push(...answer.runs.filter((r) => !seen.has(r.runId)));
      // At the first look the history is not announced: one page is enough.
      if (newest === undefined) break;
      const oldest = Math.min(...answer.runs.map((r) => r.runId));
      if (answer.runs.length < RUNS_PAGE_SIZE || oldest <= newest || page * RUNS_PAGE_SIZE >= answer.total) break;
    }
    return runs;
  }

  /**
   * The run's tasks that did not succeed, counted by status ({} for a run that fully succeeded).
   * Undefined when they could not be read: the run is announced at a later poll (after a few
   * tries, with the run's own figures instead).
   */
  async #failedTasks(
    target: CloudTarget,
    source: WatchSource,
    run: SyncRun,
    signal: AbortSignal,
  ): Promise<Record<string, number> | undefined> {
    if (!runFailed(run)) return {};
    this.#schedule.spend(this.#clock.now(), 1);
    try {
      const tasks = await untilAborted(this.deps.reader.runTasks(target, source.registryId, run.runId, signal), signal);
      this.#taskTries.delete(run.key);
      const rows = sortTasks(tasks.map(syncTaskOf));
      this.deps.store.recordTasks(run, rows, isoNow(this.#clock));
      const counts: Record<string, number> = {};
      for (const t of rows) if (t.status !== 'Succeed') counts[t.status] = (counts[t.status] ?? 0) + 1;
      return counts;
    } catch (error) {
      if (signal.aborted) return undefined;
      const tries = (this.#taskTries.get(run.key) ?? 0) + 1;
      this.#taskTries.set(run.key, tries);
      this.#log(`watcher: tasks of ${run.key} not read (${String(tries)}): ${this.#describe(error).message}`);
      if (tries < TASK_TRIES) return undefined;
      this.#taskTries.delete(run.key);
      const missing = Math.max(0, run.total - run.succeeded);
      return missing > 0 ? { [run.status === 'Succeed' ? 'Failed' : run.status]: missing } : {};
    }
  }

  #failed(source: WatchSource, error: unknown): void {
    const described = this.#describe(error);
    const refused = described.kind === 'auth';
    this.#schedule.failed(source.key, this.#clock.now(), refused);
    if (!refused) this.#problems.set(source.key, described);
    else if (!this.#refused.has(source.profileId)) {
      // Said once: every source of the profile stops and shows why, until the profile changes.
      this.#refused.set(source.profileId, described);
      this.#log(
        `watcher: the keys of profile ${source.profileId} were refused (${described.code}): not asked again until the profile changes`,
      );
    }
    this.#queueEmit();
  }

  #describe(error: unknown): CloudErrorView {
    if (error instanceof UserFacingError)
      return error.cloud ?? { code: error.code, message: error.message, kind: 'other' };
    return this.deps.reader.describeError(error);
  }

  /** One `runs:changed` for the changes made in one turn of the event loop. */
  #queueEmit(): void {
    if (this.#emitQueued || !this.#abort) return;
    this.#emitQueued = true;
    queueMicrotask(() => {
      this.#emitQueued = false;
      if (this.#abort) this.deps.events.emit('runs:changed', this.view());
    });
  }

  #log(line: string): void {
    this.deps.log?.(line);
  }
}

/** Read afresh after an await (the signal may have been aborted meanwhile). */
function aborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

/** What identifies a profile's access: a change of keys or endpoint lifts a refusal. */
function stampOf(p: ProfileView): string {
  return JSON.stringify([p.endpoint, p.keysUpdatedAt, p.updatedAt, p.source]);
}
