import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import type {
  CloudErrorKind,
  CloudErrorView,
  InstancesView,
  ProfileView,
  RuleRunsPage,
  RulesView,
  RunTasksView,
  SyncRun,
} from '../../contract/index.js';
import type { CloudReader, CloudTarget } from '../cloud/cloud-port.js';
import { FetchCancelled, SharedFetches } from '../rules/shared-fetch.js';
import { cloudError, UserFacingError } from '../shared/user-facing-error.js';
import { compareRunsNewestFirst, runKey, sortTasks, syncRunsOf, syncTaskOf, type RunContext } from './run-rows.js';
import type { RunStore } from './run-store.js';

export interface RunLogDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  /** Where a source instance's name and region come from. */
  instances: { view(): InstancesView };
  /** The known rules: a run's rule name and target. */
  rules: { view(): RulesView };
  reader: Pick<CloudReader, 'runs' | 'runTasks' | 'describeError'>;
  store: RunStore;
  clock?: Clock;
}

export interface RulePageQuery {
  profileId: string;
  registryId: string;
  ruleId: number;
  page: number;
  pageSize: number;
}

export interface RunTasksQuery {
  profileId: string;
  registryId: string;
  runId: number;
}

/** Failures after which the last known log is shown instead: the cloud could not be asked. */
const OFFLINE_KINDS: ReadonlySet<CloudErrorKind> = new Set([
  'network',
  'timeout',
  'auth',
  'permission',
  'throttled',
  'server',
]);

const cancelled: CloudErrorView = { code: 'Cancelled', message: 'Cancelled', kind: 'cancelled' };

interface Read<T> {
  value: T;
  fetchedAt: string;
}

/**
 * The sync log (同步日志) of one rule, a page at a time, and the tasks of a run, asked of the cloud
 * when asked for. What is read is kept in the RunStore; when the cloud cannot be asked, the last
 * known runs and tasks are answered, marked `offline`. Two windows asking the same page (or the
 * same run's tasks) at once share one call; a caller's Cancel ends its own wait only.
 */
export class RunLog {
  readonly #clock: Clock;
  readonly #pages = new SharedFetches<Read<SyncRun[]> & { total: number }>();
  readonly #tasks = new SharedFetches<Read<RunTasksView['tasks']>>();

  constructor(private readonly deps: RunLogDeps) {
    this.#clock = deps.clock ?? systemClock;
  }

