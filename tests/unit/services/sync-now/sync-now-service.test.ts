// The Sync now service with fakes around it (the rules, the preview, registry access and a copy
// engine the test finishes by hand) and a real RunStore and EventHub: what it plans, that a rule
// never runs twice at once, cancel and timeout recorded Stopped, the registry's errors kept per
// task, Retry failed copying just the failed artifacts, the bandwidth cap and the progress numbers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  LocalRunsView,
  RulePreview,
  RuleRow,
  RunTasksView,
  Settings,
  SyncRun,
  SyncTask,
} from '../../../../src-main/contract/index.js';
import type { ArtifactResult, CopyArtifact, CopyRunOptions } from '../../../../src-main/oci/copy-engine.js';
import { RegistryClient } from '../../../../src-main/oci/registry-client.js';
import { RegistryError } from '../../../../src-main/oci/registry-error.js';
import { DEFAULT_SETTINGS } from '../../../../src-main/services/app-state/settings-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import type { RegistrySide } from '../../../../src-main/services/sync-now/registry-access.js';
import { SyncNowService, type SyncNowDeps } from '../../../../src-main/services/sync-now/sync-now-service.js';
import { RunStore } from '../../../../src-main/services/sync-log/run-store.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { TempDir } from '../fakes/user-data-dir.js';

const P = '11111111-1111-4111-8111-111111111111';
const SRC = 'tcr-src00001';
const DST = 'tcr-dst00001';

function ruleRow(name: string, extra: Partial<RuleRow> = {}): RuleRow {
  return {
    profileId: P,
    source: { registryId: SRC, name: 'src', regionId: 1, regionName: 'ap-guangzhou' },
    policyId: name.length,
    name,
    description: '',
    filters: [],
    override: false,
    enabled: true,
    target: { raw: DST, registryId: DST, name: 'dst', regionName: 'ap-beijing', profileId: P },
    sourceResource: SRC,
    createdAt: '',
    updatedAt: '',
    ...extra,
  };
}

function previewOf(repos: { namespace: string; repository: string; targetNamespace: string; tags: string[] }[]) {
  return {
    repositories: repos.map((r) => ({
      namespace: r.namespace,
      repository: r.repository,
      targetNamespace: r.targetNamespace,
      tags: r.tags.map((tag) => ({
        tag,
        kind: r.namespace === 'charts' ? 'chart' : 'image',
        digest: 'sha256:1',
        state: 'new',
        outcome: 'copy',
      })),
      deletions: [],
    })),
  } as unknown as RulePreview;
}

interface Copy {
  artifacts: readonly CopyArtifact[];
  options: CopyRunOptions;
  signal: AbortSignal | undefined;
  finish: (outcomes: (ArtifactResult['outcome'] | RegistryError)[]) => void;
}

/** A copy engine the test ends: each copy waits until `finish`, or ends ABORTED when its run is cancelled. */
class FakeEngine {
  rate = -1;
  readonly copies: Copy[] = [];

  setBytesPerSecond(rate: number): void {
    this.rate = rate;
  }

  copy(artifacts: readonly CopyArtifact[], options: CopyRunOptions, signal?: AbortSignal): Promise<ArtifactResult[]> {
    return new Promise((resolve) => {
      const end = (outcomes: (ArtifactResult['outcome'] | RegistryError)[]): void => {
        resolve(
          artifacts.map((_, i) => {
            const o = outcomes[i] ?? 'copied';
            const result: ArtifactResult =
              o instanceof RegistryError
                ? { outcome: 'failed', error: o, bytesSent: 0, startedAt: 1, endedAt: 2 }
                : { outcome: o, bytesSent: 0, startedAt: 1, endedAt: 2 };
            options.onArtifact?.(i, result);
            return result;
          }),
        );
      };
      this.copies.push({ artifacts, options, signal, finish: end });
      signal?.addEventListener('abort', () => end(artifacts.map(() => new RegistryError(0, 'ABORTED', 'cancelled'))));
    });
  }
}

let home: TempDir;
let store: RunStore;
let events: EventHub;
let engine: FakeEngine;
let clock: FakeClock;
let rules: Map<string, RuleRow>;
let previews: Map<string, RulePreview>;
let namespaces: string[];
let settings: Settings;
let finished: { run: SyncRun; failedByStatus: Record<string, number> }[];
let progress: LocalRunsView[];
let cloudTasks: Map<string, SyncTask[]>;
let service: SyncNowService;

