// The sandbox's in-process OCI registries (the demo's instances): skopeo pushes and reads with an
// instance token through the sandbox's token service, the app's copy engine copies between two
// of them, and the sandbox's list actions answer what they hold. Protocol details (mount, chunk
// offsets, paging, refusals) are checked with plain HTTP requests.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppCore, type AppCore } from '../../src-main/app/create-app.js';
import { startEmbeddedSandbox } from '../../src-main/app/embedded-sandbox.js';
import type { SyncRun } from '../../src-main/contract/index.js';
import { copyArtifacts } from '../../src-main/oci/copy-engine.js';
import { RegistryClient } from '../../src-main/oci/registry-client.js';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { type Built, helmChart, image, multiArch, writeLayout } from './helpers/oci-layout.js';
import { sha256 } from './helpers/registry.js';
import { instanceNamed, sdkClients, tcrClient } from './helpers/sandbox-sdk.js';
import { skopeoDigestAs, skopeoPushAs } from './helpers/sandbox-token-registry.js';
import { WORKER_PATH } from './helpers/worker-path.js';

const run = promisify(execFile);

const base = Buffer.from('shared base layer\n'.repeat(500));
const app = image([base, Buffer.from('app layer\n')], { label: 'app' });
const multi = multiArch(['amd64', 'arm64'], (arch) => Buffer.from(`binary for ${arch}\n`));
const chart = helmChart('mychart', '0.1.0');

interface Instance {
  registryId: string;
  host: string;
  creds: { username: string; password: string };
}

let sandbox: RunningSandbox;
let source: Instance;
let target: Instance;

async function backed(name: string, on: RunningSandbox = sandbox): Promise<Instance> {
  const { registryId, regionName } = instanceNamed(on, name);
  const client = tcrClient(on, 0, regionName);
  const { Registries } = await client.DescribeInstances({ Registryids: [registryId] });
  const host = Registries?.[0]?.PublicDomain ?? '';
  const made = await client.CreateInstanceToken({ RegistryId: registryId, TokenType: 'temp' });
  return { registryId, host, creds: { username: made.Username!, password: made.Token! } };
}

const clientOf = (instance: Instance, chunkSize?: number) =>
  new RegistryClient({
    baseUrl: `http://${instance.host}`,
    credentials: instance.creds,
    ...(chunkSize ? { chunkSize } : {}),
  });

async function createNamespaces(instance: Instance, region: string, names: string[]): Promise<void> {
  const client = tcrClient(sandbox, 0, region);
  for (const name of names) {
    await client.CreateNamespace({ RegistryId: instance.registryId, NamespaceName: name, IsPublic: false });
  }
}

/** A token for `scope` from the sandbox's token service, as a registry client would get one. */
async function token(instance: Instance, ...scopes: string[]): Promise<string> {
  const url = new URL(`${sandbox.endpoint}/service/token`);
  url.searchParams.set('service', instance.registryId);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  const basic = Buffer.from(`${instance.creds.username}:${instance.creds.password}`).toString('base64');
  const reply = await fetch(url, { headers: { authorization: `Basic ${basic}` } });
  return ((await reply.json()) as { token: string }).token;
}

/** The digest of the manifest bytes `skopeo inspect --raw` reads (works for Helm charts too). */
async function rawDigest(host: string, ref: string, creds: Instance['creds']): Promise<string> {
  const { stdout } = await run(
    'skopeo',
    [
      '--insecure-policy',
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      `${creds.username}:${creds.password}`,
      `docker://${host}/${ref}`,
    ],
    { timeout: 60_000, encoding: 'buffer' },
  );
  return sha256(stdout);
}

function registryFetch(instance: Instance, path: string, bearer: string | undefined, init: RequestInit = {}) {
  return fetch(`http://${instance.host}${path}`, {
    ...init,
    redirect: 'manual',
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(init.headers as Record<string, string>) },
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ demoRegistries: 'in-process', runTimeMs: 100 });
  [source, target] = await Promise.all([backed('acme-prod-gz'), backed('acme-prod-sh')]);
  // As in TCR, a push goes only into an existing namespace.
  await createNamespaces(source, 'ap-guangzhou', ['team']);
  await createNamespaces(target, 'ap-shanghai', ['team', 'charts', 'base']);
  const entries: { tag: string; top: Built; extra?: Built[]; ref: string }[] = [
    { tag: 'app', top: app, ref: 'team/deep/app:v1' },
    { tag: 'multi', top: multi.index, extra: multi.children, ref: 'team/multi:v1' },
    { tag: 'chart', top: chart, ref: 'charts/mychart:0.1.0' },
  ];
  const layout = await writeLayout(entries);
  try {
    for (const e of entries) await skopeoPushAs(layout, e.tag, source.host, e.ref, source.creds);
  } finally {
    await rm(layout, { recursive: true, force: true });
  }
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

