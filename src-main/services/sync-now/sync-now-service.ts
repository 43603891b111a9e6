// Sync now (触发同步): the app copies what a rule selects itself, registry to registry, since TCR's
// API cannot start a sync run. One run per rule (never two of a rule at once), each through the
// one app-wide copy engine (shared blob transfers, bandwidth cap and repository claims), with a
// timeout and Cancel; progress for the panel, and once it ends a run in the sync log like the
// cloud's (origin local), its tasks, and `run:finished` for the notification tray.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { systemClock, type Clock } from '../../base/clock.js';
import type {
  CloudErrorView,
  LocalRunProgress,
  LocalRunsView,
  PreviewRuleKey,
  RetryFailedInput,
  RulePreview,
  RuleRow,
  RulesView,
  RunTasksView,
  Settings,
  SyncNowInput,
  SyncNowRefusal,
  SyncNowStarted,
  SyncRun,
  SyncTask,
} from '../../contract/index.js';
import type { ArtifactResult, CopyArtifact, CopyEngine, CopyProgress } from '../../oci/copy-engine.js';
import type { PreviewQuery } from '../rules/rule-preview.js';
import type { EventHub } from '../shared/event-hub.js';
import { UserFacingError } from '../shared/user-facing-error.js';
import { sortTasks } from '../sync-log/run-rows.js';
import type { RunStore } from '../sync-log/run-store.js';
import { LocalRunIds } from './local-run-ids.js';
import type { RegistryAccess, RegistrySide } from './registry-access.js';
import { failedByStatus, type PlannedArtifact, runStatus, succeededOf, taskOf } from './run-records.js';
import { secondsLeft, SpeedMeter } from './speed-meter.js';
import { parseArtifactRef } from './task-refs.js';

/** A run stops (Stopped) after this long unless the app says otherwise. */
export const DEFAULT_RUN_TIMEOUT_MS = 6 * 60 * 60_000;
/** At most this many `copy:progress` per second. */
const PROGRESS_EVERY_MS = 250;
/** Artifacts of one run at most (a preview is bounded too; this bounds a retry's list). */
const MAX_ARTIFACTS = 50_000;

export interface SyncNowDeps {
  rules: { rowOf(profileId: string, registryId: string, ruleName: string): RuleRow | undefined; view(): RulesView };
  preview: { preview(query: PreviewQuery): Promise<RulePreview>; cancel(requestId?: string): void };
  access: Pick<RegistryAccess, 'sourceOf' | 'targetOf' | 'clientFor' | 'createNamespace'>;
  engine: Pick<CopyEngine, 'copy' | 'setBytesPerSecond'>;
  store: Pick<RunStore, 'recordLocal' | 'recordTasks' | 'get' | 'all'>;
  /** A finished run's tasks (the sync log: the cloud's, or those recorded here). */
  runTasks: (query: { profileId: string; registryId: string; runId: number }) => Promise<RunTasksView>;
  events: Pick<EventHub, 'emit' | 'on'>;
  settings: { get(): Settings };
  describeError: (error: unknown) => CloudErrorView;
  clock?: Clock;
  timeoutMs?: number;
  progressIntervalMs?: number;
  log?: (line: string) => void;
}

interface ActiveRun {
  progress: LocalRunProgress;
  rule: RuleRow;
  ruleKey: string;
  runId: number;
  source: RegistrySide;
  target: RegistrySide;
  abort: AbortController;
  stopReason?: 'cancelled' | 'timeout';
  /** The rule's profile was deleted: the run is not recorded. */
  forgotten?: boolean;
  /** Target namespaces that could not be created, and why. */
  namespaceErrors: Map<string, string>;
  speed: SpeedMeter;
  /** Given for a retry; planned from the rule's preview otherwise. */
  items?: PlannedArtifact[];
  previewId: string;
  done: Promise<void>;
}

type Start = { started: LocalRunProgress } | { refused: SyncNowStarted['refused'][number] };