function side(registryId: string): RegistrySide {
  return { registryId, endpoint: `http://127.0.0.1:1/${registryId}`, profileId: P, regionName: 'ap-guangzhou' };
}

function make(extra: Partial<SyncNowDeps> = {}): SyncNowService {
  service = new SyncNowService({
    rules: {
      rowOf: (_p, _r, name) => rules.get(name),
      view: () => ({ rows: [...rules.values()], profiles: [], refreshing: false }),
    },
    preview: {
      preview: async (query) => {
        const name = 'rule' in query ? query.rule.ruleName : '';
        const found = previews.get(name);
        if (!found) throw new Error(`no preview of ${name}`);
        return found;
      },
      cancel: () => undefined,
    },
    access: {
      sourceOf: () => side(SRC),
      targetOf: (rule) => (rule.target.registryId ? side(rule.target.registryId) : undefined),
      clientFor: (s) => new RegistryClient({ baseUrl: s.endpoint }),
      createNamespace: async (_side, name) => {
        namespaces.push(name);
        return name === 'charts' ? 'UnauthorizedOperation: no right to create namespaces' : undefined;
      },
    },
    engine,
    store,
    runTasks: async ({ registryId, runId }): Promise<RunTasksView> => {
      const key = `${P}/${registryId}/${String(runId)}`;
      const local = store.tasksOf(key);
      return { tasks: local?.tasks ?? cloudTasks.get(key) ?? [], fetchedAt: clock.iso() };
    },
    events,
    settings: { get: () => settings },
    describeError: (error) => ({ code: 'X', message: String(error), kind: 'other' }),
    clock,
    progressIntervalMs: 1,
    ...extra,
  });
  return service;
}

