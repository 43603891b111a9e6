// The copy benchmark's two tools and its checks. The app's engine runs in a child Node process
// (this same bundle, re-run with `--child <job.json>`) so its peak RSS is its own; `skopeo sync`
// runs under `/usr/bin/time` for the same figure. Both read the source registry directly and
// write to the target through a counting proxy. The checks ask the registry API itself.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { copyArtifacts, type CopyArtifact } from '../src-main/oci/copy-engine.js';
import { RegistryClient } from '../src-main/oci/registry-client.js';
import type { FixtureTag } from './copy-fixtures.js';

export interface Credentials {
  username: string;
  password: string;
}

/** One copy: the source repository and tag, and the target repository (same tag). */
export interface CopyItem {
  sourceRepo: string;
  tag: string;
  targetRepo: string;
}

export interface ChildJob {
  sourceUrl: string;
  targetUrl: string;
  credentials: Credentials;
  items: CopyItem[];
}

export interface ChildReport {
  copyMs: number;
  maxRssKiB: number;
  outcomes: Record<string, number>;
  /** What the engine says it sent (blob bytes); compared with the proxy's count only for reference. */
  engineBytesSent: number;
  errors: string[];
}

export interface ToolRun {
  /** Wall time of the whole process, start-up included. */
  wallMs: number;
  maxRssKiB: number;
  /** Bytes the counting proxy saw going to the target registry. */
  sentBytes: number;
  child?: ChildReport;
}

/** `--child <job.json>`: runs the engine over the job and prints its report as one JSON line. */
export async function childMain(jobPath: string): Promise<void> {
  const job = JSON.parse(await readFile(jobPath, 'utf8')) as ChildJob;
  const source = new RegistryClient({ baseUrl: job.sourceUrl, credentials: job.credentials });
  const target = new RegistryClient({ baseUrl: job.targetUrl, credentials: job.credentials });
  const artifacts: CopyArtifact[] = job.items.map((item) => ({
    source: { client: source, repo: item.sourceRepo, reference: item.tag },
    target: { client: target, repo: item.targetRepo, tag: item.tag },
    override: true,
  }));
  const started = performance.now();
  const results = await copyArtifacts(artifacts);
  const copyMs = performance.now() - started;
  const outcomes: Record<string, number> = {};
  for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  const report: ChildReport = {
    copyMs,
    maxRssKiB: process.resourceUsage().maxRSS,
    outcomes,
    engineBytesSent: results.reduce((sum, r) => sum + r.bytesSent, 0),
    errors: results.flatMap((r, i) =>
      r.error ? [`${job.items[i]?.sourceRepo ?? '?'}:${job.items[i]?.tag ?? '?'}: ${r.error.message}`] : [],
    ),
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

function runProcess(command: string, args: string[]): Promise<Exited> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8000);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, wallMs: performance.now() - started }));
  });
}

export async function runEngine(
  bundle: string,
  jobPath: string,
  job: ChildJob,
  proxySent: () => number,
): Promise<ToolRun> {
  await writeFile(jobPath, JSON.stringify(job));
  const before = proxySent();
  const exited = await runProcess(process.execPath, [bundle, '--child', jobPath]);
  const sentBytes = proxySent() - before;
  const line = exited.stdout.trim().split('\n').pop() ?? '';
  if (exited.code !== 0 || !line.startsWith('{')) {
    throw new Error(`engine child exited ${String(exited.code)}: ${exited.stderr || exited.stdout}`);
  }
  const child = JSON.parse(line) as ChildReport;
  if (child.errors.length > 0) throw new Error(`engine failed:\n${child.errors.join('\n')}`);
  return { wallMs: exited.wallMs, maxRssKiB: child.maxRssKiB, sentBytes, child };
}

/**
 * `skopeo sync --src yaml --dest docker --all --preserve-digests`: one process for the whole tag
 * set (the YAML names each repository of the source and its tags). skopeo keeps only a
 * repository's last segment under the destination, so targets are `<targetPrefix>/<last segment>`.
 */
