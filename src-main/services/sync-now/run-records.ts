// A finished run of this computer as the sync log keeps it: the run (the cloud's fields, origin
// local) and one task per artifact, with the registry's code and message when it failed.
import type { SyncRun, SyncTask } from '../../contract/index.js';
import type { ArtifactResult } from '../../oci/copy-engine.js';

export interface PlannedArtifact {
  /** `image` | `chart` (or what else the source calls it). */
  kind: string;
  sourceRepo: string;
  targetRepo: string;
  tag: string;
}

const MAX_ERROR = 400;

/** How a run ended: Stopped when cancelled or timed out, Failed when an artifact failed. */
export function runStatus(results: readonly (ArtifactResult | undefined)[], stopped: boolean): string {
  if (stopped) return 'Stopped';
  return results.some((r) => !r || r.outcome === 'failed') ? 'Failed' : 'Succeed';
}

/**
 * A task's status: copied or identical = Succeed; a different target tag kept (override off) =
 * Kept; failed = Failed, or Stopped when the run was stopped before or while it was copied.
 */
export function taskStatus(result: ArtifactResult | undefined, stopped: boolean): string {
  if (!result) return stopped ? 'Stopped' : 'Failed';
  if (result.outcome === 'kept') return 'Kept';
  if (result.outcome === 'failed') return stopped && result.error?.code === 'ABORTED' ? 'Stopped' : 'Failed';
  return 'Succeed';
}

export function taskOf(
  artifact: PlannedArtifact,
  result: ArtifactResult | undefined,
  stopped: boolean,
  iso: (ms: number) => string,
  index: number,
): SyncTask {
  const status = taskStatus(result, stopped);
  const error =
    status === 'Failed' && result?.error
      ? `${result.error.code}: ${result.error.message}`.slice(0, MAX_ERROR)
      : status === 'Failed'
        ? 'UNKNOWN: not copied'
        : undefined;
  return {
    resourceType: artifact.kind,
    source: `${artifact.sourceRepo}:${artifact.tag}`,
    destination: `${artifact.targetRepo}:${artifact.tag}`,
    status,
    ...(result?.startedAt !== undefined ? { startedAt: iso(result.startedAt) } : {}),
    ...(result ? { endedAt: iso(result.endedAt) } : {}),
    jobId: `local-${String(index + 1)}`,
    ...(error ? { error } : {}),
  };
}

/** What the notification tray counts as not synced, by status (a kept tag is not a failure). */
export function failedByStatus(tasks: readonly SyncTask[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of tasks)
    if (t.status === 'Failed' || t.status === 'Stopped') counts[t.status] = (counts[t.status] ?? 0) + 1;
  return counts;
}

/** Succeeded = copied, identical or kept (nothing left to do for them). */
export function succeededOf(tasks: readonly SyncTask[]): number {
  return tasks.filter((t) => t.status === 'Succeed' || t.status === 'Kept').length;
}

export type { SyncRun };
