import { setMaxListeners } from 'node:events';
import { untilAborted } from '../../base/abortable.js';
import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import type {
  CloudErrorView,
  InstanceRow,
  InstancesView,
  ProfileFetchState,
  ProfileView,
  RuleRow,
  RulesView,
} from '../../contract/index.js';
import { filtersToConsole } from '../../domain/rule-filters.js';
import type { CloudReader, CloudRule, CloudTarget } from '../cloud/cloud-port.js';
import type { EventHub } from '../shared/event-hub.js';
import { UserFacingError } from '../shared/user-facing-error.js';
import type { RuleCache, StoredRule } from './rule-cache.js';

interface Known {
  rows: StoredRule[];
  fetchedAt?: string;
  state: ProfileFetchState['state'];
  error?: CloudErrorView;
  /** While loading. */
  attempt?: number;
  givesUpAt?: string;
}

/** The longest one profile's rules may take, retries included (as for its instances). */
export const RULES_REFRESH_CAP_MS = 30_000;
/** How many instances of one profile are asked for their rules at once. */
export const RULES_PER_PROFILE_CONCURRENCY = 4;

const ACTION = 'DescribeReplicationPolicies';

export interface RuleServiceDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  /** Where the rules' source instances come from (and the names of their destinations). */
  instances: { view(): InstancesView; refresh(profileIds?: readonly string[]): Promise<InstancesView> };
  reader: Pick<CloudReader, 'rules' | 'describeError'>;
  cache: RuleCache;
  events: EventHub;
  clock?: Clock;
  /** RULES_REFRESH_CAP_MS unless a test wants another. */
  refreshCapMs?: number;
  /** RULES_PER_PROFILE_CONCURRENCY unless a test wants another. */
  concurrency?: number;
  log?: (line: string) => void;
}

/** A profile's instances could not be listed: its rules cannot be either. */
class NoInstances extends Error {
  constructor(readonly view: CloudErrorView) {
    super(view.message);
  }
}

/**
 * Every sync rule of every Standard/Premium instance of every profile. A refresh asks all profiles
 * at once (the instances of one profile a few at a time); each profile's failure stays on its own
 * state, and its last known rules (also from disk) stay visible with the time they were fetched.
 */
export class RuleService {
  readonly #known = new Map<string, Known>();
  /** Each profile's endpoint as last seen: rules from another cloud are not the profile's any more. */
  readonly #endpoints = new Map<string, string>();
  readonly #clock: Clock;
  readonly #capMs: number;
  readonly #concurrency: number;
  #refreshing: { promise: Promise<RulesView>; abort: AbortController; ids: Set<string> } | undefined;
  #stopped = false;
  /** Counts Cancels: a refresh queued behind a running one does not start after a Cancel. */
  #cancels = 0;
  #writes: Promise<void> = Promise.resolve();
  /** Per profile being refreshed: the instances whose rules a change read back meanwhile. */
  readonly #changedWhileLoading = new Map<string, Set<string>>();

  constructor(private readonly deps: RuleServiceDeps) {
    this.#clock = deps.clock ?? systemClock;
    this.#capMs = deps.refreshCapMs ?? RULES_REFRESH_CAP_MS;
    this.#concurrency = Math.max(1, deps.concurrency ?? RULES_PER_PROFILE_CONCURRENCY);
    // A retry of a rules read shows on the profile's state ("attempt 2"), so a slow answer is explained.
    deps.events.on('cloud:attempt', ({ profileId, action, attempt }) => {
      if (action !== ACTION) return;
      const known = this.#known.get(profileId);
      if (known?.state !== 'loading' || attempt <= 1 || attempt <= (known.attempt ?? 1)) return;
      this.#update(profileId, { attempt });
      this.#emit();
    });
  }