  /** One page (1-based) of one rule's runs, newest first. */
  async rulePage(query: RulePageQuery, signal?: AbortSignal): Promise<RuleRunsPage> {
    const { profileId, registryId, ruleId, page, pageSize } = query;
    const where = this.#resolve(profileId, registryId);
    const key = `${profileId}/${registryId}/${ruleId}/${page}/${pageSize}|`;
    try {
      const read = await this.#shared(this.#pages, key, signal, async (own) => {
        const target = await this.#targetOf(where);
        const answer = await this.deps.reader.runs(target, { registryId, ruleId, page, pageSize }, own);
        const fetchedAt = isoNow(this.#clock);
        const context: RunContext = { ...where.context, rules: this.deps.rules.view().rows, seenAt: fetchedAt };
        // The cloud is asked for one rule; anything else it sends is not this log's.
        const rows = syncRunsOf(answer.runs, context).filter((r) => r.ruleId === ruleId);
        this.deps.store.record(profileId, registryId, rows, fetchedAt);
        return { value: rows, total: answer.total, fetchedAt };
      });
      const cloud = read.value.map((row) => this.deps.store.get(row.key) ?? row);
      const local = this.deps.store.ofRule(profileId, registryId, ruleId).filter((r) => r.origin === 'local');
      const runs = withLocalRuns(cloud, local, this.deps.store.ofRule(profileId, registryId, ruleId), {
        first: page === 1,
        last: page * pageSize >= read.total,
      });
      return {
        scope: 'rule',
        runs,
        total: read.total + local.length,
        page,
        pageSize,
        fetchedAt: read.fetchedAt,
      };
    } catch (error) {
      const view = this.#offline(error, signal);
      const fetchedAt = this.deps.store.fetchedAt(profileId, registryId);
      if (fetchedAt === undefined) throw cloudError(view);
      const known = this.deps.store.ofRule(profileId, registryId, ruleId);
      const runs = known.slice((page - 1) * pageSize, page * pageSize);
      return { scope: 'rule', runs, total: known.length, page, pageSize, fetchedAt, offline: { error: view } };
    }
  }

  /** Every task of one run: failed first, then in progress, then the rest. */
  async tasks(query: RunTasksQuery, signal?: AbortSignal): Promise<RunTasksView> {
    const { profileId, registryId, runId } = query;
    const key = runKey(profileId, registryId, runId);
    // A run of this computer (Sync now) is not the cloud's: its tasks are those it recorded.
    const local = this.deps.store.get(key);
    if (local?.origin === 'local') {
      const kept = this.deps.store.tasksOf(key);
      return { run: local, tasks: kept?.tasks ?? [], fetchedAt: kept?.fetchedAt ?? local.endedAt ?? local.startedAt };
    }
    const where = this.#resolve(profileId, registryId);
    try {
      const read = await this.#shared(this.#tasks, `${key}|`, signal, async (own) => {
        const target = await this.#targetOf(where);
        const tasks = sortTasks((await this.deps.reader.runTasks(target, registryId, runId, own)).map(syncTaskOf));
        const fetchedAt = isoNow(this.#clock);
        const run = this.deps.store.get(key);
        if (run) this.deps.store.recordTasks(run, tasks, fetchedAt);
        return { value: tasks, fetchedAt };
      });
      const run = this.deps.store.get(key);
      return { ...(run ? { run } : {}), tasks: [...read.value], fetchedAt: read.fetchedAt };
    } catch (error) {
      const view = this.#offline(error, signal);
      // A finished run's tasks were kept when read: they do not change.
      const kept = this.deps.store.tasksOf(key);
      if (!kept) throw cloudError(view);
      const run = this.deps.store.get(key);
      return { ...(run ? { run } : {}), ...kept, offline: { error: view } };
    }
  }

  /** A profile was deleted: nothing of it is shared any more. */
  forgetProfile(profileId: string): void {
    this.#pages.forget(`${profileId}/`);
    this.#tasks.forget(`${profileId}/`);
  }

  /** One call per key at a time; the kept answer is dropped once given, so the next ask asks again. */
  async #shared<T>(
    fetches: SharedFetches<T>,
    key: string,
    signal: AbortSignal | undefined,
    start: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    try {
      return await fetches.get(key, start, signal);
    } finally {
      // Only a finished call is dropped: others may still wait for one under way.
      if (fetches.has(key)) fetches.forget(key);
    }
  }

  /** The error to answer offline with, or rethrows when it is not a reason to (cancelled, invalid…). */
  #offline(error: unknown, signal: AbortSignal | undefined): CloudErrorView {
    if (error instanceof FetchCancelled || signal?.aborted) throw cloudError(cancelled);
    const view = this.#describe(error);
    if (!OFFLINE_KINDS.has(view.kind)) {
      throw error instanceof UserFacingError ? error : cloudError(view);
    }
    return view;
  }

  #describe(error: unknown): CloudErrorView {
    if (error instanceof UserFacingError) {
      if (error.cloud) return error.cloud;
      // No keys in the keychain: the cloud cannot be asked, as with keys it refuses.
      const kind: CloudErrorKind = error.code === 'KEYS_MISSING' ? 'auth' : 'other';
      return { code: error.code, message: error.message, kind };
    }
    return this.deps.reader.describeError(error);
  }

  /** The profile and the source instance, or NOT_FOUND. */
  #resolve(
    profileId: string,
    registryId: string,
  ): { profile: ProfileView; context: Omit<RunContext, 'rules' | 'seenAt'> } {
    const profile = this.deps.profiles.list().find((p) => p.id === profileId);
    if (!profile) throw new UserFacingError('NOT_FOUND', `No profile ${profileId}`);
    const instance = this.deps.instances
      .view()
      .rows.find((r) => r.profileId === profileId && r.registryId === registryId);
    const source = instance
      ? { registryId, name: instance.name, regionId: instance.regionId, regionName: instance.regionName }
      : this.deps.rules.view().rows.find((r) => r.profileId === profileId && r.source.registryId === registryId)
          ?.source;
    if (!source) throw new UserFacingError('NOT_FOUND', `No instance ${registryId}`);
    return { profile, context: { profileId, source: { ...source } } };
  }

  /** The cloud looks an instance up in its own region, not the profile's. */
  async #targetOf(where: { profile: ProfileView; context: { source: { regionName: string } } }): Promise<CloudTarget> {
    const target = await this.deps.targets.targetFor(where.profile);
    return { ...target, region: where.context.source.regionName };
  }
}

/**
 * The cloud's page of a rule's runs with the rule's runs on this computer (Sync now) that fall
 * between its runs in time: on page 1 the newer ones too, on the last page the older ones too.
 * A local run between two pages goes with the later page (`known`: every run of the rule the
 * store has, to find the previous page's oldest).
 */
function withLocalRuns(
  cloud: SyncRun[],
  local: readonly SyncRun[],
  known: readonly SyncRun[],
  at: { first: boolean; last: boolean },
): SyncRun[] {
  if (local.length === 0) return cloud;
  const newest = cloud[0];
  const oldest = cloud.at(-1);
  const before = (a: SyncRun, b: SyncRun): boolean => compareRunsNewestFirst(a, b) < 0;
  // The cloud run just above this page, as far as the store knows it.
  const above = newest && !at.first ? known.filter((r) => r.origin === 'cloud' && before(r, newest)).at(-1) : undefined;
  const inPage = local.filter((run) => {
    if (oldest && !at.last && before(oldest, run)) return false; // older than the page: a later page's
    if (at.first || !newest) return true;
    return above ? before(above, run) : !before(run, newest);
  });
  return [...cloud, ...inPage].sort(compareRunsNewestFirst);
}
