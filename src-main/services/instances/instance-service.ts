import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import { setMaxListeners } from 'node:events';
import type { InstanceRow, InstancesView, ProfileFetchState, ProfileView } from '../../contract/index.js';
import { UserFacingError } from '../shared/user-facing-error.js';
import type { CloudReader, CloudTarget } from '../cloud/cloud-port.js';
import { untilAborted } from '../../base/abortable.js';
import type { EventHub } from '../shared/event-hub.js';
import type { InstanceCache } from './instance-cache.js';

interface Known {
  rows: InstanceRow[];
  fetchedAt?: string;
  state: ProfileFetchState['state'];
  error?: ProfileFetchState['error'];
  /** While loading. */
  attempt?: number;
  givesUpAt?: string;
}

/**
 * The longest one profile's refresh may take, retries included: past it the profile shows a
 * timeout (and its last known rows) instead of "refreshing" for a minute. Each attempt has its
 * own 15 s limit in the gateway; a throttled or failing read is retried within this budget.
 */
export const REFRESH_CAP_MS = 30_000;

export interface InstanceServiceDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  reader: CloudReader;
  cache: InstanceCache;
  events: EventHub;
  clock?: Clock;
  /** REFRESH_CAP_MS unless a test wants another. */
  refreshCapMs?: number;
  log?: (line: string) => void;
}

/**
 * Every instance of every profile. A refresh asks all profiles at once; each profile's failure
 * stays on its own rows, and the last known rows (also from disk, when offline) stay visible
 * with the time they were fetched.
 */
export class InstanceService {
  readonly #known = new Map<string, Known>();
  /** Each profile as last seen, to tell what changed (see dependsOn). */
  readonly #seen = new Map<string, ProfileView>();
  readonly #clock: Clock;
  #refreshing: { promise: Promise<InstancesView>; abort: AbortController; ids: Set<string> } | undefined;