  async load(): Promise<void> {
    const outcome = await this.deps.cache.load();
    // A corrupt cache is set aside by the store; the rules are refetched, so nothing is lost.
    for (const entry of outcome.value) {
      this.#known.set(entry.profileId, { rows: entry.rows, fetchedAt: entry.fetchedAt, state: 'ok' });
    }
    for (const p of this.deps.profiles.list()) this.#endpoints.set(p.id, p.endpoint);
  }

  /** Profiles were added, edited or deleted: a deleted one's rules are forgotten, on disk too. */
  profilesChanged(profiles: readonly ProfileView[]): void {
    const ids = new Set(profiles.map((p) => p.id));
    let removed = false;
    for (const id of [...this.#endpoints.keys(), ...this.#known.keys()]) {
      if (ids.has(id)) continue;
      this.#endpoints.delete(id);
      removed = this.#known.delete(id) || removed;
    }
    for (const p of profiles) {
      const before = this.#endpoints.get(p.id);
      this.#endpoints.set(p.id, p.endpoint);
      if (before !== undefined && before !== p.endpoint) removed = this.#known.delete(p.id) || removed;
    }
    if (removed) void this.#persist();
    this.#emit();
  }

  /** What is known (cache and last refresh): never asks the cloud. */
  view(): RulesView {
    const profiles = this.deps.profiles.list();
    const ids = new Set(profiles.map((p) => p.id));
    // An instance two profiles know (two profiles of one account): the rule's own profile first.
    const instances = new Map<string, InstanceRow[]>();
    for (const row of this.deps.instances.view().rows) {
      const known = instances.get(row.registryId);
      if (known) known.push(row);
      else instances.set(row.registryId, [row]);
    }
    const rows: RuleRow[] = [];
    for (const [id, known] of this.#known) {
      if (ids.has(id)) rows.push(...known.rows.map((r) => toRow(r, instances)));
    }
    return {
      rows,
      profiles: profiles.map((p) => this.#stateOf(p.id)),
      refreshing: this.#refreshing !== undefined,
    };
  }

  /**
   * Refreshes the rules of the given profiles (default: all). Joins a refresh already running that
   * covers them, or runs after it for the ones it does not cover.
   */
  refresh(profileIds?: readonly string[]): Promise<RulesView> {
    if (this.#stopped) return Promise.resolve(this.view());
    const wanted = this.deps.profiles.list().filter((p) => !profileIds || profileIds.includes(p.id));
    const running = this.#refreshing;
    if (running) {
      const missing = wanted.filter((p) => !running.ids.has(p.id)).map((p) => p.id);
      if (missing.length === 0) return running.promise.then(() => this.view());
      const cancels = this.#cancels;
      return running.promise.then(() => (this.#cancels === cancels ? this.refresh(missing) : this.view()));
    }
    const abort = new AbortController();
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

  /** Cancels the running refresh and the ones queued behind it. */
  cancel(): void {
    this.#cancels++;
    this.#refreshing?.abort.abort();
  }

  /** The app is stopping: cancels the refresh, starts no other, and resolves once the cache is written. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.cancel();
    while (this.#refreshing) await this.#refreshing.promise.catch(() => undefined);
    await this.#writes;
  }

  /** The rule as last known (cache, refresh or change), or undefined. */
  ruleOf(profileId: string, registryId: string, ruleName: string): StoredRule | undefined {
    if (!this.#exists(profileId)) return undefined;
    return this.#known.get(profileId)?.rows.find((r) => r.source.registryId === registryId && r.name === ruleName);
  }

  /** The rule as shown, or undefined. */
  rowOf(profileId: string, registryId: string, ruleName: string): RuleRow | undefined {
    return this.view().rows.find(
      (r) => r.profileId === profileId && r.source.registryId === registryId && r.name === ruleName,
    );
  }

  /**
   * A change read back the rules of one instance: they replace the instance's known rows, the
   * cache is written and `rules:changed` emitted. `source` is the instance as the rows name it.
   */
  async instanceRead(profileId: string, source: StoredRule['source'], rules: readonly CloudRule[]): Promise<void> {
    this.#replaceInstance(
      profileId,
      source.registryId,
      rules.map((r) => toStored(profileId, source, r)),
    );
    this.#emit();
    await this.#persist();
  }

  /**
   * A change happened but the rules could not be read back: the known row is changed as the write
   * asked (`null` = deleted), the cache written and `rules:changed` emitted.
   */
  async ruleChanged(
    profileId: string,
    registryId: string,
    ruleName: string,
    change: Partial<Pick<StoredRule, 'enabled'>> | null,
  ): Promise<void> {
    const rows = (this.#known.get(profileId)?.rows ?? []).filter((r) => r.source.registryId === registryId);
    const next = rows.flatMap((r) => {
      if (r.name !== ruleName) return [r];
      return change === null ? [] : [{ ...r, ...change }];
    });
    this.#replaceInstance(profileId, registryId, next);
    this.#emit();
    await this.#persist();
  }

  #replaceInstance(profileId: string, registryId: string, rows: StoredRule[]): void {
    const known = this.#known.get(profileId);
    if (!known || !this.#exists(profileId)) return;
    const others = known.rows.filter((r) => r.source.registryId !== registryId);
    // In the instance's place in the list, so a change does not move its rules.
    const at = known.rows.findIndex((r) => r.source.registryId === registryId);
    const before = at < 0 ? others : known.rows.slice(0, at);
    const after = at < 0 ? [] : others.slice(at);
    this.#known.set(profileId, { ...known, rows: [...before, ...rows, ...after] });
    this.#changedWhileLoading.get(profileId)?.add(registryId);
  }

  async #run(profiles: readonly ProfileView[], signal: AbortSignal): Promise<RulesView> {
    const givesUpAt = new Date(this.#clock.now() + this.#capMs).toISOString();
    for (const p of profiles) {
      this.#update(p.id, { state: 'loading', givesUpAt });
      this.#changedWhileLoading.set(p.id, new Set());
    }
    this.#emit();
    await Promise.all(profiles.map((p) => this.#refreshOne(p, signal)));
    await this.#persist();
    return this.view();
  }

  async #refreshOne(profile: ProfileView, signal: AbortSignal): Promise<void> {
    // Aborted by the user's Cancel, by the cap, or by the first failing instance of the profile.
    const stop = new AbortController();
    setMaxListeners(0, stop.signal);
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
      const sources = await untilAborted(this.#sourcesOf(profile.id), stop.signal);
      const perInstance = await this.#rulesOf(target, sources, stop);
      // Deleted while the cloud answered: its rules must not come back (nor reach the cache file).
      if (!this.#exists(profile.id)) return;
      // An instance whose rules a change read back meanwhile keeps them: they are newer than these.
      const changed = this.#changedWhileLoading.get(profile.id) ?? new Set<string>();
      const current = this.#known.get(profile.id)?.rows ?? [];
      this.#known.set(profile.id, {
        rows: sources.flatMap((source, i) =>
          changed.has(source.registryId)
            ? current.filter((r) => r.source.registryId === source.registryId)
            : (perInstance[i] ?? []).map((r) => toStored(profile.id, source, r)),
        ),
        fetchedAt: isoNow(this.#clock),
        state: 'ok',
      });
    } catch (error) {
      const described: CloudErrorView = cap.passed
        ? {
            code: 'Timeout',
            message: `No answer within ${String(this.#capMs / 1000)} s`,
            kind: 'timeout',
            action: ACTION,
          }
        : this.#describe(error, signal);
      this.#update(profile.id, { state: 'error', error: described });
    } finally {
      stopTimer.abort();
      signal.removeEventListener('abort', onCancel);
      this.#changedWhileLoading.delete(profile.id);
    }
    this.#emit();
  }

  /**
   * The profile's instances that can hold rules (Basic ones cannot). A profile whose instances
   * were never listed is listed first (joining the instance service's refresh when one runs).
   */
  async #sourcesOf(profileId: string): Promise<InstanceRow[]> {
    let view = this.deps.instances.view();
    if (!view.profiles.find((p) => p.profileId === profileId)?.fetchedAt) {
      view = await this.deps.instances.refresh([profileId]);
    }
    const state = view.profiles.find((p) => p.profileId === profileId);
    if (!state?.fetchedAt) {
      throw new NoInstances(
        state?.error ?? { code: 'NoInstances', message: 'The instances of this profile are unknown', kind: 'other' },
      );
    }
    return view.rows.filter((r) => r.profileId === profileId && r.spec.toLowerCase() !== 'basic');
  }

  /** Each source's rules, a few instances at a time; the first failure stops the others. */
  async #rulesOf(
    target: CloudTarget,
    sources: readonly InstanceRow[],
    stop: AbortController,
  ): Promise<Awaited<ReturnType<CloudReader['rules']>>[]> {
    const results: Awaited<ReturnType<CloudReader['rules']>>[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < sources.length) {
        const index = next++;
        const source = sources[index];
        if (!source) return;
        // The cloud looks an instance up in its own region, not the profile's.
        const at = { ...target, region: source.regionName };
        try {
          results[index] = await untilAborted(this.deps.reader.rules(at, source.registryId, stop.signal), stop.signal);
        } catch (error) {
          stop.abort();
          throw error;
        }
      }
    };
    const workers = Array.from({ length: Math.min(this.#concurrency, sources.length) }, () => worker());
    // The first failure is the profile's error; the others' (aborted) are discarded.
    const settled = await Promise.allSettled(workers);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return results;
  }

  #exists(profileId: string): boolean {
    return this.deps.profiles.list().some((p) => p.id === profileId);
  }

  #describe(error: unknown, signal: AbortSignal): CloudErrorView {
    if (signal.aborted) return { code: 'Cancelled', message: 'Refresh cancelled', kind: 'cancelled' };
    if (error instanceof NoInstances) return error.view;
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
      this.deps.log?.(`rule cache not written: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.#writes = this.#writes.then(() => write);
    return write;
  }

  #emit(): void {
    this.deps.events.emit('rules:changed', this.view());
  }
}

/** A rule as the cloud lists it, kept as a row of `source`. */
function toStored(profileId: string, source: StoredRule['source'], r: CloudRule): StoredRule {
  return {
    profileId,
    source: {
      registryId: source.registryId,
      name: source.name,
      regionId: source.regionId,
      regionName: source.regionName,
    },
    policyId: r.policyId,
    name: r.name,
    description: r.description,
    filters: r.filters,
    override: r.override,
    enabled: r.enabled,
    sourceResource: r.srcResource,
    destResource: r.destResource,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A registry id at the start of a resource (`tcr-xxxxxxxx`, maybe with more after it). */
const REGISTRY_ID = /^(tcr-[a-z0-9]+)(?![a-z0-9-])/i;

/** The row as shown: console fields from the filters, the destination as far as it is known. */
function toRow(stored: StoredRule, instances: ReadonlyMap<string, readonly InstanceRow[]>): RuleRow {
  const { destResource, ...rest } = stored;
  const registryId = REGISTRY_ID.exec(destResource.trim())?.[1];
  const known = registryId ? instances.get(registryId) : undefined;
  const destination = known?.find((i) => i.profileId === stored.profileId) ?? known?.[0];
  const fields = filtersToConsole(stored.filters);
  return {
    ...rest,
    ...(fields ? { console: fields } : {}),
    target: {
      raw: destResource,
      ...(registryId ? { registryId } : {}),
      ...(destination
        ? {
            name: destination.name,
            regionId: destination.regionId,
            regionName: destination.regionName,
            profileId: destination.profileId,
          }
        : {}),
    },
  };
}