export class SyncNowService {
  readonly #clock: Clock;
  readonly #ids: LocalRunIds;
  /** Runs in progress by run key; rule keys of them (a rule never runs twice at once). */
  readonly #runs = new Map<string, ActiveRun>();
  readonly #ruleKeys = new Set<string>();
  readonly #timeoutMs: number;
  readonly #progressEveryMs: number;
  readonly #unsubscribe: (() => void)[] = [];
  #progressTimer: ReturnType<typeof setTimeout> | undefined;
  #lastProgress = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: SyncNowDeps) {
    this.#clock = deps.clock ?? systemClock;
    this.#timeoutMs = deps.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    this.#progressEveryMs = deps.progressIntervalMs ?? PROGRESS_EVERY_MS;
    this.#ids = new LocalRunIds(
      () => this.#clock.now(),
      () =>
        Math.max(
          0,
          ...deps.store
            .all()
            .filter((r) => r.origin === 'local')
            .map((r) => r.runId),
        ),
    );
    this.#applyCap(deps.settings.get());
    this.#unsubscribe.push(
      deps.events.on('settings:changed', (settings) => this.#applyCap(settings)),
      // A deleted profile's runs stop (its keys, and so its registry tokens, are gone).
      deps.events.on('profile:deleted', ({ profileId }) => {
        for (const run of this.#runs.values()) {
          if (run.rule.profileId === profileId) run.forgotten = true; // its sync log is gone with it
          if (run.rule.profileId === profileId || run.target.profileId === profileId) this.#stop(run, 'cancelled');
        }
      }),
    );
  }

  /** Starts a run of each rule that is not running; answers those that started and those refused. */
  syncNow(input: SyncNowInput): SyncNowStarted {
    const answer: SyncNowStarted = { started: [], refused: [] };
    for (const key of input.rules) this.#add(answer, this.#start(key, { kind: 'rule' }));
    return answer;
  }

  /** Copies again just the artifacts that failed in a finished run, as a new run of its rule. */
  async retryFailed(input: RetryFailedInput): Promise<SyncNowStarted> {
    const answer: SyncNowStarted = { started: [], refused: [] };
    const run = this.deps.store.get(input.runKey);
    const where = /^([^/]{1,64})\/([^/]{1,64})\/(\d{1,16})$/.exec(input.runKey);
    const refuse = (reason: SyncNowRefusal, error?: CloudErrorView): SyncNowStarted => {
      answer.refused.push({
        ruleName: run?.ruleName ?? '',
        profileId: run?.profileId ?? where?.[1] ?? '',
        registryId: run?.source.registryId ?? where?.[2] ?? '',
        reason,
        ...(error ? { error } : {}),
      });
      return answer;
    };
    if (!run || !where || run.status === 'InProgress') return refuse('nothingToRetry');
    const rule = this.deps.rules
      .view()
      .rows.find(
        (r) =>
          r.profileId === run.profileId && r.source.registryId === run.source.registryId && r.policyId === run.ruleId,
      );
    if (!rule) return refuse('unknownRule');
    let tasks: SyncTask[];
    try {
      tasks = (
        await this.deps.runTasks({ profileId: run.profileId, registryId: run.source.registryId, runId: run.runId })
      ).tasks;
    } catch (error) {
      return refuse('nothingToRetry', this.#describe(error));
    }
    const items = retryItems(tasks);
    if (items.length === 0) return refuse('nothingToRetry');
    this.#add(
      answer,
      this.#start(
        { profileId: rule.profileId, registryId: rule.source.registryId, ruleName: rule.name },
        { kind: 'retry', retryOf: run.key, items },
      ),
    );
    return answer;
  }

  /** Cancels one run (by key), or every run; each stops at its next safe point and is recorded Stopped. */
  cancel(key?: string): void {
    for (const run of this.#runs.values()) {
      if (key === undefined || run.progress.key === key) this.#stop(run, 'cancelled');
    }
  }

  view(): LocalRunsView {
    const now = this.#clock.now();
    const runs = [...this.#runs.values()].reverse().map((run) => {
      const bytesPerSecond = run.speed.bytesPerSecond(now);
      const left = secondsLeft(run.progress.bytesTotal - run.progress.bytesSent, bytesPerSecond);
      const { secondsLeft: _old, ...rest } = run.progress;
      return {
        ...rest,
        bytesPerSecond,
        ...(left !== undefined && run.progress.phase === 'copying' ? { secondsLeft: left } : {}),
      };
    });
    return { runs };
  }

  /** The app stops: every run is cancelled and recorded. */
  async stop(): Promise<void> {
    for (const u of this.#unsubscribe.splice(0)) u();
    const done = [...this.#runs.values()].map((r) => r.done);
    this.cancel();
    await Promise.allSettled(done);
    if (this.#progressTimer) clearTimeout(this.#progressTimer);
    this.#progressTimer = undefined;
  }

  #add(answer: SyncNowStarted, start: Start): void {
    if ('started' in start) answer.started.push(start.started);
    else answer.refused.push(start.refused);
  }

  /** Checks and reserves the rule synchronously (so concurrent calls cannot both start it), then runs. */
  #start(
    key: PreviewRuleKey,
    how: { kind: 'rule' } | { kind: 'retry'; retryOf: string; items: PlannedArtifact[] },
  ): Start {
    const refused = (reason: SyncNowRefusal): Start => ({
      refused: { ruleName: key.ruleName, profileId: key.profileId, registryId: key.registryId, reason },
    });
    const rule = this.deps.rules.rowOf(key.profileId, key.registryId, key.ruleName);
    if (!rule) return refused('unknownRule');
    const ruleKey = `${key.profileId}/${key.registryId}/${key.ruleName}`;
    if (this.#ruleKeys.has(ruleKey)) return refused('alreadyRunning');
    const source = this.deps.access.sourceOf(rule);
    if (!source) return refused('unknownRule');
    const target = this.deps.access.targetOf(rule);
    if (!target) return refused('noTargetAccess');

    const runId = this.#ids.next();
    const abort = new AbortController();
    setMaxListeners(0, abort.signal);
    const progress: LocalRunProgress = {
      key: `${rule.profileId}/${rule.source.registryId}/${String(runId)}`,
      profileId: rule.profileId,
      source: { registryId: rule.source.registryId, name: rule.source.name },
      ruleName: rule.name,
      ruleId: rule.policyId,
      target: {
        ...(rule.target.registryId ? { registryId: rule.target.registryId } : {}),
        ...(rule.target.name ? { name: rule.target.name } : {}),
      },
      kind: how.kind,
      ...(how.kind === 'retry' ? { retryOf: how.retryOf } : {}),
      phase: 'planning',
      artifactsDone: 0,
      artifactsTotal: how.kind === 'retry' ? how.items.length : 0,
      artifactsFailed: 0,
      bytesSent: 0,
      bytesTotal: 0,
      bytesPerSecond: 0,
      startedAt: new Date(this.#clock.now()).toISOString(),
      cancelling: false,
    };
    const run: ActiveRun = {
      progress,
      rule,
      ruleKey,
      runId,
      source,
      target,
      abort,
      speed: new SpeedMeter(),
      previewId: randomUUID(),
      done: Promise.resolve(),
      namespaceErrors: new Map(),
      ...(how.kind === 'retry' ? { items: how.items } : {}),
    };
    this.#ruleKeys.add(ruleKey);
    this.#runs.set(progress.key, run);
    run.done = this.#execute(run).finally(() => {
      this.#runs.delete(progress.key);
      this.#ruleKeys.delete(ruleKey);
      this.#queueProgress();
    });
    this.#queueProgress();
    return { started: { ...progress } };
  }

  #stop(run: ActiveRun, reason: 'cancelled' | 'timeout'): void {
    if (run.abort.signal.aborted) return;
    run.stopReason = reason;
    run.progress.cancelling = true;
    run.abort.abort();
    this.deps.preview.cancel(run.previewId);
    this.#queueProgress();
  }

  async #execute(run: ActiveRun): Promise<void> {
    const timer = setTimeout(() => this.#stop(run, 'timeout'), this.#timeoutMs);
    timer.unref();
    let items: PlannedArtifact[] = [];
    let results: (ArtifactResult | undefined)[] = [];
    let planFailure: string | undefined;
    try {
      items = run.items ?? (await this.#plan(run));
      run.progress.artifactsTotal = items.length;
      run.progress.phase = 'copying';
      this.#queueProgress();
      results = new Array<ArtifactResult | undefined>(items.length);
      if (items.length > 0) {
        await this.#createNamespaces(run, items);
        results = await this.#copy(run, items, results);
      }
    } catch (error) {
      planFailure = this.#failureText(error);
    } finally {
      clearTimeout(timer);
    }
    run.progress.phase = 'finishing';
    // A run's final numbers are always told (the panel shows what it sent), before it leaves the view.
    this.#emitProgressNow();
    if (run.forgotten) return;
    try {
      this.#record(run, items, results, planFailure);
    } catch (error) {
      this.deps.log?.(`sync now: ${run.progress.key} not recorded: ${String(error)}`);
    }
  }

  /** What the rule's filters select in the source now: every selected tag, to its target repository. */
  async #plan(run: ActiveRun): Promise<PlannedArtifact[]> {
    const { rule } = run;
    run.abort.signal.throwIfAborted();
    const preview = await this.deps.preview.preview({
      rule: { profileId: rule.profileId, registryId: rule.source.registryId, ruleName: rule.name },
      refresh: true,
      requestId: run.previewId,
    });
    run.abort.signal.throwIfAborted();
    const items: PlannedArtifact[] = [];
    for (const repo of preview.repositories) {
      const targetNamespace = repo.targetNamespace || repo.namespace;
      for (const tag of repo.tags) {
        items.push({
          kind: tag.kind,
          sourceRepo: `${repo.namespace}/${repo.repository}`,
          targetRepo: `${targetNamespace}/${repo.repository}`,
          tag: tag.tag,
        });
      }
    }
    return items.slice(0, MAX_ARTIFACTS);
  }

  /**
   * The target's namespaces first (private), when the app reaches the target through a profile.
   * One that could not be made is not fatal (the account may push without creating): its
   * artifacts are copied all the same, and those that fail say why it was not made.
   */
  async #createNamespaces(run: ActiveRun, items: readonly PlannedArtifact[]): Promise<void> {
    if (!run.target.profileId) return;
    for (const name of new Set(items.map((i) => namespaceOf(i.targetRepo)))) {
      run.abort.signal.throwIfAborted();
      const why = await this.deps.access.createNamespace(run.target, name, run.abort.signal);
      if (why !== undefined) run.namespaceErrors.set(name, why);
    }
  }

  async #copy(
    run: ActiveRun,
    items: readonly PlannedArtifact[],
    results: (ArtifactResult | undefined)[],
  ): Promise<(ArtifactResult | undefined)[]> {
    const source = this.deps.access.clientFor(run.source);
    const target = this.deps.access.clientFor(run.target);
    const artifacts: CopyArtifact[] = items.map((item) => ({
      source: { client: source, repo: item.sourceRepo, reference: item.tag },
      target: {
        client: target,
        repo: item.targetRepo,
        tag: item.tag,
        claimKey: `${run.target.endpoint}/${item.targetRepo}`,
      },
      override: run.rule.override,
    }));
    let needed = 0;
    const onBlobNeeded = (size: number): void => {
      needed += size;
      run.progress.bytesTotal = Math.max(needed, run.progress.bytesSent);
    };
    const onProgress = (p: CopyProgress): void => {
      run.progress.bytesSent = p.bytesSent;
      run.progress.bytesTotal = Math.max(needed, p.bytesSent);
      run.speed.sample(this.#clock.now(), p.bytesSent);
      this.#queueProgress();
    };
    const onArtifact = (index: number, result: ArtifactResult): void => {
      results[index] = result;
      run.progress.artifactsDone += 1;
      if (result.outcome === 'failed') run.progress.artifactsFailed += 1;
    };
    const onQueued = (queued: boolean): void => {
      run.progress.phase = queued ? 'queued' : 'copying';
      this.#queueProgress();
    };
    await this.deps.engine.copy(
      artifacts,
      { onProgress, onArtifact, onBlobNeeded, onQueued, progressIntervalMs: this.#progressEveryMs },
      run.abort.signal,
    );
    return results;
  }

  #record(
    run: ActiveRun,
    items: readonly PlannedArtifact[],
    results: readonly (ArtifactResult | undefined)[],
    planFailure: string | undefined,
  ): void {
    const stopped = run.stopReason !== undefined;
    const iso = (ms: number): string => new Date(ms).toISOString();
    const endedAt = iso(this.#clock.now());
    const tasks = items.map((item, index) => {
      const task = taskOf(item, results[index], stopped, iso, index);
      const namespace = run.namespaceErrors.get(namespaceOf(item.targetRepo));
      if (task.status !== 'Failed' || namespace === undefined) return task;
      return { ...task, error: `${task.error ?? ''} (namespace not created: ${namespace})`.slice(0, 800) };
    });
    if (planFailure !== undefined && !stopped) {
      // Nothing was copied: the run's one task says why (the rule could not be listed, …).
      tasks.push({
        resourceType: 'rule',
        source: `${run.rule.source.name}: ${run.rule.name}`,
        destination: run.rule.target.name ?? run.rule.target.raw,
        status: 'Failed',
        startedAt: run.progress.startedAt,
        endedAt,
        jobId: 'local-plan',
        error: planFailure,
      });
    }
    const status = planFailure !== undefined && !stopped ? 'Failed' : runStatus(stopped ? [] : results, stopped);
    const { rule } = run;
    const target: NonNullable<SyncRun['target']> = {
      ...(rule.target.registryId ? { registryId: rule.target.registryId } : {}),
      ...(rule.target.name ? { name: rule.target.name } : {}),
      ...(rule.target.regionName ? { regionName: rule.target.regionName } : {}),
      ...(rule.target.profileId ? { profileId: rule.target.profileId } : {}),
    };
    const syncRun: SyncRun = {
      key: run.progress.key,
      profileId: rule.profileId,
      source: { ...rule.source },
      ruleId: rule.policyId,
      ruleName: rule.name,
      target,
      runId: run.runId,
      status,
      total: items.length,
      succeeded: succeededOf(tasks),
      startedAt: run.progress.startedAt,
      endedAt,
      origin: 'local',
    };
    this.deps.store.recordLocal(syncRun);
    this.deps.store.recordTasks(syncRun, sortTasks(tasks), endedAt);
    this.deps.events.emit('run:finished', { run: syncRun, failedByStatus: failedByStatus(tasks) });
  }

  #failureText(error: unknown): string {
    const view = this.#describe(error);
    return `${view.code}: ${view.message}`.slice(0, 400);
  }

  #describe(error: unknown): CloudErrorView {
    if (error instanceof UserFacingError) {
      return error.cloud ?? { code: error.code, message: error.message, kind: 'other' };
    }
    return this.deps.describeError(error);
  }

  #applyCap(settings: Settings): void {
    const mbps = Number.isFinite(settings.bandwidthCapMbps) ? Math.max(0, settings.bandwidthCapMbps) : 0;
    // Megabits per second to bytes per second.
    this.deps.engine.setBytesPerSecond(mbps * 125_000);
  }

  #emitProgressNow(): void {
    if (this.#progressTimer) clearTimeout(this.#progressTimer);
    this.#progressTimer = undefined;
    this.#lastProgress = this.#clock.now();
    this.deps.events.emit('copy:progress', this.view());
  }

  /** At most one `copy:progress` per interval; the last state always follows. */
  #queueProgress(): void {
    if (this.#progressTimer) return;
    const wait = Math.max(0, this.#lastProgress + this.#progressEveryMs - this.#clock.now());
    this.#progressTimer = setTimeout(() => {
      this.#progressTimer = undefined;
      this.#lastProgress = this.#clock.now();
      this.deps.events.emit('copy:progress', this.view());
    }, wait);
    this.#progressTimer.unref();
  }
}

function namespaceOf(repo: string): string {
  return repo.split('/')[0] ?? repo;
}

/** The failed tasks of a run as artifacts to copy again (each once; unreadable ones left out). */
export function retryItems(tasks: readonly SyncTask[]): PlannedArtifact[] {
  const items = new Map<string, PlannedArtifact>();
  for (const task of tasks) {
    if (task.status !== 'Failed') continue;
    const from = parseArtifactRef(task.source);
    const to = parseArtifactRef(task.destination) ?? from;
    if (!from || !to) continue;
    const kind = task.resourceType === 'chart' ? 'chart' : 'image';
    const item = { kind, sourceRepo: from.repo, targetRepo: to.repo, tag: from.tag };
    items.set(`${item.sourceRepo}:${item.tag}>${item.targetRepo}`, item);
    if (items.size >= MAX_ARTIFACTS) break;
  }
  return [...items.values()];
}
