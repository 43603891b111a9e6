// The watcher against a fake cloud and a fake clock: which instances it asks and how often, what
// it announces (once), refused keys, catch-up after sleep or a network change, stop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CloudErrorView,
  ProfileView,
  RecentRunsView,
  RuleRow,
  RulesView,
  Settings,
} from '../../../../src-main/contract/index.js';
import { DEFAULT_SETTINGS } from '../../../../src-main/services/app-state/settings-service.js';
import type { CloudRun, CloudRunTask } from '../../../../src-main/services/cloud/cloud-port.js';
import { EventHub, type MainEvents } from '../../../../src-main/services/shared/event-hub.js';
import { RunStore } from '../../../../src-main/services/sync-log/run-store.js';
import { AnnouncedRuns } from '../../../../src-main/services/watcher/announced-runs.js';
import { RunWatcher } from '../../../../src-main/services/watcher/run-watcher.js';
import { deferred, FakeCloud, NetworkDown } from '../fakes/fake-cloud.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { TempDir } from '../fakes/user-data-dir.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const S = 1000;

function profileView(id: string, name: string, keysUpdatedAt = '2026-01-01T00:00:00.000Z'): ProfileView {
  return {
    id,
    name,
    uin: '100000000001',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID****0001',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: keysUpdatedAt,
    keysUpdatedAt,
  };
}

function rule(profileId: string, registryId: string, policyId: number, enabled = true): RuleRow {
  return {
    profileId,
    source: { registryId, name: registryId.replace('tcr-', ''), regionId: 4, regionName: 'ap-shanghai' },
    policyId,
    name: `rule-${String(policyId)}`,
    description: '',
    filters: [],
    override: false,
    enabled,
    target: { raw: 'tcr-dst', registryId: 'tcr-dst' },
    sourceResource: registryId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function cloudRun(runId: number, ruleId: number, status = 'Succeed', succeeded = 3, total = 3): CloudRun {
  return {
    runId,
    ruleId,
    status,
    total,
    succeeded,
    startTime: '2026-11-28 17:59:00',
    endTime: status === 'InProgress' ? '0001-01-01 00:00:00' : '2026-11-28 18:00:00',
  };
}

function task(jobId: string, status: string): CloudRunTask {
  return {
    resourceType: 'image',
    source: `platform/app:${jobId}`,
    destination: `platform/app:${jobId}`,
    jobId,
    status,
    startTime: '2026-11-28 17:59:10',
    endTime: '2026-11-28 17:59:20',
  };
}

/** A world: profiles, rules, a fake cloud, a store and announcements in a temp dir, one watcher. */
class World {
  readonly clock = new FakeClock('2026-11-28T10:00:00.000Z');
  readonly cloud = new FakeCloud();
  readonly hub = new EventHub();
  readonly finished: MainEvents['run:finished'][] = [];
  readonly views: RecentRunsView[] = [];
  readonly logs: string[] = [];
  profiles = [profileView(A, 'prod')];
  rules: RuleRow[] = [];
  rulesFetchedAt: string | undefined = '2026-11-28T09:59:00.000Z';
  rulesRefreshed: string[][] = [];
  settings: Settings = { ...DEFAULT_SETTINGS, watchIdleSeconds: 300, watchActiveSeconds: 15 };
  network = 'eth0 10.0.0.2';
  watcher!: RunWatcher;
  store!: RunStore;

  constructor(readonly dir: TempDir) {
    this.hub.on('run:finished', (f) => this.finished.push(structuredClone(f)));
    this.hub.on('runs:changed', (v) => this.views.push(structuredClone(v)));
  }

  /** `beforeStart` runs once the watcher is built, before it starts (as the app loads its settings). */
  async start(beforeStart?: () => void): Promise<void> {
    this.store = new RunStore(this.dir.dir);
    await this.store.load();
    const announced = new AnnouncedRuns(this.dir.dir);
    await announced.load();
    this.watcher = new RunWatcher({
      profiles: { list: () => this.profiles },
      targets: { targetFor: async (p) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }) },
      instances: { view: () => ({ rows: [], profiles: [], refreshing: false }) },
      rules: {
        view: (): RulesView => ({
          rows: this.rules,
          profiles: this.profiles.map((p) => ({
            profileId: p.id,
            state: this.rulesFetchedAt ? 'ok' : 'never',
            ...(this.rulesFetchedAt ? { fetchedAt: this.rulesFetchedAt } : {}),
          })),
          refreshing: false,
        }),
        refresh: async (ids) => {
          this.rulesRefreshed.push([...(ids ?? [])]);
          return undefined;
        },
      },
      reader: this.cloud,
      store: this.store,
      announced,
      settings: { get: () => this.settings },
      events: this.hub,
      clock: this.clock,
      networkFingerprint: () => this.network,
      log: (line) => this.logs.push(line),
    });
    beforeStart?.();
    this.watcher.start();
    await this.quiet();
  }

  async stop(): Promise<void> {
    await this.watcher.stop();
    await this.store.flush();
  }

  /** Polls a test holds on purpose: `quiet` does not wait for them. */
  held = 0;

  /** Waits until no poll is in flight (but the held ones) and the loop has looked at the schedule again. */
  async quiet(): Promise<void> {
    let calm = 0;
    while (calm < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      calm = this.watcher.polling <= this.held ? calm + 1 : 0;
    }
  }

  /** Lets `ms` pass, a second at a time (as a running computer does: no jump that looks like sleep). */
  async pass(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += S) {
      this.clock.advance(Math.min(S, ms - t));
      await this.quiet();
    }
  }

  /** Runs of `registryId` newest first, as the cloud lists them. */
  setRuns(registryId: string, runs: CloudRun[]): void {
    this.cloud.runState.set(registryId, runs);
  }

  /** `registryId page` of every runs request since `since`. */
  calls(since = 0): string[] {
    return this.cloud.runCalls.slice(since);
  }

  lastView(): RecentRunsView {
    return this.watcher.view();
  }
}