  readonly #capMs: number;
  #stopped = false;
  #writes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: InstanceServiceDeps) {
    this.#clock = deps.clock ?? systemClock;
    this.#capMs = deps.refreshCapMs ?? REFRESH_CAP_MS;
    // A retry of a profile's fetch shows on its row ("attempt 2"), so a slow answer is explained.
    deps.events.on('cloud:attempt', ({ profileId, action, attempt }) => {
      if (action !== 'DescribeInstances') return; // another feature's call (rules, …)
      const known = this.#known.get(profileId);
      if (known?.state !== 'loading' || attempt <= 1 || attempt <= (known.attempt ?? 1)) return;
      this.#update(profileId, { attempt });
      this.#emit();
    });
  }

  async load(): Promise<void> {
    const outcome = await this.deps.cache.load();
    // A corrupt cache is set aside by the store; the data is refetched, so nothing is lost.
    for (const entry of outcome.value) {
      this.#known.set(entry.profileId, { rows: entry.rows, fetchedAt: entry.fetchedAt, state: 'ok' });
    }
    for (const p of this.deps.profiles.list()) this.#seen.set(p.id, p);
  }

  /**
   * Profiles were added, edited or deleted: a new profile, or one whose endpoint, region or keys
   * changed, is fetched at once; a deleted one's rows are forgotten, on disk too.
   */
  profilesChanged(profiles: readonly ProfileView[]): void {
    const ids = new Set(profiles.map((p) => p.id));
    let removed = false;
    for (const id of [...this.#seen.keys(), ...this.#known.keys()]) {
      if (ids.has(id)) continue;
      this.#seen.delete(id);
      removed = this.#known.delete(id) || removed;
    }
    const changed: ProfileView[] = [];
    for (const p of profiles) {
      const before = this.#seen.get(p.id);
      this.#seen.set(p.id, p);
      // Rows from another endpoint (another cloud) are not this profile's any more.
      if (before && before.endpoint !== p.endpoint) this.#known.delete(p.id);
      if (!before || dependsOn(before) !== dependsOn(p)) changed.push(p);
    }
    if (removed) void this.#persist();
    if (changed.length > 0) this.#refetch(changed.map((p) => p.id));
    else this.#emit();
  }

  /** Unlike refresh(), never joins a running fetch: that one may use the old keys or endpoint. */
  #refetch(profileIds: string[]): void {
    const running = this.#refreshing;
    void (running ? running.promise.then(() => this.refresh(profileIds)) : this.refresh(profileIds));
  }

  view(): InstancesView {
    const profiles = this.deps.profiles.list();
    const ids = new Set(profiles.map((p) => p.id));
    const rows: InstanceRow[] = [];
    for (const [id, known] of this.#known) if (ids.has(id)) rows.push(...known.rows);
    return {
      rows,
      profiles: profiles.map((p) => this.#stateOf(p.id)),
      refreshing: this.#refreshing !== undefined,
    };
  }

  /**
   * Refreshes the given profiles (default: all). Joins a refresh already running that covers
   * them, or runs after it for the ones it does not cover.
   */
  refresh(profileIds?: readonly string[]): Promise<InstancesView> {
    if (this.#stopped) return Promise.resolve(this.view());
    const wanted = this.deps.profiles.list().filter((p) => !profileIds || profileIds.includes(p.id));
    const running = this.#refreshing;
    if (running) {
      const missing = wanted.filter((p) => !running.ids.has(p.id)).map((p) => p.id);
      if (missing.length === 0) return running.promise.then(() => this.view());
      return running.promise.then(() => this.refresh(missing));
    }
    const abort = new AbortController();
    // Every profile's calls listen on this one signal; hundreds of profiles are fine.
    setMaxListeners(0, abort.signal);
    // Registered before the run starts: its first event must already say "refreshing".
    const entry = { promise: Promise.resolve(this.view()), abort, ids: new Set(wanted.map((p) => p.id)) };
    this.#refreshing = entry;
    entry.promise = this.#run(wanted, abort.signal).finally(() => {
      this.#refreshing = undefined;
      this.#emit();
    });
    return entry.promise.then(() => this.view());
  }

  cancel(): void {
    this.#refreshing?.abort.abort();
  }

  /**
   * The app is stopping: cancels the refresh, starts no other, and resolves once nothing is being
   * fetched or written any more, so the cache file is whole when the process exits.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.cancel();
    while (this.#refreshing) await this.#refreshing.promise.catch(() => undefined);
    await this.#writes;
  }

  /** Rows fetched elsewhere (e.g. by a connection test) count as a refresh of that profile. */
  async accept(profileId: string, rows: Omit<InstanceRow, 'profileId'>[]): Promise<void> {
    if (!this.#exists(profileId)) return;
    this.#known.set(profileId, {
      rows: rows.map((r) => ({ ...r, profileId })),
      fetchedAt: isoNow(this.#clock),
      state: 'ok',
    });
    this.#emit();
    await this.#persist();
  }

  async #run(profiles: readonly ProfileView[], signal: AbortSignal): Promise<InstancesView> {
    const givesUpAt = new Date(this.#clock.now() + this.#capMs).toISOString();
    for (const p of profiles) this.#update(p.id, { state: 'loading', givesUpAt });
    this.#emit();
    await Promise.all(profiles.map((p) => this.#refreshOne(p, signal)));
    await this.#persist();
    return this.view();
  }

  async #refreshOne(profile: ProfileView, signal: AbortSignal): Promise<void> {
    // Aborted by the user's Cancel (the refresh's signal) or by the cap, whichever comes first.
    const stop = new AbortController();
    const stopTimer = new AbortController();
    const cap = { passed: false }; // set by the timer below
    const onCancel = (): void => stop.abort();
    signal.addEventListener('abort', onCancel, { once: true });
    this.#clock.sleep(this.#capMs, stopTimer.signal).then(
      () => {
        cap.passed = true;
        stop.abort();
      },
      () => undefined, // the fetch ended first
    );
    try {
      const target = await untilAborted(this.deps.targets.targetFor(profile), stop.signal);
      const rows = await untilAborted(this.deps.reader.instances(target, stop.signal), stop.signal);
      // Deleted while the cloud answered: its rows must not come back (nor reach the cache file).
      if (!this.#exists(profile.id)) return;
      this.#known.set(profile.id, {
        rows: rows.map((r) => ({ ...r, profileId: profile.id })),
        fetchedAt: isoNow(this.#clock),
        state: 'ok',
      });
    } catch (error) {
      const described = cap.passed
        ? {
            code: 'Timeout',
            message: `No answer within ${String(this.#capMs / 1000)} s`,
            kind: 'timeout' as const,
            action: 'DescribeInstances',
          }
        : this.#describe(error, signal);
      this.#update(profile.id, { state: 'error', error: described });
    } finally {
      stopTimer.abort();
      signal.removeEventListener('abort', onCancel);
    }
    this.#emit();
  }

  #exists(profileId: string): boolean {
    return this.deps.profiles.list().some((p) => p.id === profileId);
  }

  #describe(error: unknown, signal: AbortSignal): NonNullable<ProfileFetchState['error']> {
    if (signal.aborted) return { code: 'Cancelled', message: 'Refresh cancelled', kind: 'cancelled' };
    if (error instanceof UserFacingError) {
      return error.cloud ?? { code: error.code, message: error.message, kind: 'other' };
    }
    return this.deps.reader.describeError(error);
  }

  #update(profileId: string, change: Partial<Known>): void {
    const known = this.#known.get(profileId) ?? { rows: [], state: 'never' as const };
    const next: Known = { ...known, ...change };
    if (change.state !== 'error') delete next.error;
    if (next.state !== 'loading') {
      delete next.attempt;
      delete next.givesUpAt;
    }
    this.#known.set(profileId, next);
  }

  #stateOf(profileId: string): ProfileFetchState {
    const known = this.#known.get(profileId);
    if (!known) return { profileId, state: 'never' };
    return {
      profileId,
      state: known.state,
      ...(known.fetchedAt ? { fetchedAt: known.fetchedAt } : {}),
      ...(known.error ? { error: known.error } : {}),
      ...(known.attempt ? { attempt: known.attempt } : {}),
      ...(known.givesUpAt ? { givesUpAt: known.givesUpAt } : {}),
    };
  }

  #persist(): Promise<void> {
    const entries = [...this.#known].flatMap(([profileId, k]) =>
      k.fetchedAt ? [{ profileId, fetchedAt: k.fetchedAt, rows: k.rows }] : [],
    );
    const write = this.deps.cache.save(entries).catch((error: unknown) => {
      // The cache only speeds up the next start and helps offline; the view itself is intact.
      this.deps.log?.(`instance cache not written: ${error instanceof Error ? error.message : String(error)}`);
    });
    // stop() waits for the last one; the document writes them in order.
    this.#writes = this.#writes.then(() => write);
    return write;
  }

  #emit(): void {
    this.deps.events.emit('instances:changed', this.view());
  }
}

/** What a fetch of a profile's instances depends on: not its name, colour or account ID. */
function dependsOn(p: ProfileView): string {
  return JSON.stringify([p.source, p.endpoint, p.region, p.keysUpdatedAt]);
}
