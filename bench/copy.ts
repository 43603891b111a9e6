// Benchmark: the copy engine of "sync now" against `skopeo sync`, registry to registry, in one run.
// One fixture set (default ~290 MB: 12 images in 3 repositories, 40 layers of incompressible bytes
// from 64 KiB to 40 MiB, several shared within and across repositories, a multi-arch index, a Helm
// chart) is pushed into a source registry (Debian's docker-registry) with skopeo, untimed. Each
// trial, for each tool (order alternating): a fresh target registry behind a counting TCP proxy,
// the first copy of every tag, a check that every tag, child manifest and blob is on the target,
// then the second (no-op) copy into the same target and the check again. The engine runs in a
// child Node process so its peak RSS is its own. Then the engine alone copies one image of a
// single 50 MB blob and one of a single 400 MB blob (each into a fresh target), for its peak RSS.
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  REGISTRY_PASSWORD,
  REGISTRY_USER,
  startRegistry,
  type TestRegistry,
} from '../tests/integration/helpers/registry.js';
import { buildMainSet, buildSingleBlobSet, type FixtureSet, type FixtureTag } from './copy-fixtures.js';
import { type CountingProxy, startCountingProxy } from './copy-proxy.js';
import {
  childMain,
  type ChildJob,
  type CopyItem,
  runEngine,
  runSkopeoSync,
  skopeoPushAll,
  type ToolRun,
  verifyTags,
} from './copy-tools.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    trials: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench-results/copy.json' },
    child: { type: 'string' },
  },
});

const MB = 1_000_000;
const credentials = { username: REGISTRY_USER, password: REGISTRY_PASSWORD };
const SOURCE_PREFIX = 'bench';
const TARGET_PREFIX = 'mirror';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** skopeo sync keeps a repository's last segment; the engine is given the same target names. */
const targetRepoOf = (t: FixtureTag): string => `${TARGET_PREFIX}/${t.repo.split('/').pop() ?? t.repo}`;
const itemsOf = (tags: FixtureTag[]): CopyItem[] =>
  tags.map((t) => ({ sourceRepo: t.repo, tag: t.tag, targetRepo: targetRepoOf(t) }));

type Tool = 'engine' | 'skopeo';
interface Pair {
  first: ToolRun;
  second: ToolRun;
}

