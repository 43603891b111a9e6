// Benchmark: a full refresh of every profile (DescribeInstances in all regions, all pages)
// against the sandbox with injected latency, done the app's way (the InstanceService's refresh:
// profiles in parallel, pages concurrently, paced by the rate limiter) and one call at a time
// through the same gateway, in one run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProfileView } from '../src-main/contract/index.js';
import { startSandbox, type RunningSandbox } from '../src-main/sandbox/index.js';
import { EventHub } from '../src-main/services/shared/event-hub.js';
import { InstanceCache } from '../src-main/services/instances/instance-cache.js';
import { InstanceService } from '../src-main/services/instances/instance-service.js';
import { createTcrCloudReader } from '../src-main/services/cloud/tcr-cloud-reader.js';
import { BENCH_REGIONS, benchSeed } from './refresh-seed.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10' },
    regions: { type: 'string', default: '3' },
    'instances-per-region': { type: 'string', default: '1' },
    'latency-ms': { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench-results/refresh.json' },
  },
});

function positiveInt(name: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer 1…${max}`);
  return value;
}

const world = {
  accounts: positiveInt('accounts', values.accounts, 50),
  regions: positiveInt('regions', values.regions, BENCH_REGIONS.length),
  instancesPerRegion: positiveInt('instances-per-region', values['instances-per-region'], 100),
};
const latencyMs = positiveInt('latency-ms', values['latency-ms'], 10_000);
const runs = positiveInt('runs', values.runs, 20);

interface Scenario {
  name: string;
  /** Items per DescribeInstances page: 100 is what the app asks for. */
  pageSize: number;
}

interface Measured {
  runsMs: number[];
  medianMs: number;
  requests: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function profileOf(name: string): ProfileView {
  return {
    id: name,
    name,
    uin: '',
    region: BENCH_REGIONS[0],
    endpoint: 'sandbox',
    colour: 'blue',
    production: false,
    secretIdMasked: '',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function measure(
  sandbox: RunningSandbox,
  scenario: Scenario,
  mode: 'app' | 'sequential',
  expectedInstances: number,
): Promise<Measured> {
  let requests = 0;
  const keys = new Map(sandbox.accounts.map((a) => [a.name, { secretId: a.secretId, secretKey: a.secretKey }]));
  const reader = createTcrCloudReader(
    async (profileId) => {
      const pair = keys.get(profileId);
      if (!pair) throw new Error(`no keys for ${profileId}`);
      return pair;
    },
    { pageSize: scenario.pageSize, pageConcurrency: mode === 'app' ? 8 : 1, onAttempt: () => (requests += 1) },
  );
  const profiles = sandbox.accounts.map((a) => profileOf(a.name));
  const targetFor = async (p: ProfileView) => ({ profileId: p.id, endpoint: sandbox.endpoint, region: p.region });
  const cacheDir = mkdtempSync(join(tmpdir(), 'tcr-bench-'));
  const service = new InstanceService({
    profiles: { list: () => profiles },
    targets: { targetFor },
    reader,
    cache: new InstanceCache(cacheDir),
    events: new EventHub(),
  });
  const refreshApp = async (): Promise<number> => {
    const view = await service.refresh();
    const failed = view.profiles.find((p) => p.state === 'error');
    if (failed) throw new Error(`${failed.profileId}: ${failed.error?.code} ${failed.error?.message}`);
    return view.rows.length;
  };
  const refreshSequential = async (): Promise<number> => {
    let total = 0;
    for (const p of profiles) total += (await reader.instances(await targetFor(p))).length;
    return total;
  };
  const refresh = mode === 'app' ? refreshApp : refreshSequential;
  const runsMs: number[] = [];
  try {
    for (let run = 0; run <= runs; run += 1) {
      // The rate limiter's buckets refill between runs, as they would between two refreshes.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      requests = 0;
      const started = performance.now();
      const found = await refresh();
      const elapsed = performance.now() - started;
      if (found !== expectedInstances)
        throw new Error(`${mode}: found ${found} instances, expected ${expectedInstances}`);
      if (run > 0) runsMs.push(Math.round(elapsed)); // run 0 warms up (JIT, connections)
    }
  } finally {
    reader.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return { runsMs, medianMs: median(runsMs), requests };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    seed: benchSeed(world),
    faults: [{ kind: 'latency', action: '*', latencyMs }],
  });
  const expectedInstances = world.accounts * world.regions * world.instancesPerRegion;
  const perAccount = world.regions * world.instancesPerRegion;
  // Small pages make every account's list three pages long, so concurrent paging shows too.
  const smallPage = Math.max(1, Math.ceil(perAccount / 3));
  const scenarios: Scenario[] = [
    { name: 'page size 100 (the app)', pageSize: 100 },
    { name: `page size ${smallPage} (3 pages each)`, pageSize: smallPage },
  ];
  const results = [];
  try {
    for (const scenario of scenarios) {
      const app = await measure(sandbox, scenario, 'app', expectedInstances);
      const sequential = await measure(sandbox, scenario, 'sequential', expectedInstances);
      results.push({
        scenario: scenario.name,
        pageSize: scenario.pageSize,
        requestsPerRefresh: app.requests,
        app,
        sequential,
        ratio: Math.round((sequential.medianMs / app.medianMs) * 10) / 10,
        appRoundTrips: Math.round((app.medianMs / latencyMs) * 10) / 10,
      });
    }
  } finally {
    await sandbox.close();
  }

  console.log(
    `\nFull refresh: ${world.accounts} accounts × ${world.regions} regions × ${world.instancesPerRegion} instance(s), ` +
      `${latencyMs} ms latency on every action, median of ${runs} runs\n`,
  );
  console.log(
    table([
      ['scenario', 'requests', "app's way (ms)", '= round trips', 'one at a time (ms)', 'ratio'],
      ...results.map((r) => [
        r.scenario,
        String(r.requestsPerRefresh),
        String(r.app.medianMs),
        (r.app.medianMs / latencyMs).toFixed(1),
        String(r.sequential.medianMs),
        `${r.ratio}×`,
      ]),
    ]),
  );
  console.log(
    "\nA round trip is one request's latency: the aim is a refresh costing its longest chain of dependent" +
      ' calls\n(one page, then the remaining pages together), not the sum of all calls. The app is paced by' +
      ' the\nclient-side rate limiter (20 req/s, burst 20, per endpoint, account and action).',
  );
  const out = values.out;
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        benchmark: 'refresh',
        at: new Date().toISOString(),
        node: process.version,
        world,
        latencyMs,
        runs,
        rateLimit: { ratePerSecond: 20, burst: 20 },
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