describe('in-process registries of the demo', () => {
  it('give each instance its own 127.0.0.1 registry as PublicDomain', () => {
    expect(source.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(target.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(source.host).not.toBe(target.host);
  });

  it('refuse a push into a namespace the instance does not have', async () => {
    const bearer = await token(source, 'repository:nowhere/app:pull,push');
    const refused = await registryFetch(source, '/v2/nowhere/app/blobs/uploads/', bearer, { method: 'POST' });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('NAME_UNKNOWN');
    const unnamespaced = await token(source, 'repository:app:pull,push');
    const bare = await registryFetch(source, '/v2/app/manifests/v1', unnamespaced, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      body: app.bytes,
    });
    expect(bare.status).toBe(404);
  });

  it('hold what skopeo pushed (a single-arch image, a multi-arch index, a Helm chart)', async () => {
    expect(await skopeoDigestAs(source.host, 'team/deep/app:v1', source.creds)).toBe(app.digest);
    expect(await skopeoDigestAs(source.host, 'team/multi:v1', source.creds)).toBe(multi.index.digest);
    expect(await rawDigest(source.host, 'charts/mychart:0.1.0', source.creds)).toBe(chart.digest);
  });

  it('are what DescribeRepositories and DescribeImages answer', async () => {
    const client = tcrClient(sandbox, 0, 'ap-guangzhou');
    const repos = await client.DescribeRepositories({ RegistryId: source.registryId, NamespaceName: 'team' });
    expect(repos.RepositoryList?.map((r) => r.Name).sort()).toEqual(['team/deep/app', 'team/multi']);
    const images = await client.DescribeImages({
      RegistryId: source.registryId,
      NamespaceName: 'charts',
      RepositoryName: 'mychart',
    });
    expect(images.ImageInfoList).toMatchObject([{ ImageVersion: '0.1.0', Digest: chart.digest, Kind: 'chart' }]);
    // The seed's tags are there too, as real content.
    const gateway = await client.DescribeImages({
      RegistryId: source.registryId,
      NamespaceName: 'platform',
      RepositoryName: 'api-gateway',
    });
    expect(gateway.TotalCount).toBe(5);
  });

  it('copy between two instances with the app’s copy engine, checked with skopeo', async () => {
    const from = clientOf(source);
    const to = clientOf(target, 64 * 1024);
    const refs = [
      ['team/deep/app', 'v1', app.digest],
      ['team/multi', 'v1', multi.index.digest],
      ['charts/mychart', '0.1.0', chart.digest],
      ['base/alpine', '3.20', undefined],
    ] as const;
    const results = await copyArtifacts(
      refs.map(([repo, tag]) => ({
        source: { client: from, repo, reference: tag },
        target: { client: to, repo, tag },
        override: false,
      })),
    );
    expect(results.map((r) => r.error?.message ?? r.outcome)).toEqual(['copied', 'copied', 'copied', 'copied']);
    for (const [[repo, tag, digest], result] of refs.map((r, i) => [r, results[i]!] as const)) {
      const onTarget = await rawDigest(target.host, `${repo}:${tag}`, target.creds);
      expect(onTarget).toBe(digest ?? result.digest);
      expect(onTarget).toBe(await rawDigest(source.host, `${repo}:${tag}`, source.creds));
    }
    const again = await copyArtifacts(
      refs.map(([repo, tag]) => ({
        source: { client: from, repo, reference: tag },
        target: { client: to, repo, tag },
        override: false,
      })),
    );
    expect(again.reduce((sum, r) => sum + r.bytesSent, 0)).toBe(0);
  });

  it('land a pushed tag, and what a cloud run (触发同步) copies, in the registries', async () => {
    sandbox.push({
      registryId: source.registryId,
      namespace: 'platform',
      repository: 'api-gateway',
      tag: 'v2.0.0',
      kind: 'image',
    });
    const pushed = await rawDigest(source.host, 'platform/api-gateway:v2.0.0', source.creds);
    const run = sandbox.runRule({ registryId: source.registryId, ruleName: 'platform-to-shanghai' });
    expect(run.tasks).toBeGreaterThan(5);
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Any API call settles the runs that are due.
    const client = tcrClient(sandbox, 0, 'ap-shanghai');
    const web = { RegistryId: target.registryId, NamespaceName: 'platform' };
    await client.DescribeImages({ ...web, RepositoryName: 'web-console' }).catch(() => undefined);
    expect(await rawDigest(target.host, 'platform/api-gateway:v2.0.0', target.creds)).toBe(pushed);
    expect(await rawDigest(target.host, 'platform/web-console:2026.11.2', target.creds)).toBe(
      await rawDigest(source.host, 'platform/web-console:2026.11.2', source.creds),
    );
    // The immutable v1.9.0 of the target keeps its own digest: that task failed.
    expect(await rawDigest(target.host, 'platform/api-gateway:v1.9.0', target.creds)).not.toBe(
      await rawDigest(source.host, 'platform/api-gateway:v1.9.0', source.creds),
    );
    const images = await client.DescribeImages({ ...web, RepositoryName: 'web-console' });
    expect(images.ImageInfoList?.map((i) => i.ImageVersion).sort()).toEqual(['2026.11.1', '2026.11.2']);
  });

  it('refuse to overwrite a tag an immutable-tag rule of the instance covers, as TCR does', async () => {
    // acme-prod-sh keeps platform v* immutable; its v1.9.0 predates Guangzhou's rebuild.
    const [forced] = await copyArtifacts([
      {
        source: { client: clientOf(source), repo: 'platform/api-gateway', reference: 'v1.9.0' },
        target: { client: clientOf(target), repo: 'platform/api-gateway', tag: 'v1.9.0' },
        override: true,
      },
    ]);
    expect(forced?.outcome).toBe('failed');
    expect(forced?.error?.status).toBe(412);
    expect(await rawDigest(target.host, 'platform/api-gateway:v1.9.0', target.creds)).not.toBe(forced?.digest);
  });

  it('record a tag pushed over HTTP as a push to the instance: event rules replicate it, a run-rule selects it', async () => {
    // skopeo pushed charts/mychart:0.1.0 to acme-prod-gz; charts-to-beijing-dr replicates charts/** to helm/.
    const dr = await backed('acme-dr-bj');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await tcrClient(sandbox, 0, 'ap-beijing').DescribeInstances({}); // settles the runs that are due
    expect(await rawDigest(dr.host, 'helm/mychart:0.1.0', dr.creds)).toBe(chart.digest);
    // What skopeo pushed stays what it pushed (the engine's record of it is not written back).
    expect(await rawDigest(source.host, 'charts/mychart:0.1.0', source.creds)).toBe(chart.digest);
    const run = sandbox.runRule({ registryId: source.registryId, ruleName: 'charts-to-beijing-dr' });
    expect(run.tasks).toBe(6); // the seed's five chart tags and mychart
  });

  it('let skopeo copy from one to the other (pulls every blob)', async () => {
    await run(
      'skopeo',
      [
        '--insecure-policy',
        'copy',
        '--all',
        '--quiet',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        '--src-creds',
        `${source.creds.username}:${source.creds.password}`,
        '--dest-creds',
        `${target.creds.username}:${target.creds.password}`,
        `docker://${source.host}/platform/api-gateway:v1.9.1`,
        `docker://${target.host}/platform/api-gateway:v1.9.1`,
      ],
      { timeout: 60_000 },
    );
    expect(await skopeoDigestAs(target.host, 'platform/api-gateway:v1.9.1', target.creds)).toBe(
      await skopeoDigestAs(source.host, 'platform/api-gateway:v1.9.1', source.creds),
    );
  });

  it('mount a blob from another repository of the same registry, and open a session when it cannot', async () => {
    const layer = app.blobs[1]!.digest;
    const bearer = await token(source, 'repository:team/copy:pull,push', 'repository:team/deep/app:pull');
    const mounted = await registryFetch(
      source,
      `/v2/team/copy/blobs/uploads/?mount=${layer}&from=team/deep/app`,
      bearer,
      {
        method: 'POST',
      },
    );
    expect(mounted.status).toBe(201);
    expect(mounted.headers.get('docker-content-digest')).toBe(layer);
    const head = await registryFetch(source, `/v2/team/copy/blobs/${layer}`, bearer, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const notThere = await registryFetch(
      source,
      `/v2/team/copy/blobs/uploads/?mount=${sha256('nothing')}&from=team/deep/app`,
      bearer,
      {
        method: 'POST',
      },
    );
    expect(notThere.status).toBe(202);
    expect(notThere.headers.get('location')).toMatch(/^\/v2\/team\/copy\/blobs\/uploads\/[0-9a-f-]{36}$/);
    // Without pull on the repository it mounts from, the request is refused.
    const narrow = await token(source, 'repository:team/copy:pull,push');
    const refused = await registryFetch(
      source,
      `/v2/team/copy/blobs/uploads/?mount=${layer}&from=team/deep/app`,
      narrow,
      {
        method: 'POST',
      },
    );
    expect(refused.status).toBe(401);
  });

  it('refuses a chunk at the wrong offset, keeps the upload, and completes it verified', async () => {
    const bearer = await token(source, 'repository:team/chunks:pull,push');
    const blob = Buffer.from('0123456789'.repeat(10));
    const opened = await registryFetch(source, '/v2/team/chunks/blobs/uploads/', bearer, { method: 'POST' });
    expect(opened.status).toBe(202);
    const location = opened.headers.get('location')!;
    const patch = (range: string, bytes: Buffer) =>
      registryFetch(source, location, bearer, {
        method: 'PATCH',
        headers: { 'content-range': range, 'content-type': 'application/octet-stream' },
        body: bytes,
      });
    expect((await patch('0-39', blob.subarray(0, 40))).headers.get('range')).toBe('0-39');
    const wrong = await patch('50-99', blob.subarray(50));
    expect(wrong.status).toBe(416);
    const status = await registryFetch(source, location, bearer);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-39');
    expect((await patch('40-99', blob.subarray(40))).status).toBe(202);
    const bad = await registryFetch(source, `${location}?digest=${sha256('other')}`, bearer, { method: 'PUT' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('DIGEST_INVALID');
    const again = await registryFetch(source, '/v2/team/chunks/blobs/uploads/', bearer, { method: 'POST' });
    const done = await registryFetch(source, `${again.headers.get('location')}?digest=${sha256(blob)}`, bearer, {
      method: 'PUT',
      body: blob,
    });
    expect(done.status).toBe(201);
    const ranged = await registryFetch(source, `/v2/team/chunks/blobs/${sha256(blob)}`, bearer, {
      headers: { range: 'bytes=10-19' },
    });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe('0123456789');
  });

  it('takes concurrent chunks at one offset once, and concurrent pushes of one blob', async () => {
    const bearer = await token(source, 'repository:team/race:pull,push', 'repository:team/race2:pull,push');
    const opened = await registryFetch(source, '/v2/team/race/blobs/uploads/', bearer, { method: 'POST' });
    const location = opened.headers.get('location')!;
    const chunk = Buffer.from('x'.repeat(4096));
    const answers = await Promise.all(
      [0, 1, 2].map(() =>
        registryFetch(source, location, bearer, {
          method: 'PATCH',
          headers: { 'content-range': `0-${chunk.length - 1}` },
          body: chunk,
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([202, 416, 416]);
    expect((await registryFetch(source, location, bearer)).headers.get('range')).toBe(`0-${chunk.length - 1}`);
    const blob = Buffer.from('the same blob, pushed twice at once');
    const pushes = await Promise.all(
      ['team/race', 'team/race2', 'team/race'].map((repo) =>
        registryFetch(source, `/v2/${repo}/blobs/uploads/?digest=${sha256(blob)}`, bearer, {
          method: 'POST',
          body: blob,
        }),
      ),
    );
    expect(pushes.map((p) => p.status)).toEqual([201, 201, 201]);
    const read = await registryFetch(source, `/v2/team/race2/blobs/${sha256(blob)}`, bearer);
    expect(Buffer.from(await read.arrayBuffer())).toEqual(blob);
  });

  it('refuses a request without a token with the Bearer challenge, and a token for another instance', async () => {
    const anonymous = await registryFetch(source, '/v2/team/deep/app/tags/list', undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe(
      `Bearer realm="${sandbox.endpoint}/service/token",service="${source.registryId}",scope="repository:team/deep/app:pull"`,
    );
    expect(((await anonymous.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('UNAUTHORIZED');
    const elsewhere = await token(target, 'repository:team/deep/app:pull');
    expect((await registryFetch(source, '/v2/team/deep/app/tags/list', elsewhere)).status).toBe(401);
    await expect(
      skopeoDigestAs(source.host, 'team/deep/app:v1', { username: source.creds.username, password: 'wrong' }),
    ).rejects.toThrow(/unauthorized|401|authentication/i);
  });

  it('pages tags and the catalog with a Link header', async () => {
    const bearer = await token(source, 'repository:platform/api-gateway:pull', 'registry:catalog:*');
    const first = await registryFetch(source, '/v2/platform/api-gateway/tags/list?n=2', bearer);
    expect(await first.json()).toEqual({ name: 'platform/api-gateway', tags: ['latest', 'v1.8.0'] });
    expect(first.headers.get('link')).toBe('</v2/platform/api-gateway/tags/list?last=v1.8.0&n=2>; rel="next"');
    const next = await registryFetch(source, '/v2/platform/api-gateway/tags/list?n=2&last=v1.8.0', bearer);
    expect(await next.json()).toEqual({ name: 'platform/api-gateway', tags: ['v1.8.1', 'v1.9.0'] });
    const catalog = await registryFetch(source, '/v2/_catalog?n=3', bearer);
    expect(((await catalog.json()) as { repositories: string[] }).repositories).toEqual([
      'base/alpine',
      'base/node',
      'charts/ingress-stack',
    ]);
    expect(catalog.headers.get('link')).toContain('last=charts%2Fingress-stack');
  });
});

describe('the app’s embedded sandbox', () => {
  it('backs every demo instance with its own in-process registry', async () => {
    const embedded = await startEmbeddedSandbox();
    try {
      const domains: string[] = [];
      for (const account of embedded.accounts) {
        const keys = { secretId: account.secretId, secretKey: account.secretKey };
        const regions = new Set((account.instances as { regionName: string }[]).map((instance) => instance.regionName));
        for (const region of regions) {
          const { Registries } = await sdkClients(embedded.endpoint, keys, region).tcr.DescribeInstances({});
          domains.push(...(Registries ?? []).map((r) => r.PublicDomain ?? ''));
        }
      }
      expect(domains).toHaveLength(7);
      for (const domain of domains) expect(domain).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(new Set(domains).size).toBe(domains.length);
    } finally {
      await embedded.close();
    }
  });
});

describe('Sync now in the demo (the app against the sandbox’s in-process registries)', () => {
  let demo: RunningSandbox;
  let core: AppCore;
  let dir: string;
  const finished: SyncRun[] = [];

  beforeAll(async () => {
    demo = await startSandbox({ runTimeMs: 200, demoRegistries: 'in-process' });
    dir = await mkdtemp(path.join(os.tmpdir(), 'tcr-demo-sync-'));
    core = createAppCore({
      userDataDir: dir,
      host: 'browser',
      systemLocale: 'en-US',
      version: 'test',
      keychainWorkerPath: WORKER_PATH,
      tccliDir: path.join(dir, 'tccli'),
      isTrustedSender: () => true,
      startSandbox: async () => ({ ...demo, close: async () => undefined }),
    });
    core.events.on('run:finished', (event) => finished.push(event.run));
    await core.start();
  }, 60_000);

  afterAll(async () => {
    await core?.stop();
    await demo?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('copies what the demo rules select, real bytes, and fails the immutable tag the preview warns of', async () => {
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const result = await core.router.call(channel as never, input as never, { origin: 'test' });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    const profiles = await call<{ id: string; uin: string }[]>('sandbox:addAccounts', undefined);
    const profileId = profiles.find((p) => p.uin === demo.accounts[0]!.uin)!.id;
    await call('instances:refresh', {});
    await call('rules:refresh', {});
    const gz = instanceNamed(demo, 'acme-prod-gz').registryId;
    const runOf = async (ruleName: string): Promise<SyncRun> => {
      const answer = await call<{ started: { key: string }[] }>('rules:syncNow', {
        rules: [{ profileId, registryId: gz, ruleName }],
      });
      const key = answer.started[0]!.key;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const done = finished.find((run) => run.key === key);
        if (done) return done;
        if (Date.now() > deadline) throw new Error(`${ruleName} did not finish`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    expect(await runOf('charts-to-beijing-dr')).toMatchObject({ status: 'Succeed', total: 5, succeeded: 5 });
    const platform = await runOf('platform-to-shanghai');
    expect(platform).toMatchObject({ status: 'Failed', total: 10, succeeded: 9 });
    // An independent client reads the copies from the target instance's registry.
    const [from, sh] = await Promise.all([backed('acme-prod-gz', demo), backed('acme-prod-sh', demo)]);
    for (const ref of ['platform/web-console:2026.11.2', 'platform/api-gateway:latest']) {
      expect(await rawDigest(sh.host, ref, sh.creds)).toBe(await rawDigest(from.host, ref, from.creds));
    }
    // The immutable v1.9.0 kept its own digest.
    const v190 = 'platform/api-gateway:v1.9.0';
    expect(await rawDigest(sh.host, v190, sh.creds)).not.toBe(await rawDigest(from.host, v190, from.creds));
  }, 90_000);
});