export async function runSkopeoSync(
  dir: string,
  sourceHost: string,
  targetHost: string,
  targetPrefix: string,
  credentials: Credentials,
  items: CopyItem[],
  proxySent: () => number,
): Promise<ToolRun> {
  const byRepo = new Map<string, string[]>();
  for (const item of items) byRepo.set(item.sourceRepo, [...(byRepo.get(item.sourceRepo) ?? []), item.tag]);
  const yaml =
    `${sourceHost}:\n  tls-verify: false\n  credentials:\n` +
    `    username: ${credentials.username}\n    password: ${credentials.password}\n  images:\n` +
    [...byRepo].map(([repo, tags]) => `    ${repo}:\n${tags.map((t) => `      - "${t}"\n`).join('')}`).join('');
  const yamlPath = join(dir, 'skopeo-sync.yaml');
  const rssPath = join(dir, 'skopeo-rss.txt');
  await writeFile(yamlPath, yaml);
  const before = proxySent();
  const exited = await runProcess('/usr/bin/time', [
    '-f',
    '%M',
    '-o',
    rssPath,
    'skopeo',
    '--insecure-policy',
    'sync',
    '--src',
    'yaml',
    '--dest',
    'docker',
    '--all',
    '--preserve-digests',
    '--dest-creds',
    `${credentials.username}:${credentials.password}`,
    '--dest-tls-verify=false',
    yamlPath,
    `${targetHost}/${targetPrefix}`,
  ]);
  const sentBytes = proxySent() - before;
  if (exited.code !== 0) throw new Error(`skopeo sync exited ${String(exited.code)}: ${exited.stderr}`);
  const maxRssKiB = Number((await readFile(rssPath, 'utf8')).trim().split('\n').pop());
  return { wallMs: exited.wallMs, maxRssKiB, sentBytes };
}

/** `skopeo copy --all --preserve-digests oci:<layout>:<ref> docker://…` for each tag, a few at once. */
export async function skopeoPushAll(
  layoutDir: string,
  tags: FixtureTag[],
  host: string,
  credentials: Credentials,
): Promise<void> {
  const queue = [...tags];
  const worker = async (): Promise<void> => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      const exited = await runProcess('skopeo', [
        '--insecure-policy',
        'copy',
        '--all',
        '--preserve-digests',
        '--quiet',
        '--dest-creds',
        `${credentials.username}:${credentials.password}`,
        '--dest-tls-verify=false',
        `oci:${layoutDir}:${t.refName}`,
        `docker://${host}/${t.repo}:${t.tag}`,
      ]);
      if (exited.code !== 0) throw new Error(`skopeo copy ${t.refName} failed: ${exited.stderr}`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/**
 * Every tag on `registryUrl` (its repository mapped by `repoOf`) names the fixture's digest, and
 * every child manifest and blob it references is there; throws with the list of what is not.
 */
export async function verifyTags(
  registryUrl: string,
  credentials: Credentials,
  tags: FixtureTag[],
  repoOf: (tag: FixtureTag) => string,
): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const head = async (path: string): Promise<Response> => {
    const response = await fetch(`${registryUrl}/v2/${path}`, {
      method: 'HEAD',
      headers: { authorization, accept: ACCEPT },
    });
    await response.body?.cancel();
    return response;
  };
  const problems: string[] = [];
  for (const t of tags) {
    const repo = repoOf(t);
    const top = await head(`${repo}/manifests/${t.tag}`);
    const digest = top.headers.get('docker-content-digest');
    if (top.status !== 200 || digest !== t.digest) {
      problems.push(`${repo}:${t.tag} is ${String(top.status)} ${digest ?? '-'}, expected ${t.digest}`);
      continue;
    }
    for (const child of t.children) {
      const r = await head(`${repo}/manifests/${child}`);
      if (r.status !== 200) problems.push(`${repo}@${child} (child of ${t.tag}) is ${String(r.status)}`);
    }
    for (const blob of new Set(t.blobs)) {
      const r = await head(`${repo}/blobs/${blob}`);
      if (r.status !== 200) problems.push(`${repo} blob ${blob} (of ${t.tag}) is ${String(r.status)}`);
    }
  }
  if (problems.length > 0) throw new Error(`copy check failed at ${registryUrl}:\n${problems.join('\n')}`);
}
