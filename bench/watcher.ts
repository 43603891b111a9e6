// Benchmark: what the sync watcher costs and how soon it tells.
//
// 1. API calls per minute for 50 enabled rules on 5 source instances (10 each), on a simulated
//    clock (30 simulated minutes, one-second steps; minutes 5–30 counted, after the start-up look):
//    the app's RunWatcher (one DescribeReplicationExecutions per instance per poll, within its
//    budget) and, in the same run, a naive watcher asking each rule on its own (one call per rule,
//    DescribeReplicationExecutions with PolicyId, at the same idle / active intervals, no budget).
//    Three worlds: idle (no run), one rule per instance running all the time, every rule running
//    all the time. A run's tasks (DescribeReplicationTasks) are counted too (every 5th run fails).
// 2. The delay from a run finishing in the real sandbox (over the real SDK and gateway) to its
//    run:finished, with the real clock: runs longer than the idle interval (seen in progress, then
//    followed every active interval), and runs shorter than it (seen only once over).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Clock } from '../src-main/base/clock.js';
import type { InstanceRow, ProfileView, RuleRow, RulesView, Settings } from '../src-main/contract/index.js';
import { demoSeed, startSandbox } from '../src-main/sandbox/index.js';
import { DEFAULT_SETTINGS } from '../src-main/services/app-state/settings-service.js';
import type { CloudReader, CloudRun, CloudTarget } from '../src-main/services/cloud/cloud-port.js';
import { createTcrCloudReader } from '../src-main/services/cloud/tcr-cloud-reader.js';
import { EventHub, type MainEvents } from '../src-main/services/shared/event-hub.js';
import { RunStore } from '../src-main/services/sync-log/run-store.js';
import { AnnouncedRuns } from '../src-main/services/watcher/announced-runs.js';
import { RunWatcher } from '../src-main/services/watcher/run-watcher.js';

