import { z } from 'zod';
import type { CloudErrorView } from './cloud.js';
import { typed } from './result.js';

/**
 * The statuses a sync run (同步任务) and its tasks are seen with. The cloud may send others: they
 * are shown as they come, and a run is final unless its status is `InProgress`.
 */
export const knownRunStatuses = ['InProgress', 'Succeed', 'Failed', 'Stopped'] as const;

/** One sync run of one rule: a row of the console's sync log (同步日志). */
export interface SyncRun {
  /** `<profileId>/<registryId>/<runId>`: unique in the app, stable across restarts. */
  key: string;
  profileId: string;
  /** The rule's source instance (the instance whose log this is). */
  source: { registryId: string; name: string; regionId: number; regionName: string };
  /** The rule's id (`PolicyID`). */
  ruleId: number;
  /** The rule's name; absent when no known rule of the instance has `ruleId` (deleted since). */
  ruleName?: string;
  /** The rule's target instance as the rules list knows it (absent with the rule). */
  target?: { registryId?: string; name?: string; regionName?: string; profileId?: string };
  /** The task ID (任务ID, the API's `ExecutionID`). */
  runId: number;
  /** InProgress | Succeed | Failed | Stopped, or whatever else the cloud says. */
  status: string;
  /** Repositories / artifacts to sync (`Total`). */
  total: number;
  /** Of them, synced (`Succeed`). */
  succeeded: number;
  /** When it started (ISO 8601 with offset). */
  startedAt: string;
  /** When it ended (ISO); absent while it runs (duration = now − startedAt, ticking). */
  endedAt?: string;
  /** `cloud`: TCR ran it (an event or the console). `local`: "Sync now" on this computer. */
  origin: 'cloud' | 'local';
}

/** One task of a run (DescribeReplicationTasks): one artifact copied or deleted. */
export interface SyncTask {
  /** image | chart | …, as the cloud says. */
  resourceType: string;
  source: string;
  destination: string;
  /** InProgress | Succeed | Failed | Stopped | …, as the cloud says. */
  status: string;
  startedAt?: string;
  endedAt?: string;
  /** The cloud's job id (`JobID`). */
  jobId: string;
  /** Why it failed, when known (runs on this computer say; the cloud does not). */
  error?: string;
}

/** How the watcher follows one source instance (what Recent runs says about its freshness). */
export interface WatchedSource {
  profileId: string;
  registryId: string;
  name: string;
  /**
   * `idle`: polled every idle interval. `active`: a run is in progress, polled every active
   * interval. `backoff`: the last polls failed, waiting longer each time. `refused`: the profile's
   * keys were refused, not polled until they change. `paused`: no enabled rule or watching is off.
   */
  state: 'idle' | 'active' | 'backoff' | 'refused' | 'paused';
  /** When the runs shown for it were read (ISO); absent when never. */
  fetchedAt?: string;
  /** When it is asked next (ISO). */
  nextPollAt?: string;
  /** The last failure, while it lasts. */
  error?: CloudErrorView;
}

/** Recent runs across every rule of every profile (the watcher's view, kept across restarts). */
export interface RecentRunsView {
  scope: 'recent';
  /** Newest first; runs in progress are among them (the renderer puts them on top). */
  runs: SyncRun[];
  sources: WatchedSource[];
}

/** One page of one rule's sync log, newest first, asked of the cloud. */
export interface RuleRunsPage {
  scope: 'rule';
  runs: SyncRun[];
  /** Runs of the rule the cloud has in all (`TotalCount`). */
  total: number;
  page: number;
  pageSize: number;
  /** When the page was read (ISO). */
  fetchedAt: string;
  /**
   * The cloud could not be asked (offline, refused): `runs` are the last known ones of the rule
   * (from the watcher and from pages read before), `fetchedAt` says how old, `error` why.
   */
  offline?: { error: CloudErrorView };
}

export interface RunTasksView {
  run?: SyncRun;
  /** Failed ones first, then in progress, then the rest; each group by start time. */
  tasks: SyncTask[];
  fetchedAt: string;
  /** As for RuleRunsPage: the tasks are the last known ones. */
  offline?: { error: CloudErrorView };
}

const REGISTRY_ID_MAX_LENGTH = 64;
const sourceFields = {
  profileId: z.uuid({ error: 'id.invalid' }),
  registryId: z.string().min(1, { error: 'registryId.required' }).max(REGISTRY_ID_MAX_LENGTH),
};
const cloudId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * `recent`: what the watcher knows of every source instance (never asks the cloud).
 * `rule`: one page of one rule's log (DescribeReplicationExecutions with `PolicyId`), 1-based.
 */
export const runsListSchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('recent') }),
  z.strictObject({
    scope: z.literal('rule'),
    ...sourceFields,
    ruleId: cloudId,
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  }),
]);
export type RunsListQuery = z.input<typeof runsListSchema>;

/** The tasks of one run, all pages (DescribeReplicationTasks). */
export const runTasksSchema = z.strictObject({ ...sourceFields, runId: cloudId });
export type RunTasksQuery = z.input<typeof runTasksSchema>;

/** The sync log (同步日志): runs of every rule and their tasks. */
export const runChannels = {
  'runs:list': {
    input: runsListSchema,
    output: typed<RecentRunsView | RuleRunsPage>(),
  },
  'runs:tasks': { input: runTasksSchema, output: typed<RunTasksView>() },
} as const;

export const runEvents = {
  /** The watcher's view changed: a run started, progressed or finished, or a source's state. */
  'runs:changed': typed<RecentRunsView>(),
} as const;