let dir: TempDir;
let world: World;
beforeEach(async () => {
  dir = await TempDir.create('tcr-watcher-');
  world = new World(dir);
});
afterEach(async () => {
  await world.stop().catch(() => undefined);
  await dir.remove();
});

describe('run watcher', () => {
  it('asks each source instance once per idle interval, with one call for all its rules', async () => {
    world.rules = [rule(A, 'tcr-one', 1), rule(A, 'tcr-one', 2), rule(A, 'tcr-one', 3), rule(A, 'tcr-two', 4)];
    await world.start();
    expect(world.calls().sort()).toEqual(['tcr-one 1', 'tcr-two 1']);
    await world.pass(299 * S);
    expect(world.calls()).toHaveLength(2);
    await world.pass(2 * S);
    expect(world.calls()).toHaveLength(4);
    // It asked in each instance's own region.
    expect(new Set(world.cloud.sent.map((s) => s.region))).toEqual(new Set(['ap-shanghai']));
    expect(world.lastView().sources.map((s) => [s.registryId, s.state])).toEqual([
      ['tcr-one', 'idle'],
      ['tcr-two', 'idle'],
    ]);
  });

  it('follows a run every active interval and announces it once, with its failed tasks by status', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    world.setRuns('tcr-one', [cloudRun(1, 1)]);
    await world.start();
    // History is not announced.
    expect(world.finished).toEqual([]);
    // A run starts; the next idle poll sees it, then every 15 s.
    world.setRuns('tcr-one', [cloudRun(2, 1, 'InProgress', 0, 3), cloudRun(1, 1)]);
    await world.pass(300 * S);
    expect(world.lastView().sources[0]?.state).toBe('active');
    expect(world.lastView().runs.map((r) => [r.runId, r.status])).toEqual([
      [2, 'InProgress'],
      [1, 'Succeed'],
    ]);
    const before = world.calls().length;
    await world.pass(30 * S);
    expect(world.calls().length - before).toBe(2);
    // It ends: 1 of 3 synced, one task failed, one stopped.
    world.setRuns('tcr-one', [cloudRun(2, 1, 'Failed', 1, 3), cloudRun(1, 1)]);
    world.cloud.taskState.set('tcr-one/2', [task('a', 'Succeed'), task('b', 'Failed'), task('c', 'Stopped')]);
    await world.pass(15 * S);
    expect(world.finished).toHaveLength(1);
    expect(world.finished[0]).toMatchObject({
      run: { runId: 2, ruleId: 1, ruleName: 'rule-1', status: 'Failed', succeeded: 1, total: 3 },
      failedByStatus: { Failed: 1, Stopped: 1 },
    });
    expect(world.lastView().sources[0]?.state).toBe('idle');
    // Never again, however often it is seen.
    await world.pass(900 * S);
    expect(world.finished).toHaveLength(1);
    expect(world.cloud.sent.filter((s) => s.action === 'DescribeReplicationTasks')).toHaveLength(1);
    expect(world.views.length).toBeGreaterThan(0);
    expect(world.views.at(-1)?.runs[0]).toMatchObject({ runId: 2, status: 'Failed' });
  });

  it('announces a run that started and finished between two polls, without reading the tasks of a full success', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    await world.start();
    world.setRuns('tcr-one', [cloudRun(7, 1)]);
    await world.pass(300 * S);
    expect(world.finished.map((f) => [f.run.runId, f.failedByStatus])).toEqual([[7, {}]]);
    expect(world.cloud.sent.filter((s) => s.action === 'DescribeReplicationTasks')).toHaveLength(0);
  });

  it('reads further pages when a whole page is new, so none is missed', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    world.setRuns('tcr-one', [cloudRun(1, 1)]);
    await world.start();
    // 45 runs since the last look: three pages.
    world.setRuns(
      'tcr-one',
      Array.from({ length: 46 }, (_, i) => cloudRun(46 - i, 1)),
    );
    const before = world.calls().length;
    await world.pass(300 * S);
    expect(world.calls(before)).toEqual(['tcr-one 1', 'tcr-one 2', 'tcr-one 3']);
    expect(world.finished.map((f) => f.run.runId).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 45 }, (_, i) => i + 2),
    );
  });

  it('asks only instances with an enabled rule, and follows a running run of a disabled rule to its end', async () => {
    world.rules = [rule(A, 'tcr-one', 1), rule(A, 'tcr-off', 2, false)];
    world.setRuns('tcr-off', [cloudRun(3, 2, 'InProgress', 0, 1)]);
    await world.start();
    expect(world.calls()).toEqual(['tcr-one 1']);
    expect(world.lastView().sources.find((s) => s.registryId === 'tcr-off')?.state).toBe('paused');
    // The rule is enabled, a run starts, the rule is disabled again: the run is followed to its end.
    world.rules = [rule(A, 'tcr-one', 1), rule(A, 'tcr-off', 2, true)];
    world.hub.emit('rules:changed', { rows: world.rules, profiles: [], refreshing: false });
    await world.quiet();
    expect(world.calls()).toContain('tcr-off 1');
    world.rules = [rule(A, 'tcr-one', 1), rule(A, 'tcr-off', 2, false)];
    world.setRuns('tcr-off', [cloudRun(4, 2, 'InProgress', 0, 1), cloudRun(3, 2)]);
    world.hub.emit('rules:changed', { rows: world.rules, profiles: [], refreshing: false });
    await world.pass(300 * S);
    expect(world.lastView().sources.find((s) => s.registryId === 'tcr-off')?.state).toBe('active');
    world.setRuns('tcr-off', [cloudRun(4, 2), cloudRun(3, 2)]);
    await world.pass(15 * S);
    // Run 3 was seen in progress when the rule was enabled: it is announced when it ends, as 4 is.
    expect(world.finished.map((f) => f.run.runId)).toEqual([3, 4]);
    const since = world.calls().length;
    await world.pass(900 * S);
    expect(world.calls(since).filter((c) => c.startsWith('tcr-off'))).toEqual([]);
    expect(world.lastView().sources.find((s) => s.registryId === 'tcr-off')?.state).toBe('paused');
  });

  it('follows a running run the sync log found on an instance whose rules are all disabled', async () => {
    world.rules = [rule(A, 'tcr-off', 2, false)];
    world.setRuns('tcr-off', [cloudRun(3, 2, 'InProgress', 0, 1)]);
    await world.start();
    expect(world.calls()).toEqual([]);
    // The rule's log page was read (RunLog records what it read into the same store).
    world.store.record(
      A,
      'tcr-off',
      [
        {
          key: `${A}/tcr-off/3`,
          profileId: A,
          source: { registryId: 'tcr-off', name: 'off', regionId: 4, regionName: 'ap-shanghai' },
          ruleId: 2,
          runId: 3,
          status: 'InProgress',
          total: 1,
          succeeded: 0,
          startedAt: '2026-11-28T09:59:00.000Z',
          origin: 'cloud',
        },
      ],
      world.clock.iso(),
    );
    await world.quiet();
    expect(world.calls()).toEqual(['tcr-off 1']);
    world.setRuns('tcr-off', [cloudRun(3, 2)]);
    await world.pass(15 * S);
    expect(world.finished.map((f) => f.run.runId)).toEqual([3]);
  });

  it('stops asking a profile whose keys are refused, says so once, and asks again once its keys change', async () => {
    world.profiles = [profileView(A, 'prod'), profileView(B, 'other')];
    world.rules = [rule(A, 'tcr-one', 1), rule(A, 'tcr-two', 2), rule(B, 'tcr-b', 3)];
    world.cloud.runState.set('tcr-one', []);
    // The fake cloud reads any error but NetworkDown / TimedOut as AuthFailure.SignatureFailure.
    const refuse = new Map([[A, true]]);
    const runs = world.cloud.runs.bind(world.cloud);
    world.cloud.runs = async (target, query, signal) => {
      if (refuse.get(target.profileId)) {
        world.cloud.runCalls.push(`${query.registryId} ${String(query.page)}`);
        throw new Error('bad key');
      }
      return runs(target, query, signal);
    };
    await world.start();
    await world.pass(3600 * S);
    const ofA = world.calls().filter((c) => !c.startsWith('tcr-b'));
    expect(ofA.length).toBeLessThanOrEqual(2);
    expect(world.calls().filter((c) => c.startsWith('tcr-b'))).toHaveLength(13);
    const sources = world.lastView().sources;
    for (const id of ['tcr-one', 'tcr-two']) {
      expect(sources.find((s) => s.registryId === id)).toMatchObject({
        state: 'refused',
        error: { code: 'AuthFailure.SignatureFailure', kind: 'auth' } satisfies Partial<CloudErrorView>,
      });
    }
    expect(world.logs.filter((l) => l.includes('were refused'))).toHaveLength(1);
    // A catch-up does not ask it either.
    const before = world.calls().length;
    world.watcher.catchUp();
    await world.quiet();
    expect(world.calls(before).filter((c) => !c.startsWith('tcr-b'))).toEqual([]);
    // New keys: asked again at once.
    refuse.set(A, false);
    world.profiles = [profileView(A, 'prod', '2026-11-28T11:00:00.000Z'), profileView(B, 'other')];
    world.hub.emit('profiles:changed', world.profiles);
    await world.quiet();
    expect(
      world
        .calls(before)
        .filter((c) => !c.startsWith('tcr-b'))
        .sort(),
    ).toEqual(['tcr-one 1', 'tcr-two 1']);
    expect(world.lastView().sources.find((s) => s.registryId === 'tcr-one')).toMatchObject({ state: 'idle' });
    expect(world.lastView().sources.find((s) => s.registryId === 'tcr-one')?.error).toBeUndefined();
  });

  it('backs off after network errors and catches up at once when the network changes', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    const runs = world.cloud.runs.bind(world.cloud);
    let down = true;
    world.cloud.runs = async (target, query, signal) => {
      if (down) {
        world.cloud.runCalls.push(`${query.registryId} ${String(query.page)}`);
        throw new NetworkDown('offline', 'DescribeReplicationExecutions');
      }
      return runs(target, query, signal);
    };
    await world.start();
    expect(world.lastView().sources[0]).toMatchObject({ state: 'backoff', error: { kind: 'network' } });
    await world.pass(599 * S);
    expect(world.calls()).toHaveLength(1);
    await world.pass(2 * S);
    expect(world.calls()).toHaveLength(2);
    // Next wait: 1200 s. The network comes back (new address) after 20 s: asked within the 10 s check.
    down = false;
    await world.pass(20 * S);
    expect(world.calls()).toHaveLength(2);
    world.network = 'wlan0 192.168.1.5';
    await world.pass(10 * S);
    expect(world.calls()).toHaveLength(3);
    expect(world.lastView().sources[0]).toMatchObject({ state: 'idle' });
    expect(world.lastView().sources[0]?.error).toBeUndefined();
  });

  it('catches up after sleep (a tick that fires much later than planned)', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    await world.start();
    await world.pass(60 * S);
    expect(world.calls()).toHaveLength(1);
    // The computer sleeps for 2 minutes: the tick planned in 10 s fires 120 s later.
    world.clock.advance(120 * S);
    await world.quiet();
    expect(world.calls()).toHaveLength(2);
  });

  it('never polls a source twice at once; a catch-up during a poll is not lost when that poll fails', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    const gate = deferred();
    const runs = world.cloud.runs.bind(world.cloud);
    let held = true;
    world.cloud.runs = async (target, query, signal) => {
      const answer = runs(target, query, signal);
      if (held) {
        held = false;
        await gate.promise;
        throw new NetworkDown('lost', 'DescribeReplicationExecutions');
      }
      return answer;
    };
    world.held = 1;
    await world.start();
    world.watcher.catchUp();
    world.watcher.catchUp();
    await world.pass(20 * S);
    expect(world.calls()).toHaveLength(1);
    world.held = 0;
    gate.resolve();
    await world.quiet();
    // The failed poll is retried at once (the catch-up), not after a backoff.
    expect(world.calls()).toHaveLength(2);
    expect(world.lastView().sources[0]?.state).toBe('idle');
  });

  it('stops: the call in flight is cancelled and nothing is asked any more', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    const gate = deferred();
    const signals: (AbortSignal | undefined)[] = [];
    world.cloud.runs = async (_target, _query, signal) => {
      signals.push(signal);
      await gate.promise;
      return { runs: [], total: 0 };
    };
    world.held = 1;
    await world.start();
    expect(signals).toHaveLength(1);
    await world.watcher.stop();
    expect(signals[0]?.aborted).toBe(true);
    gate.resolve();
    world.clock.advance(3600 * S);
    await world.quiet();
    expect(signals).toHaveLength(1);
  });

  it('announces once across a restart, also a run that finished while the app was stopped', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    world.setRuns('tcr-one', [cloudRun(1, 1)]);
    await world.start();
    world.setRuns('tcr-one', [cloudRun(2, 1, 'InProgress', 0, 2), cloudRun(1, 1)]);
    await world.pass(300 * S);
    await world.stop();
    // While stopped: run 2 finishes, run 3 starts and finishes.
    world.setRuns('tcr-one', [cloudRun(3, 1), cloudRun(2, 1, 'Failed', 1, 2), cloudRun(1, 1)]);
    world.cloud.taskState.set('tcr-one/2', [task('a', 'Succeed'), task('b', 'Failed')]);
    await world.start();
    expect(world.finished.map((f) => [f.run.runId, f.failedByStatus]).sort()).toEqual([
      [2, { Failed: 1 }],
      [3, {}],
    ]);
    await world.stop();
    await world.start();
    await world.pass(600 * S);
    expect(world.finished).toHaveLength(2);
  });

  it('asks for the rules of a profile never read, at most hourly', async () => {
    world.rulesFetchedAt = undefined;
    await world.start();
    expect(world.rulesRefreshed).toEqual([[A]]);
    await world.pass(1800 * S);
    expect(world.rulesRefreshed).toHaveLength(1);
    await world.pass(1801 * S);
    expect(world.rulesRefreshed).toHaveLength(2);
  });

  it('uses the settings as they are when it starts (loaded after it was built)', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    const loaded = { ...world.settings, watchIdleSeconds: 60 };
    world.settings = { ...DEFAULT_SETTINGS };
    await world.start(() => {
      world.settings = loaded; // what SettingsService.load() does before the watcher starts
    });
    await world.pass(61 * S);
    expect(world.calls()).toHaveLength(2);
  });

  it('new intervals from the settings apply at once', async () => {
    world.rules = [rule(A, 'tcr-one', 1)];
    await world.start();
    world.settings = { ...world.settings, watchIdleSeconds: 60 };
    world.hub.emit('settings:changed', world.settings);
    await world.pass(61 * S);
    expect(world.calls()).toHaveLength(2);
  });
});