async function main(): Promise<void> {
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale < 0.001 || scale > 4) throw new Error('--scale must be a number 0.001…4');
  const trials = Number(values.trials);
  if (!Number.isInteger(trials) || trials < 1 || trials > 20) throw new Error('--trials must be an integer 1…20');
  const bundle = process.argv[1] ?? '';
  const loadAtStart = loadavg()[0] ?? 0;
  if (loadAtStart >= 1.5) console.warn(`warning: load average ${loadAtStart.toFixed(2)} ≥ 1.5, timings will be noisy`);

  const work = await mkdtemp(join(tmpdir(), 'tcr-bench-copy-'));
  const running: { stop: () => Promise<void> }[] = [];
  const started = <T extends { stop: () => Promise<void> }>(thing: T): T => {
    running.push(thing);
    return thing;
  };
  const stop = async (thing: { stop: () => Promise<void> }): Promise<void> => {
    running.splice(running.indexOf(thing), 1);
    await thing.stop();
  };
  try {
    // ---- fixtures (untimed) ----
    let t0 = Date.now();
    const mainSet = await buildMainSet(join(work, 'main-layout'), SOURCE_PREFIX, scale);
    const singleSizes = [50, 400].map((mb) => Math.max(1024, Math.round(mb * MB * scale)));
    const single = await buildSingleBlobSet(
      join(work, 'single-layout'),
      singleSizes.map((size, i) => ({ repo: `${SOURCE_PREFIX}/single-${String(i === 0 ? 50 : 400)}mb`, size })),
    );
    console.log(
      `fixtures: ${String(mainSet.tags.length)} tags, ${String(mainSet.blobCount)} blobs, ` +
        `${(mainSet.blobBytes / MB).toFixed(1)} MB; single blobs ${singleSizes.map((s) => (s / MB).toFixed(1)).join(' and ')} MB ` +
        `(${String(Math.round((Date.now() - t0) / 1000))} s)`,
    );
    t0 = Date.now();
    const source = started(await startRegistry('basic'));
    await skopeoPushAll(mainSet.layoutDir, mainSet.tags, source.host, credentials);
    await skopeoPushAll(single.layoutDir, single.tags, source.host, credentials);
    await verifyTags(source.url, credentials, [...mainSet.tags, ...single.tags], (t) => t.repo);
    await rm(mainSet.layoutDir, { recursive: true, force: true });
    await rm(single.layoutDir, { recursive: true, force: true });
    console.log(`pushed to the source registry (${String(Math.round((Date.now() - t0) / 1000))} s)`);

    const withTarget = async <T>(use: (target: TestRegistry, proxy: CountingProxy) => Promise<T>): Promise<T> => {
      const target = started(await startRegistry('basic'));
      const proxy = started(await startCountingProxy(target.host));
      try {
        return await use(target, proxy);
      } finally {
        await stop(proxy);
        await stop(target);
      }
    };
    const engineJob = (proxy: CountingProxy, tags: FixtureTag[]): ChildJob => ({
      sourceUrl: source.url,
      targetUrl: `http://${proxy.host}`,
      credentials,
      items: itemsOf(tags),
    });
    const jobPath = join(work, 'job.json');
    const runTool = async (tool: Tool, set: FixtureSet): Promise<Pair> =>
      withTarget(async (target, proxy) => {
        const once = (): Promise<ToolRun> =>
          tool === 'engine'
            ? runEngine(bundle, jobPath, engineJob(proxy, set.tags), proxy.sent)
            : runSkopeoSync(work, source.host, proxy.host, TARGET_PREFIX, credentials, itemsOf(set.tags), proxy.sent);
        const first = await once();
        await verifyTags(target.url, credentials, set.tags, targetRepoOf);
        const second = await once();
        await verifyTags(target.url, credentials, set.tags, targetRepoOf);
        return { first, second };
      });

    // ---- trials ----
    const runs: Record<Tool, Pair[]> = { engine: [], skopeo: [] };
    for (let trial = 0; trial < trials; trial += 1) {
      const order: Tool[] = trial % 2 === 0 ? ['engine', 'skopeo'] : ['skopeo', 'engine'];
      for (const tool of order) {
        const pair = await runTool(tool, mainSet);
        runs[tool].push(pair);
        console.log(
          `trial ${String(trial + 1)} ${tool.padEnd(6)}: first ${(pair.first.wallMs / 1000).toFixed(2)} s, ` +
            `second ${(pair.second.wallMs / 1000).toFixed(2)} s, sent ${(pair.first.sentBytes / MB).toFixed(1)} MB / ` +
            `${(pair.second.sentBytes / 1000).toFixed(1)} kB, peak RSS ${(Math.max(pair.first.maxRssKiB, pair.second.maxRssKiB) / 1024).toFixed(0)} MiB`,
        );
      }
    }

    // ---- memory: one image of one blob, 50 MB then 400 MB; and a child that copies nothing ----
    const idle = await withTarget((_target, proxy) => runEngine(bundle, jobPath, engineJob(proxy, []), proxy.sent));
    const memory = [];
    for (const [i, tag] of single.tags.entries()) {
      const run = await withTarget(async (target, proxy) => {
        const r = await runEngine(bundle, jobPath, engineJob(proxy, [tag]), proxy.sent);
        await verifyTags(target.url, credentials, [tag], targetRepoOf);
        return r;
      });
      memory.push({ blobBytes: singleSizes[i] ?? 0, ...run });
    }

    // ---- summary ----
    const summarise = (pairs: Pair[]) => ({
      firstS: round(median(pairs.map((p) => p.first.wallMs)) / 1000, 3),
      secondS: round(median(pairs.map((p) => p.second.wallMs)) / 1000, 3),
      firstSentBytes: median(pairs.map((p) => p.first.sentBytes)),
      secondSentBytes: median(pairs.map((p) => p.second.sentBytes)),
      peakRssMiB: round(Math.max(...pairs.flatMap((p) => [p.first.maxRssKiB, p.second.maxRssKiB])) / 1024, 1),
    });
    const engine = summarise(runs.engine);
    const skopeo = summarise(runs.skopeo);
    const engineInProcess = {
      firstS: round(median(runs.engine.map((p) => p.first.child?.copyMs ?? 0)) / 1000, 3),
      secondS: round(median(runs.engine.map((p) => p.second.child?.copyMs ?? 0)) / 1000, 3),
    };
    const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 2) : null);
    const mb = (bytes: number) => (bytes / MB).toFixed(1);
    const kb = (bytes: number) => (bytes / 1000).toFixed(1);
    console.log(
      `\nCopy of ${String(mainSet.tags.length)} tags (${mb(mainSet.blobBytes)} MB), median of ${String(trials)} trials ` +
        `(wall time of the process, start-up included):\n`,
    );
    console.log(
      table([
        ['tool', 'first run s', 'second run s', 'sent first MB', 'sent second kB', 'peak RSS MiB'],
        [
          'engine (child process)',
          engine.firstS.toFixed(2),
          engine.secondS.toFixed(2),
          mb(engine.firstSentBytes),
          kb(engine.secondSentBytes),
          engine.peakRssMiB.toFixed(0),
        ],
        [
          'skopeo sync (yaml, --all)',
          skopeo.firstS.toFixed(2),
          skopeo.secondS.toFixed(2),
          mb(skopeo.firstSentBytes),
          kb(skopeo.secondSentBytes),
          skopeo.peakRssMiB.toFixed(0),
        ],
        [
          'ratio engine / skopeo',
          `${String(ratio(engine.firstS, skopeo.firstS))}×`,
          `${String(ratio(engine.secondS, skopeo.secondS))}×`,
          `${String(ratio(engine.firstSentBytes, skopeo.firstSentBytes))}×`,
          `${String(ratio(engine.secondSentBytes, skopeo.secondSentBytes))}×`,
          `${String(ratio(engine.peakRssMiB, skopeo.peakRssMiB))}×`,
        ],
      ]),
    );
    console.log(
      `\nengine inside its process (no Node start-up): first ${engineInProcess.firstS.toFixed(2)} s, ` +
        `second ${engineInProcess.secondS.toFixed(2)} s\n\nEngine peak RSS by blob size (one image of one blob):\n`,
    );
    console.log(
      table([
        ['blob', 'copy s', 'sent MB', 'peak RSS MiB'],
        [
          'none (child that copies nothing)',
          (idle.wallMs / 1000).toFixed(2),
          mb(idle.sentBytes),
          (idle.maxRssKiB / 1024).toFixed(0),
        ],
        ...memory.map((m) => [
          `${mb(m.blobBytes)} MB`,
          (m.wallMs / 1000).toFixed(2),
          mb(m.sentBytes),
          (m.maxRssKiB / 1024).toFixed(0),
        ]),
      ]),
    );

    const loadAtEnd = loadavg()[0] ?? 0;
    const result = {
      benchmark: 'copy',
      at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: { atStart: round(loadAtStart), atEnd: round(loadAtEnd) },
      // The load at the end includes this benchmark's own processes; the machine was quiet if it started quiet.
      quiet: loadAtStart < 1.5,
      scale,
      trials,
      registry: 'Debian docker-registry (distribution 2.8), htpasswd Basic auth, 127.0.0.1',
      skopeo:
        'skopeo sync --src yaml --dest docker --all --preserve-digests (one process, every repository and tag listed)',
      timing: 'wall time of each tool process, start-up included; median of trials',
      sentBytes: 'bytes from the tool to the target registry (headers and bodies), counted by a TCP proxy',
      fixtures: {
        tags: mainSet.tags.map((t) => `${t.repo}:${t.tag}`),
        blobs: mainSet.blobCount,
        bytes: mainSet.blobBytes,
      },
      engine: { ...engine, inProcess: engineInProcess },
      skopeoSync: skopeo,
      ratio: {
        first: ratio(engine.firstS, skopeo.firstS),
        second: ratio(engine.secondS, skopeo.secondS),
        firstSent: ratio(engine.firstSentBytes, skopeo.firstSentBytes),
      },
      memory: {
        idleChildRssMiB: round(idle.maxRssKiB / 1024, 1),
        singleBlob: memory.map((m) => ({
          blobBytes: m.blobBytes,
          seconds: round(m.wallMs / 1000, 3),
          sentBytes: m.sentBytes,
          peakRssMiB: round(m.maxRssKiB / 1024, 1),
        })),
      },
      trialsDetail: (['engine', 'skopeo'] as const).map((tool) => ({
        tool,
        runs: runs[tool].map((p) => ({
          first: {
            seconds: round(p.first.wallMs / 1000, 3),
            sentBytes: p.first.sentBytes,
            maxRssKiB: p.first.maxRssKiB,
          },
          second: {
            seconds: round(p.second.wallMs / 1000, 3),
            sentBytes: p.second.sentBytes,
            maxRssKiB: p.second.maxRssKiB,
          },
          ...(p.first.child ? { outcomes: [p.first.child.outcomes, p.second.child?.outcomes] } : {}),
        })),
      })),
    };
    const out = values.out;
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwrote ${out}`);
  } finally {
    for (const thing of running.reverse()) await thing.stop().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

const entry = values.child ? childMain(values.child) : main();
entry.catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