const until = async <T>(probe: () => T | undefined): Promise<T> => {
  for (let i = 0; i < 2000; i += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error('timed out');
};
const nextCopy = (n: number) => until(() => engine.copies[n]);
const endOf = (key: string) => until(() => finished.find((f) => f.run.key === key));

beforeEach(async () => {
  home = await TempDir.create('tcr-sync-now-');
  store = new RunStore(home.dir);
  events = new EventHub();
  engine = new FakeEngine();
  clock = new FakeClock();
  rules = new Map([
    ['r1', ruleRow('r1')],
    ['r2', ruleRow('r22', { name: 'r2', override: true })],
  ]);
  previews = new Map([
    [
      'r1',
      previewOf([
        { namespace: 'team', repository: 'app', targetNamespace: 'mirror', tags: ['v1', 'v2'] },
        { namespace: 'charts', repository: 'web', targetNamespace: '', tags: ['0.1.0'] },
      ]),
    ],
    ['r2', previewOf([{ namespace: 'team', repository: 'app', targetNamespace: 'team', tags: ['v1'] }])],
  ]);
  namespaces = [];
  settings = { ...DEFAULT_SETTINGS, bandwidthCapMbps: 8 };
  finished = [];
  progress = [];
  cloudTasks = new Map();
  events.on('run:finished', (f) => finished.push(f));
  events.on('copy:progress', (v) => progress.push(v));
});

afterEach(async () => {
  await service.stop();
  await store.flush();
  await home.remove();
});

describe('Sync now', () => {
  it('copies every selected tag to its target repository, namespaces created first, override from the rule', async () => {
    make();
    const answer = service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] });
    expect(answer.refused).toEqual([]);
    expect(answer.started[0]).toMatchObject({
      ruleName: 'r1',
      kind: 'rule',
      phase: 'planning',
      target: { name: 'dst' },
    });
    const copy = await nextCopy(0);
    expect(namespaces).toEqual(['mirror', 'charts']);
    expect(
      copy.artifacts.map(
        (a) => `${a.source.repo}:${a.source.reference} > ${a.target.repo}:${a.target.tag} ${String(a.override)}`,
      ),
    ).toEqual([
      'team/app:v1 > mirror/app:v1 false',
      'team/app:v2 > mirror/app:v2 false',
      'charts/web:0.1.0 > charts/web:0.1.0 false',
    ]);
    expect(copy.artifacts[0]?.target.claimKey).toBe(`http://127.0.0.1:1/${DST}/mirror/app`);
    copy.finish(['copied', 'unchanged', 'kept']);
    const end = await endOf(answer.started[0]!.key);
    expect(end.run).toMatchObject({
      status: 'Succeed',
      total: 3,
      succeeded: 3,
      origin: 'local',
      ruleId: 2,
      target: { registryId: DST },
    });
    expect(end.failedByStatus).toEqual({});
    expect(
      store
        .tasksOf(end.run.key)
        ?.tasks.map((t) => `${t.resourceType} ${t.destination} ${t.status}`)
        .sort(),
    ).toEqual(['chart charts/web:0.1.0 Kept', 'image mirror/app:v1 Succeed', 'image mirror/app:v2 Succeed']);
    expect(store.get(end.run.key)).toEqual(end.run);
  });

  it('never runs a rule twice at once, however the requests arrive', async () => {
    make();
    const ask = async () => service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] });
    const [one, two] = await Promise.all([ask(), ask()]);
    expect([...one.started, ...two.started]).toHaveLength(1);
    expect([...one.refused, ...two.refused]).toEqual([
      { ruleName: 'r1', profileId: P, registryId: SRC, reason: 'alreadyRunning' },
    ]);
    // The same rule twice in one request, another rule beside it.
    const both = service.syncNow({
      rules: [
        { profileId: P, registryId: SRC, ruleName: 'r1' },
        { profileId: P, registryId: SRC, ruleName: 'r2' },
        { profileId: P, registryId: SRC, ruleName: 'gone' },
      ],
    });
    expect(both.started.map((s) => s.ruleName)).toEqual(['r2']);
    expect(both.refused.map((r) => `${r.ruleName} ${r.reason}`)).toEqual(['r1 alreadyRunning', 'gone unknownRule']);
    (await nextCopy(0)).finish([]);
    await endOf([...one.started, ...two.started][0]!.key);
    // Once it ended, it may run again.
    expect(service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] }).started).toHaveLength(1);
  });

  it('refuses a rule whose target the app cannot reach', () => {
    rules.set('lost', ruleRow('lost', { target: { raw: 'elsewhere' } }));
    make();
    expect(service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'lost' }] }).refused).toEqual([
      { ruleName: 'lost', profileId: P, registryId: SRC, reason: 'noTargetAccess' },
    ]);
  });

  it('gives each run its own id, above the cloud’s, even within one millisecond', async () => {
    make();
    const keys = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const [started] = service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] }).started;
      keys.add(started!.key);
      (await nextCopy(i)).finish([]);
      await endOf(started!.key);
    }
    expect(keys.size).toBe(3);
    const ids = [...keys].map((k) => Number(k.split('/')[2]));
    expect(ids.every((id) => id > 1e15)).toBe(true);
  });

  it('cancel stops the run: recorded Stopped, its tasks Stopped, announced, gone from the list', async () => {
    make();
    const [run] = service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] }).started;
    await nextCopy(0);
    service.cancel(run!.key);
    expect(service.view().runs[0]).toMatchObject({ key: run!.key, cancelling: true });
    const end = await endOf(run!.key);
    expect(end.run).toMatchObject({ status: 'Stopped', total: 3, succeeded: 0 });
    expect(end.failedByStatus).toEqual({ Stopped: 3 });
    expect(store.tasksOf(run!.key)?.tasks.every((t) => t.status === 'Stopped')).toBe(true);
    await until(() => (service.view().runs.length === 0 ? true : undefined));
  });

  it('stops the runs of a deleted profile and records nothing of them', async () => {
    make();
    const [run] = service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] }).started;
    const copy = await nextCopy(0);
    events.emit('profile:deleted', { profileId: P });
    expect(copy.signal?.aborted).toBe(true);
    await until(() => (service.view().runs.length === 0 ? true : undefined));
    expect(store.get(run!.key)).toBeUndefined();
    expect(finished).toEqual([]);
  });

  it('a run that takes longer than its timeout is stopped', async () => {
    make({ timeoutMs: 20 });
    const [run] = service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] }).started;
    const end = await endOf(run!.key);
    expect(end.run.status).toBe('Stopped');
  });

  it('keeps the registry’s code and message on a failed task; a failed listing is the run’s one task', async () => {
    previews.delete('r2');
    make();
    const [run] = service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] }).started;
    (await nextCopy(0)).finish([
      'copied',
      new RegistryError(403, 'DENIED', 'requested access to the resource is denied'),
      new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry'),
    ]);
    const end = await endOf(run!.key);
    expect(end.run).toMatchObject({ status: 'Failed', total: 3, succeeded: 1 });
    expect(end.failedByStatus).toEqual({ Failed: 2 });
    const failedTasks = store.tasksOf(run!.key)?.tasks.filter((t) => t.status === 'Failed');
    expect(failedTasks).toMatchObject([
      { source: 'team/app:v2', error: 'DENIED: requested access to the resource is denied' },
      {
        source: 'charts/web:0.1.0',
        error:
          'NAME_UNKNOWN: repository name not known to registry (namespace not created: UnauthorizedOperation: no right to create namespaces)',
      },
    ]);

    const [unlisted] = service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r2' }] }).started;
    const failed = await endOf(unlisted!.key);
    expect(failed.run).toMatchObject({ status: 'Failed', total: 0 });
    expect(store.tasksOf(unlisted!.key)?.tasks).toMatchObject([
      { status: 'Failed', error: 'X: Error: no preview of r2' },
    ]);
  });

  it('Retry failed copies just the failed artifacts of a cloud run, whatever domain its tasks name', async () => {
    make();
    const cloudRun: SyncRun = {
      key: `${P}/${SRC}/42`,
      profileId: P,
      source: ruleRow('r1').source,
      ruleId: 2,
      ruleName: 'r1',
      runId: 42,
      status: 'Failed',
      total: 3,
      succeeded: 1,
      startedAt: clock.iso(),
      endedAt: clock.iso(),
      origin: 'cloud',
    };
    store.record(P, SRC, [cloudRun], clock.iso());
    const task = (source: string, destination: string, status: string): SyncTask => ({
      resourceType: 'image',
      source,
      destination,
      status,
      jobId: '1',
    });
    cloudTasks.set(cloudRun.key, [
      task('src.tencentcloudcr.com/team/app:v1', 'dst.tencentcloudcr.com/mirror/app:v1', 'Failed'),
      task('team/app:v2', 'mirror/app:v2', 'Succeed'),
      task('team/app:v3', 'mirror/app:v3', 'Failed'),
      task('not a reference', 'x', 'Failed'),
    ]);
    const answer = await service.retryFailed({ runKey: cloudRun.key });
    expect(answer.started[0]).toMatchObject({
      kind: 'retry',
      retryOf: cloudRun.key,
      artifactsTotal: 2,
      ruleName: 'r1',
    });
    const copy = await nextCopy(0);
    expect(
      copy.artifacts.map((a) => `${a.source.repo}:${a.source.reference} > ${a.target.repo}:${a.target.tag}`),
    ).toEqual(['team/app:v1 > mirror/app:v1', 'team/app:v3 > mirror/app:v3']);
    copy.finish([]);
    const end = await endOf(answer.started[0]!.key);
    expect(end.run).toMatchObject({ status: 'Succeed', total: 2, succeeded: 2, ruleId: 2 });

    expect(await service.retryFailed({ runKey: end.run.key })).toEqual({
      started: [],
      refused: [{ ruleName: 'r1', profileId: P, registryId: SRC, reason: 'nothingToRetry' }],
    });
    expect((await service.retryFailed({ runKey: `${P}/${SRC}/999` })).refused[0]?.reason).toBe('nothingToRetry');
  });

  it('applies the Settings cap to the whole engine, and follows it when it changes', () => {
    make();
    expect(engine.rate).toBe(1_000_000); // 8 Mbit/s
    events.emit('settings:changed', { ...settings, bandwidthCapMbps: 0 });
    expect(engine.rate).toBe(0);
    events.emit('settings:changed', { ...settings, bandwidthCapMbps: 100 });
    expect(engine.rate).toBe(12_500_000);
  });

  it('reports bytes sent and left, the speed over the last seconds and the time left', async () => {
    make();
    const [run] = service.syncNow({ rules: [{ profileId: P, registryId: SRC, ruleName: 'r1' }] }).started;
    const copy = await nextCopy(0);
    copy.options.onBlobNeeded?.(5_000_000);
    copy.options.onProgress?.({ artifactsDone: 0, artifactsTotal: 3, bytesSent: 0 });
    clock.advance(2_000);
    copy.options.onProgress?.({ artifactsDone: 1, artifactsTotal: 3, bytesSent: 2_000_000 });
    expect(service.view().runs[0]).toMatchObject({
      key: run!.key,
      phase: 'copying',
      artifactsTotal: 3,
      bytesSent: 2_000_000,
      bytesTotal: 5_000_000,
      bytesPerSecond: 1_000_000,
      secondsLeft: 3,
    });
    await until(() => (progress.some((v) => v.runs[0]?.bytesSent === 2_000_000) ? true : undefined));
    copy.finish([]);
    await endOf(run!.key);
  });
});