const { values } = parseArgs({
  options: {
    'sim-minutes': { type: 'string', default: '30' },
    trials: { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench-results/watcher.json' },
  },
});

function positiveInt(name: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer 1…${max}`);
  return value;
}

const SIM_MINUTES = positiveInt('sim-minutes', values['sim-minutes'], 24 * 60);
const TRIALS = positiveInt('trials', values.trials, 50);
const INSTANCES = 5;
const RULES_PER_INSTANCE = 10;
const IDLE_S = DEFAULT_SETTINGS.watchIdleSeconds;
const ACTIVE_S = DEFAULT_SETTINGS.watchActiveSeconds;
const S = 1000;
const MIN = 60 * S;
const WARM_UP_MIN = 5;
const T0 = Date.parse('2026-11-28T10:00:00.000Z');
const PROFILE_ID = '00000000-0000-4000-8000-00000000b001';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const profile: ProfileView = {
  id: PROFILE_ID,
  name: 'bench-watcher',
  uin: '100000000077',
  region: 'ap-guangzhou',
  endpoint: 'tcr.tencentcloudapi.com',
  colour: 'blue',
  production: false,
  secretIdMasked: '',
  source: 'manual',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  keysUpdatedAt: '2026-01-01T00:00:00.000Z',
};

const registryIdOf = (i: number) => `tcr-bench${String(i)}`;

function instanceRow(i: number, profileId = PROFILE_ID, registryId = registryIdOf(i)): InstanceRow {
  return {
    profileId,
    registryId,
    name: `bench-${String(i)}`,
    regionId: 1,
    regionName: 'ap-guangzhou',
    status: 'Running',
    spec: 'premium',
    publicDomain: '',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

function ruleRow(source: InstanceRow, policyId: number): RuleRow {
  return {
    profileId: source.profileId,
    source: {
      registryId: source.registryId,
      name: source.name,
      regionId: source.regionId,
      regionName: source.regionName,
    },
    policyId,
    name: `rule-${String(policyId)}`,
    description: '',
    filters: [],
    override: true,
    enabled: true,
    target: { raw: 'tcr-target', registryId: 'tcr-target' },
    sourceResource: source.registryId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

// ── 1. calls per minute, simulated ─────────────────────────────────────────────────────────────

/** A clock the benchmark moves: sleepers wake when it passes their time. */
class SimClock implements Clock {
  #now = T0;
  readonly #sleepers: { until: number; resolve: () => void }[] = [];

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
    for (const s of [...this.#sleepers]) {
      if (s.until > this.#now) continue;
      this.#sleepers.splice(this.#sleepers.indexOf(s), 1);
      s.resolve();
    }
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const sleeper = { until: this.#now + ms, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.#sleepers.indexOf(sleeper);
          if (at >= 0) this.#sleepers.splice(at, 1);
          reject(signal.reason as Error);
        },
        { once: true },
      );
    });
  }
}

type World = 'idle' | 'one rule per instance running' | 'every rule running';
const worlds: World[] = ['idle', 'one rule per instance running', 'every rule running'];
/** How long a simulated run takes; a new one starts as soon as one ends. */
const RUN_MS = 4 * MIN;

/**
 * The cloud of the simulation: each instance's runs as a function of the time. Three finished runs
 * of history each; then, by world, none, one rule at a time running back to back (rotating), or
 * every rule running back to back. Every 5th run fails (its tasks are read).
 */
class SimCloud implements Pick<CloudReader, 'runs' | 'runTasks' | 'describeError'> {
  readonly calls = new Map<string, number[]>();

  constructor(
    private readonly world: World,
    private readonly clock: SimClock,
  ) {}

  #count(action: string): void {
    const list = this.calls.get(action) ?? [];
    list.push(this.clock.now());
    this.calls.set(action, list);
  }

  #runsOf(registryId: string): CloudRun[] {
    const now = this.clock.now();
    const instance = Number(registryId.replace('tcr-bench', ''));
    const runs: CloudRun[] = [];
    const at = (ms: number) => new Date(ms).toISOString();
    const push = (runId: number, ruleId: number, start: number) => {
      const end = start + RUN_MS;
      const running = now < end;
      const failed = runId % 5 === 0;
      runs.push({
        runId,
        ruleId,
        status: running ? 'InProgress' : failed ? 'Failed' : 'Succeed',
        total: 4,
        succeeded: running ? 1 : failed ? 3 : 4,
        startTime: at(start),
        endTime: running ? '' : at(end),
      });
    };
    const firstRule = instance * RULES_PER_INSTANCE + 1;
    for (let h = 0; h < 3; h++) push(instance * 1_000_000 + h + 1, firstRule + h, T0 - (10 - h) * 3600 * S);
    if (this.world !== 'idle') {
      const rounds = Math.floor((now - T0) / RUN_MS) + 1;
      let id = instance * 1_000_000 + 100;
      for (let round = 0; round < rounds; round++) {
        const rules = this.world === 'every rule running' ? RULES_PER_INSTANCE : 1;
        for (let r = 0; r < rules; r++) {
          const ruleId = firstRule + (this.world === 'every rule running' ? r : round % RULES_PER_INSTANCE);
          push(++id, ruleId, T0 + round * RUN_MS);
        }
      }
    }
    return runs.sort((a, b) => b.runId - a.runId);
  }

  async runs(
    _target: CloudTarget,
    query: { registryId: string; ruleId?: number; page: number; pageSize: number },
  ): Promise<{ runs: CloudRun[]; total: number }> {
    this.#count('DescribeReplicationExecutions');
    const all = this.#runsOf(query.registryId).filter((r) => query.ruleId === undefined || r.ruleId === query.ruleId);
    const start = (query.page - 1) * query.pageSize;
    return { runs: all.slice(start, start + query.pageSize), total: all.length };
  }

  async runTasks(_target: CloudTarget, _registryId: string, runId: number) {
    this.#count('DescribeReplicationTasks');
    return Array.from({ length: 4 }, (_, i) => ({
      resourceType: 'image',
      source: `platform/app:${String(i)}`,
      destination: `platform/app:${String(i)}`,
      jobId: `job-${String(runId)}-${String(i)}`,
      status: i === 0 ? 'Failed' : 'Succeed',
      startTime: '',
      endTime: '',
    }));
  }

  describeError(error: unknown) {
    return { code: 'Bench', message: String(error), kind: 'other' as const };
  }
}

const instances = Array.from({ length: INSTANCES }, (_, i) => instanceRow(i));
const rules = instances.flatMap((inst, i) =>
  Array.from({ length: RULES_PER_INSTANCE }, (_, r) => ruleRow(inst, i * RULES_PER_INSTANCE + r + 1)),
);

interface Counts {
  callsPerMinute: number;
  maxInAnyMinute: number;
  byAction: Record<string, number>;
  finished: number;
}

function countsOf(calls: Map<string, number[]>, finished: number): Counts {
  const from = T0 + WARM_UP_MIN * MIN;
  const to = T0 + SIM_MINUTES * MIN;
  const all = [...calls.values()].flat().filter((t) => t >= from && t < to);
  const byAction: Record<string, number> = {};
  for (const [action, times] of calls) byAction[action] = times.filter((t) => t >= from && t < to).length;
  let maxInAnyMinute = 0;
  const sorted = [...calls.values()].flat().sort((a, b) => a - b);
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[j] ?? 0) <= (sorted[i] ?? 0) - MIN) j++;
    maxInAnyMinute = Math.max(maxInAnyMinute, i - j + 1);
  }
  return { callsPerMinute: round(all.length / (SIM_MINUTES - WARM_UP_MIN), 2), maxInAnyMinute, byAction, finished };
}

async function settle(watcher: RunWatcher): Promise<void> {
  let calm = 0;
  while (calm < 3) {
    await new Promise((resolve) => setImmediate(resolve));
    calm = watcher.polling === 0 ? calm + 1 : 0;
  }
}

/** The app's watcher, on the simulated clock. */
async function appWay(world: World): Promise<Counts> {
  const clock = new SimClock();
  const cloud = new SimCloud(world, clock);
  const dir = mkdtempSync(join(tmpdir(), 'tcr-bench-watcher-'));
  const events = new EventHub();
  let finished = 0;
  events.on('run:finished', () => finished++);
  const store = new RunStore(dir);
  await store.load();
  const announced = new AnnouncedRuns(dir);
  await announced.load();
  const settings: Settings = { ...DEFAULT_SETTINGS, watchIdleSeconds: IDLE_S, watchActiveSeconds: ACTIVE_S };
  const watcher = new RunWatcher({
    profiles: { list: () => [profile] },
    targets: { targetFor: async (p) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }) },
    instances: { view: () => ({ rows: instances, profiles: [], refreshing: false }) },
    rules: {
      view: (): RulesView => ({
        rows: rules,
        profiles: [{ profileId: PROFILE_ID, state: 'ok', fetchedAt: new Date(clock.now()).toISOString() }],
        refreshing: false,
      }),
      refresh: async () => undefined,
    },
    reader: cloud,
    store,
    announced,
    settings: { get: () => settings },
    events,
    clock,
    networkFingerprint: () => 'bench',
  });
  watcher.start();
  await settle(watcher);
  for (let t = 0; t < SIM_MINUTES * MIN; t += S) {
    clock.advance(S);
    await settle(watcher);
  }
  await watcher.stop();
  await store.flush();
  rmSync(dir, { recursive: true, force: true });
  return countsOf(cloud.calls, finished);
}

/** A naive watcher: each rule asked on its own, idle or active by its own last answer; no budget. */
async function naiveWay(world: World): Promise<Counts> {
  const clock = new SimClock();
  const cloud = new SimCloud(world, clock);
  const target: CloudTarget = { profileId: PROFILE_ID, endpoint: profile.endpoint, region: 'ap-guangzhou' };
  const next = new Map(rules.map((r) => [r.policyId, T0]));
  const running = new Map<number, Set<number>>();
  let finished = 0;
  for (let t = 0; t <= SIM_MINUTES * MIN; t += S) {
    const now = clock.now();
    for (const rule of rules) {
      if ((next.get(rule.policyId) ?? 0) > now) continue;
      const { runs } = await cloud.runs(target, {
        registryId: rule.source.registryId,
        ruleId: rule.policyId,
        page: 1,
        pageSize: 20,
      });
      const before = running.get(rule.policyId) ?? new Set<number>();
      for (const run of runs) {
        if (!before.has(run.runId) || run.status === 'InProgress') continue;
        finished++;
        if (run.status !== 'Succeed') await cloud.runTasks(target, rule.source.registryId, run.runId);
      }
      const now2 = new Set(runs.filter((r) => r.status === 'InProgress').map((r) => r.runId));
      running.set(rule.policyId, now2);
      next.set(rule.policyId, now + (now2.size > 0 ? ACTIVE_S : IDLE_S) * S);
    }
    clock.advance(S);
  }
  return countsOf(cloud.calls, finished);
}

// ── 2. delay in the real sandbox ───────────────────────────────────────────────────────────────

interface DelaySeries {
  runTimeMs: number;
  idleSeconds: number;
  activeSeconds: number;
  delaysMs: number[];
  medianMs: number;
  maxMs: number;
}

const ACME_PROD_GZ = 'tcr-8kq3m2zd';

/**
 * Pushes a new tag to the demo's acme-prod-gz (its rule platform-to-shanghai runs once per push),
 * one trial after the other, and measures from the run's end (push time + the sandbox's run time:
 * the sandbox ends a run exactly then) to its run:finished.
 */
async function delaySeries(runTimeMs: number, idleSeconds: number, activeSeconds: number): Promise<DelaySeries> {
  const sandbox = await startSandbox({ port: 0, runTimeMs, seed: demoSeed() });
  const acme = sandbox.accounts.find((a) => a.instances.some((i) => i.registryId === ACME_PROD_GZ));
  const gz = acme?.instances.find((i) => i.registryId === ACME_PROD_GZ);
  if (!acme || !gz) throw new Error('the demo seed has no acme-prod-gz');
  const sandboxProfile: ProfileView = { ...profile, uin: acme.uin, region: 'ap-guangzhou' };
  const reader = createTcrCloudReader(async () => ({ secretId: acme.secretId, secretKey: acme.secretKey }));
  const source = instanceRow(0, PROFILE_ID, ACME_PROD_GZ);
  source.regionName = gz.regionName;
  const sandboxRules = [1, 2, 3].map((id) => ruleRow(source, id));
  const dir = mkdtempSync(join(tmpdir(), 'tcr-bench-watcher-'));
  const events = new EventHub();
  const store = new RunStore(dir);
  await store.load();
  const announced = new AnnouncedRuns(dir);
  await announced.load();
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    watchIdleSeconds: idleSeconds,
    watchActiveSeconds: activeSeconds,
  };
  const watcher = new RunWatcher({
    profiles: { list: () => [sandboxProfile] },
    targets: { targetFor: async (p) => ({ profileId: p.id, endpoint: sandbox.endpoint, region: p.region }) },
    instances: { view: () => ({ rows: [source], profiles: [], refreshing: false }) },
    rules: {
      view: (): RulesView => ({
        rows: sandboxRules,
        profiles: [{ profileId: PROFILE_ID, state: 'ok', fetchedAt: new Date().toISOString() }],
        refreshing: false,
      }),
      refresh: async () => undefined,
    },
    reader,
    store,
    announced,
    settings: { get: () => settings },
    events,
    networkFingerprint: () => 'bench',
  });
  const arrivals = new Map<number, number>();
  const waiters = new Map<number, () => void>();
  events.on('run:finished', (f: MainEvents['run:finished']) => {
    arrivals.set(f.run.runId, Date.now());
    waiters.get(f.run.runId)?.();
  });
  watcher.start();
  // The first look (history, silent) is over before the first push.
  while (store.fetchedAt(PROFILE_ID, ACME_PROD_GZ) === undefined) await new Promise((r) => setTimeout(r, 50));
  const delaysMs: number[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    // Pushed at a random point of the watcher's idle wait, as a user would.
    await new Promise((r) => setTimeout(r, Math.random() * idleSeconds * S));
    const pushedAt = Date.now();
    const { executionIds } = sandbox.push({
      registryId: ACME_PROD_GZ,
      namespace: 'platform',
      repository: 'auth-service',
      tag: `bench-${String(runTimeMs)}-${String(trial)}`,
      kind: 'image',
    });
    const runId = executionIds[0];
    if (runId === undefined || executionIds.length !== 1) throw new Error('the push started no run');
    if (!arrivals.has(runId)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`run ${String(runId)} never announced`)), 5 * idleSeconds * S);
        waiters.set(runId, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    delaysMs.push((arrivals.get(runId) ?? 0) - (pushedAt + runTimeMs));
  }
  await watcher.stop();
  await store.flush();
  reader.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...delaysMs].sort((a, b) => a - b);
  return {
    runTimeMs,
    idleSeconds,
    activeSeconds,
    delaysMs,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
  };
}

async function main(): Promise<void> {
  const load = loadavg()[0] ?? 0;
  const calls: { world: World; app: Counts; naive: Counts }[] = [];
  for (const world of worlds) calls.push({ world, app: await appWay(world), naive: await naiveWay(world) });

  console.log(
    `\nAPI calls per minute, ${String(rules.length)} enabled rules on ${String(INSTANCES)} instances, ` +
      `idle ${String(IDLE_S)} s / active ${String(ACTIVE_S)} s (the default settings); simulated clock, ` +
      `minutes ${String(WARM_UP_MIN)}–${String(SIM_MINUTES)} of ${String(SIM_MINUTES)}, a run lasts ${String(RUN_MS / MIN)} min, every 5th fails\n`,
  );
  console.log(
    table([
      ['world', 'app: calls/min', 'max in a minute', 'naive (per rule): calls/min', 'max in a minute', 'ratio'],
      ...calls.map((c) => [
        c.world,
        c.app.callsPerMinute.toFixed(2),
        String(c.app.maxInAnyMinute),
        c.naive.callsPerMinute.toFixed(2),
        String(c.naive.maxInAnyMinute),
        `${String(round(c.naive.callsPerMinute / Math.max(c.app.callsPerMinute, 0.01)))}×`,
      ]),
    ]),
  );
  const idle = calls.find((c) => c.world === 'idle');
  const idleAim = INSTANCES / (IDLE_S / 60);
  const idleMet = (idle?.app.callsPerMinute ?? Infinity) <= idleAim;
  console.log(
    `\nAim, idle: at most one call per instance per idle interval (${idleAim.toFixed(2)}/min) — ${idleMet ? 'met' : 'MISSED'}.` +
      '\nThe budget (30 calls in any rolling minute, tasks and extra pages included) caps the busy worlds.',
  );

  const caughtRunning = await delaySeries(12_000, 10, 5);
  const shortRuns = await delaySeries(1_500, 10, 5);
  const series = [caughtRunning, shortRuns];
  console.log(
    `\nDelay from a run's end in the sandbox to run:finished (real sandbox, SDK and clock; ${String(TRIALS)} pushes each, ` +
      'idle 10 s / active 5 s — shorter than the settings allow, to keep the run short)\n',
  );
  console.log(
    table([
      ['runs', 'run time', 'median (ms)', 'max (ms)', 'each (ms)'],
      ...series.map((s) => [
        s.runTimeMs > s.idleSeconds * S ? 'longer than the idle interval' : 'shorter than the idle interval',
        `${String(s.runTimeMs / 1000)} s`,
        String(Math.round(s.medianMs)),
        String(Math.round(s.maxMs)),
        s.delaysMs.map((d) => String(Math.round(d))).join(' '),
      ]),
    ]),
  );
  const delayAimMs = caughtRunning.activeSeconds * S + S;
  const delayMet = caughtRunning.maxMs <= delayAimMs;
  console.log(
    `\nAim: a run seen in progress is announced within the active interval + 1 s (${String(delayAimMs)} ms) — ` +
      `${delayMet ? 'met' : 'MISSED'} (max ${String(Math.round(caughtRunning.maxMs))} ms).` +
      '\nA run that starts and ends between two idle polls is announced at the next poll: within the idle interval.',
  );

  const out = values.out;
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        benchmark: 'watcher',
        at: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        loadAverage: load,
        calls: {
          how: `simulated clock, ${String(SIM_MINUTES)} min in 1 s steps; calls of minutes ${String(WARM_UP_MIN)}–${String(SIM_MINUTES)} averaged; max = most calls in any rolling minute of the whole run`,
          rules: rules.length,
          instances: INSTANCES,
          idleSeconds: IDLE_S,
          activeSeconds: ACTIVE_S,
          runMinutes: RUN_MS / MIN,
          worlds: calls,
          idleAimPerMinute: idleAim,
          idleAimMet: idleMet,
        },
        delay: {
          how: 'real sandbox over the SDK, real clock; from push time + the sandbox run time (when the sandbox ends the run) to run:finished',
          series,
          aimMs: delayAimMs,
          aimMet: delayMet,
        },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${out}`);
  if (!idleMet || !delayMet) process.exitCode = 1;
}

void main();
