import { z } from 'zod';
import type { CloudErrorView } from './cloud.js';
import { previewRuleKeySchema } from './rule-preview.js';
import { typed } from './result.js';
import type { SyncRun } from './runs.js';

// "Sync now" (触发同步): TCR's API cannot start a sync run, so the app copies what a rule selects
// itself, registry to registry. Each rule's copy is a sync run of this computer (`origin: 'local'`)
// recorded in the sync log like the cloud's and announced by the notification tray.

/**
 * Run ids of this computer start here, far above the cloud's execution ids (small integers), so
 * `<profileId>/<registryId>/<runId>` never names a cloud run and a local run at once.
 */
export const LOCAL_RUN_ID_BASE = 1_000_000_000_000_000;

/**
 * Where a run on this computer is:
 * - `queued`: waiting for another run into the same target repositories, or for a free slot;
 * - `planning`: listing what the rule selects in the source and comparing it with the target;
 * - `copying`: moving blobs and manifests;
 * - `finishing`: recording the run.
 */
export type LocalRunPhase = 'queued' | 'planning' | 'copying' | 'finishing';

/** One run on this computer while it runs (what the progress panel shows). */
export interface LocalRunProgress {
  /** The run's `SyncRun.key` (it is in the sync log once finished). */
  key: string;
  profileId: string;
  /** The rule's source instance, and the rule. */
  source: { registryId: string; name: string };
  ruleName: string;
  ruleId: number;
  target: { registryId?: string; name?: string };
  /** `retry`: Retry failed of an earlier run (its key in `retryOf`). */
  kind: 'rule' | 'retry';
  retryOf?: string;
  phase: LocalRunPhase;
  /** Artifacts (tags) decided or copied, out of all the run selected (0 while planning). */
  artifactsDone: number;
  artifactsTotal: number;
  /** Of the done ones, those that failed. */
  artifactsFailed: number;
  /** Blob bytes sent so far, and the bytes of blobs the target still needs in all (as far as known). */
  bytesSent: number;
  bytesTotal: number;
  /** Over the last few seconds; 0 while nothing flows. */
  bytesPerSecond: number;
  /** Estimated seconds left; absent when it cannot be told yet. */
  secondsLeft?: number;
  startedAt: string;
  /** Cancel was asked; the run stops at the next safe point. */
  cancelling: boolean;
}

/** Every run on this computer in progress (newest first). */
export interface LocalRunsView {
  runs: LocalRunProgress[];
}

/** Why a rule of a Sync now request did not start. */
export type SyncNowRefusal =
  /** A run of the rule (on this computer) is in progress: a rule never runs twice at once. */
  | 'alreadyRunning'
  /** The rules list does not know the rule (deleted, or never listed). */
  | 'unknownRule'
  /** The rule's target instance is in an account the app has no profile for, and no stored token reaches it. */
  | 'noTargetAccess'
  /** Retry failed: the run has no failed artifact (or its tasks cannot be read). */
  | 'nothingToRetry';

/** The answer of `rules:syncNow` and `runs:retryFailed`: runs that started and rules that did not. */
export interface SyncNowStarted {
  started: LocalRunProgress[];
  refused: {
    ruleName: string;
    profileId: string;
    registryId: string;
    reason: SyncNowRefusal;
    error?: CloudErrorView;
  }[];
}

/** A finished run on this computer, as the sync log has it (also sent in `runs:changed`). */
export type LocalRun = SyncRun & { origin: 'local' };

/** Sync now on one rule or a selection of rules (at most 100 at once). */
export const syncNowSchema = z.strictObject({
  rules: z.array(previewRuleKeySchema).min(1, { error: 'syncNow.noRule' }).max(100, { error: 'syncNow.tooMany' }),
});
export type SyncNowInput = z.input<typeof syncNowSchema>;

/** Retry failed: copies again just the artifacts that failed in a finished run (cloud's or ours). */
export const retryFailedSchema = z.strictObject({
  /** The run's `SyncRun.key`. */
  runKey: z.string().min(1).max(300),
});
export type RetryFailedInput = z.input<typeof retryFailedSchema>;

/** `key` absent: cancels every run on this computer. Answers null whether or not one was running. */
export const copyCancelSchema = z.strictObject({ key: z.string().min(1).max(300).optional() });

export const syncNowChannels = {
  'rules:syncNow': { input: syncNowSchema, output: typed<SyncNowStarted>() },
  'runs:retryFailed': { input: retryFailedSchema, output: typed<SyncNowStarted>() },
  'copy:cancel': { input: copyCancelSchema, output: typed<null>() },
  /** The runs on this computer in progress (for a window opened while they run). */
  'copy:list': { input: z.strictObject({}), output: typed<LocalRunsView>() },
} as const;

export const syncNowEvents = {
  /** Runs on this computer moved (at most every 250 ms while bytes flow), started or ended. */
  'copy:progress': typed<LocalRunsView>(),
} as const;
