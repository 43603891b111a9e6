// What the cloud says of a source instance's runs, as the app's sync log rows. Pure: used by the
// sync log (pages of one rule) and the watcher (every rule of an instance).
import type { RuleRow, SyncRun, SyncTask } from '../../contract/index.js';
import { cloudTimeToIso, isFinalStatus } from '../../domain/sync-run.js';
import type { CloudRun, CloudRunTask } from '../cloud/cloud-port.js';

/** Where runs were read: one source instance of one profile, and what is known around it. */
export interface RunContext {
  profileId: string;
  /** The source instance (its name and region as the instance list knows them). */
  source: SyncRun['source'];
  /** Known rules (any profile, any instance: only those of this profile and instance are used). */
  rules: readonly RuleRow[];
  /**
   * When the runs were read (ISO). A run whose start time the cloud wrote unreadably starts, for
   * the app, at its end time, else at `seenAt` (RunStore keeps the first such time it stored).
   */
  seenAt: string;
}

/** A run's key: unique in the app and stable across restarts. */
export function runKey(profileId: string, registryId: string, runId: number): string {
  return `${profileId}/${registryId}/${runId}`;
}

/** The known rules of one source instance by their id (`PolicyId`). */
function rulesById(context: RunContext): Map<number, RuleRow> {
  const byId = new Map<number, RuleRow>();
  for (const rule of context.rules) {
    if (rule.profileId === context.profileId && rule.source.registryId === context.source.registryId) {
      byId.set(rule.policyId, rule);
    }
  }
  return byId;
}

function targetOf(rule: RuleRow): NonNullable<SyncRun['target']> {
  const { registryId, name, regionName, profileId } = rule.target;
  return {
    ...(registryId !== undefined ? { registryId } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(regionName !== undefined ? { regionName } : {}),
    ...(profileId !== undefined ? { profileId } : {}),
  };
}

function toRun(run: CloudRun, context: RunContext, rule: RuleRow | undefined): SyncRun {
  const endedAt = cloudTimeToIso(run.endTime);
  // An unreadable start keeps the row (the run exists); see RunContext.seenAt.
  const startedAt = cloudTimeToIso(run.startTime) ?? endedAt ?? context.seenAt;
  return {
    key: runKey(context.profileId, context.source.registryId, run.runId),
    profileId: context.profileId,
    source: { ...context.source },
    ruleId: run.ruleId,
    ...(rule ? { ruleName: rule.name, target: targetOf(rule) } : {}),
    runId: run.runId,
    status: run.status,
    total: Math.max(0, run.total),
    succeeded: Math.max(0, run.succeeded),
    startedAt,
    // A run still in progress has no end, whatever time the cloud writes there.
    ...(endedAt !== undefined && isFinalStatus(run.status) ? { endedAt } : {}),
    origin: 'cloud',
  };
}

/** One run of the source instance as a sync log row. */
export function syncRunOf(run: CloudRun, context: RunContext): SyncRun {
  return toRun(run, context, rulesById(context).get(run.ruleId));
}

/** The runs of one source instance as sync log rows, in the cloud's order. */
export function syncRunsOf(runs: readonly CloudRun[], context: RunContext): SyncRun[] {
  const byId = rulesById(context);
  return runs.map((run) => toRun(run, context, byId.get(run.ruleId)));
}

/** One task of a run as the app shows it. */
export function syncTaskOf(task: CloudRunTask): SyncTask {
  const startedAt = cloudTimeToIso(task.startTime);
  const endedAt = cloudTimeToIso(task.endTime);
  return {
    resourceType: task.resourceType,
    source: task.source,
    destination: task.destination,
    status: task.status,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(endedAt !== undefined && isFinalStatus(task.status) ? { endedAt } : {}),
    jobId: task.jobId,
  };
}

/** 0: failed (final, not Succeed), 1: in progress, 2: succeeded. */
function groupOf(task: SyncTask): number {
  if (!isFinalStatus(task.status)) return 1;
  return task.status === 'Succeed' ? 2 : 0;
}

function startOf(task: SyncTask): number {
  const ms = task.startedAt === undefined ? Number.NaN : Date.parse(task.startedAt);
  // Tasks with no start time come after those with one, in their group.
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/**
 * Failed tasks first (any final status other than Succeed), then those in progress, then the
 * succeeded; each group by start time, oldest first (ties keep the cloud's order). A new array.
 */
export function sortTasks(tasks: readonly SyncTask[]): SyncTask[] {
  return tasks
    .map((task, index) => ({ task, index, group: groupOf(task), start: startOf(task) }))
    .sort((a, b) => a.group - b.group || compareNumbers(a.start, b.start) || a.index - b.index)
    .map((entry) => entry.task);
}

function compareNumbers(a: number, b: number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Runs newest first: by start time, then by run id (the cloud's ids grow). */
export function compareRunsNewestFirst(a: SyncRun, b: SyncRun): number {
  return (
    compareNumbers(Date.parse(b.startedAt) || 0, Date.parse(a.startedAt) || 0) ||
    b.runId - a.runId ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
