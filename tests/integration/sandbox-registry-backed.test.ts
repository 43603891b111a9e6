// A sandbox instance backed by a real registry (Debian's docker-registry, fixtures pushed with
// skopeo): the app's own gateway lists exactly what the registry holds — namespaces, repositories,
// tags and the digests skopeo reads — across the registry's pages and the API's, and the
// instance's PublicDomain is the registry's host:port.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { TcrError, TcrGateway, type CloudTarget } from '../../src-main/tcr/index.js';
import { type Built, helmChart, image, multiArch, writeLayout } from './helpers/oci-layout.js';
import {
  REGISTRY_PASSWORD,
  REGISTRY_USER,
  sha256,
  skopeoPush,
  skopeoRawManifest,
  startRegistry,
  type TestRegistry,
} from './helpers/registry.js';
import { instanceNamed, tcrClient } from './helpers/sandbox-sdk.js';

const base = Buffer.from('shared base layer\n'.repeat(100));
const app1 = image([base, Buffer.from('app v1\n')], { label: 'app1' });
const app2 = image([base, Buffer.from('app v2\n')], { label: 'app2' });
const forDocker = image([Buffer.from('docker layer\n')], { label: 'docker' });
const multi = multiArch(['amd64', 'arm64'], (arch) => Buffer.from(`binary for ${arch}\n`));
const chart = helmChart('mychart', '0.1.0');

// Six repositories (one without a namespace, which TCR cannot name), some with several tags.
const pushes: { tag: string; top: Built; extra?: Built[]; ref: string; format?: 'v2s2' }[] = [
  { tag: 'app1', top: app1, ref: 'ns/app:v1' },
  { tag: 'app1', top: app1, ref: 'ns/app:latest' },
  { tag: 'app2', top: app2, ref: 'ns/app:v2' },
  { tag: 'docker', top: forDocker, ref: 'ns/docker:v1', format: 'v2s2' },
  { tag: 'multi', top: multi.index, extra: multi.children, ref: 'team/tools/multi:v1' },
  { tag: 'chart', top: chart, ref: 'charts/mychart:0.1.0' },
  { tag: 'app2', top: app2, ref: 'charts/other:1' },
  { tag: 'app1', top: app1, ref: 'alpine:3' },
];

let registry: TestRegistry;
let sandbox: RunningSandbox;
let registryId: string;
let gateway: TcrGateway;
let target: CloudTarget;
const layouts: string[] = [];

/** An OCI layout on disk, removed after the tests. */
async function layoutOf(entries: Parameters<typeof writeLayout>[0]): Promise<string> {
  const dir = await writeLayout(entries);
  layouts.push(dir);
  return dir;
}

async function control(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sandbox.endpoint}/__sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** What the registry holds by skopeo's reading: `repository:tag` → digest of the raw manifest. */
async function skopeoDigests(refs: string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    refs.map(async (ref) => [ref, sha256(await skopeoRawManifest(registry, ref))] as const),
  );
  return Object.fromEntries(entries);
}

async function failure(promise: Promise<unknown>): Promise<TcrError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TcrError)) throw new Error(`expected a TcrError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  registry = await startRegistry('basic');
  const layout = await layoutOf(pushes);
  for (const p of pushes) await skopeoPush(layout, p.tag, registry, p.ref, p.format);
  sandbox = await startSandbox({ runTimeMs: 100 });
  const account = sandbox.accounts[0]!;
  registryId = instanceNamed(sandbox, 'acme-prod-gz').registryId;
  // Small pages everywhere: the gateway's (2 per API page) and the registry's (2 per catalog page).
  gateway = new TcrGateway({
    keysFor: async () => ({ secretId: account.secretId, secretKey: account.secretKey }),
    retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
    timeoutMs: 10_000,
    pageSize: 2,
  });
  target = { profileId: 'acme', endpoint: sandbox.endpoint, region: 'ap-guangzhou' };
}, 120_000);

// In the order beforeAll made them: a setup that failed part-way leaves no registry running.
afterAll(async () => {
  await registry.stop();
  for (const dir of layouts) await rm(dir, { recursive: true, force: true });
  await sandbox.close();
  gateway.close();
});

describe('attaching a registry', () => {
  it('refuses wrong credentials, an unknown instance and a bad address, leaving the instance as it was', async () => {
    const wrong = await control('attach-registry', { registryId, url: registry.url, username: 'x', password: 'y' });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'FailedOperation' } } });
    expect(JSON.stringify(wrong.body)).not.toContain('y"');
    const unknown = await control('attach-registry', {
      registryId: 'tcr-nobody',
      url: registry.url,
      username: REGISTRY_USER,
      password: REGISTRY_PASSWORD,
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'ResourceNotFound' } } });
    const badUrl = await control('attach-registry', {
      registryId,
      url: 'file:///etc/passwd',
      username: REGISTRY_USER,
      password: REGISTRY_PASSWORD,
    });
    expect(badUrl).toMatchObject({ status: 400, body: { error: { code: 'InvalidParameterValue' } } });
    // Still the demo's content and domain.
    const repositories = await gateway.listRepositories(target, { registryId });
    expect(repositories.map((r) => r.name)).toContain('platform/api-gateway');
    const instance = (await gateway.listInstances(target, { allRegions: false })).find(
      (i) => i.registryId === registryId,
    );
    expect(instance?.publicDomain).toBe('acme-prod-gz.tencentcloudcr.com');
  });

  it('answers the registry host as PublicDomain once attached', async () => {
    const attached = await control('attach-registry', {
      registryId,
      url: registry.url,
      username: REGISTRY_USER,
      password: REGISTRY_PASSWORD,
      pageSize: 2,
    });
    expect(attached).toEqual({ status: 200, body: { registryId, publicDomain: registry.host } });
    const instances = await gateway.listInstances(target, { allRegions: false });
    expect(instances.find((i) => i.registryId === registryId)?.publicDomain).toBe(registry.host);
    // The other instances keep their cloud domains.
    expect(instances.find((i) => i.registryId !== registryId)?.publicDomain).toMatch(/\.tencentcloudcr\.com$/);
  });
});

describe('a backed instance lists what the registry holds', () => {
  it('namespaces and repositories (every page), without the one-component repository', async () => {
    const namespaces = await gateway.listNamespaces(target, registryId);
    expect(namespaces.map((n) => n.name).sort()).toEqual(['charts', 'ns', 'team']);
    const repositories = await gateway.listRepositories(target, { registryId });
    expect(repositories.map((r) => `${r.namespace}|${r.name}`).sort()).toEqual([
      'charts|charts/mychart',
      'charts|charts/other',
      'ns|ns/app',
      'ns|ns/docker',
      'team|team/tools/multi',
    ]);
    const inNs = await gateway.listRepositories(target, { registryId, namespace: 'ns' });
    expect(inNs.map((r) => r.name).sort()).toEqual(['ns/app', 'ns/docker']);
    const missing = await failure(gateway.listRepositories(target, { registryId, namespace: 'nope' }));
    expect(missing.code).toBe('ResourceNotFound');
  });

  it('tags with the digests skopeo reads, kinds and sizes, across API pages', async () => {
    const refs = pushes.map((p) => p.ref).filter((ref) => ref.includes('/'));
    const expected = await skopeoDigests(refs);
    const listed: Record<string, string> = {};
    for (const path of ['ns/app', 'ns/docker', 'team/tools/multi', 'charts/mychart', 'charts/other']) {
      const [namespace, ...rest] = path.split('/');
      const images = await gateway.listImages(target, {
        registryId,
        namespace: namespace!,
        repository: rest.join('/'),
      });
      for (const i of images) listed[`${path}:${i.tag}`] = i.digest;
    }
    expect(listed).toEqual(expected);
    const app = await gateway.listImages(target, { registryId, namespace: 'ns', repository: 'app' });
    expect(app.map((i) => i.tag)).toEqual(['latest', 'v1', 'v2']);
    expect(app.find((i) => i.tag === 'v1')).toMatchObject({ kind: 'image', digest: app1.digest });
    // The manifest and what it references: config and layers.
    const app1Size = app1.bytes.length + app1.blobs.reduce((sum, b) => sum + b.size, 0);
    expect(app.find((i) => i.tag === 'v1')?.size).toBe(app1Size);
    const charts = await gateway.listImages(target, { registryId, namespace: 'charts', repository: 'mychart' });
    expect(charts).toMatchObject([{ tag: '0.1.0', kind: 'chart', digest: chart.digest }]);
    const missing = await failure(gateway.listImages(target, { registryId, namespace: 'ns', repository: 'nope' }));
    expect(missing.code).toBe('ResourceNotFound');
  });

  it('pages DescribeImages as the cloud does (1-based page numbers, filters), through the SDK', async () => {
    const client = tcrClient(sandbox, 0, 'ap-guangzhou');
    const app = { RegistryId: registryId, NamespaceName: 'ns', RepositoryName: 'app' };
    const page2 = await client.DescribeImages({ ...app, Limit: 2, Offset: 2 });
    expect(page2).toMatchObject({ TotalCount: 3, ImageInfoList: [{ ImageVersion: 'v2', Digest: app2.digest }] });
    const exact = await client.DescribeImages({ ...app, ImageVersion: 'v1', ExactMatch: true });
    expect(exact).toMatchObject({ TotalCount: 1, ImageInfoList: [{ ImageVersion: 'v1', Digest: app1.digest }] });
    const byDigest = await client.DescribeImages({ ...app, Digest: app1.digest });
    expect(byDigest.ImageInfoList?.map((i) => i.ImageVersion)).toEqual(['latest', 'v1']);
    const repositories = await client.DescribeRepositories({
      RegistryId: registryId,
      SortBy: '-name',
      Limit: 2,
      Offset: 2,
    });
    expect(repositories).toMatchObject({
      TotalCount: 5,
      RepositoryList: [{ Name: 'ns/app' }, { Name: 'charts/other' }],
    });
  });

  it('sees a tag pushed later, and a namespace created through the API', async () => {
    const layout = await layoutOf([{ tag: 'app2', top: app2 }]);
    await skopeoPush(layout, 'app2', registry, 'ns/app:v3');
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the sandbox's brief cache
    const app = await gateway.listImages(target, { registryId, namespace: 'ns', repository: 'app' });
    expect(app.find((i) => i.tag === 'v3')?.digest).toBe(sha256(await skopeoRawManifest(registry, 'ns/app:v3')));
    await gateway.createNamespace(target, { registryId, name: 'empty-ns', isPublic: false });
    expect((await gateway.listNamespaces(target, registryId)).map((n) => n.name)).toContain('empty-ns');
    const again = await failure(gateway.createNamespace(target, { registryId, name: 'ns', isPublic: false }));
    expect(again.code).toBe('InvalidParameter.ErrNamespaceExist');
    // Created at once by several callers: one succeeds, the others hear it exists.
    const racing = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        tcrClient(sandbox, 0).CreateNamespace({ RegistryId: registryId, NamespaceName: 'race-ns', IsPublic: false }),
      ),
    );
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const namespaces = (await gateway.listNamespaces(target, registryId)).map((n) => n.name);
    expect(namespaces.filter((n) => n === 'race-ns')).toHaveLength(1);
  });
});

describe('the registries option', () => {
  it('starts a sandbox with an instance already backed, and refuses to start with a registry it cannot read', async () => {
    const account = () => sandbox.accounts[0]!;
    const started = await startSandbox({
      registries: [{ registryId, url: registry.url, username: REGISTRY_USER, password: REGISTRY_PASSWORD }],
    });
    try {
      const images = await tcrClient(started, 0).DescribeImages({
        RegistryId: registryId,
        NamespaceName: 'charts',
        RepositoryName: 'mychart',
      });
      expect(images.ImageInfoList).toMatchObject([{ ImageVersion: '0.1.0', Digest: chart.digest }]);
    } finally {
      await started.close();
    }
    await expect(
      startSandbox({ registries: [{ registryId, url: registry.url, username: account().uin, password: 'wrong' }] }),
    ).rejects.toMatchObject({ code: 'FailedOperation' });
  });
});

describe('attaching concurrently', () => {
  it('leaves the instance backed by one of the registries, every list consistent with it', async () => {
    const second = await startRegistry('basic');
    try {
      const layout = await layoutOf([{ tag: 'app2', top: app2 }]);
      await skopeoPush(layout, 'app2', second, 'solo/only:v9');
      const instance = instanceNamed(sandbox, 'acme-prod-sh').registryId;
      const results = await Promise.all(
        [registry, second, registry, second].map((r) =>
          sandbox.attachRegistry({
            registryId: instance,
            url: r.url,
            username: REGISTRY_USER,
            password: REGISTRY_PASSWORD,
          }),
        ),
      );
      expect(new Set(results.map((r) => r.publicDomain))).toEqual(new Set([registry.host, second.host]));
      const sh: CloudTarget = { ...target, region: 'ap-shanghai' };
      const domain = (await gateway.listInstances(sh, { allRegions: false })).find(
        (i) => i.registryId === instance,
      )?.publicDomain;
      const repositories = (await gateway.listRepositories(sh, { registryId: instance })).map((r) => r.name);
      expect(repositories).toEqual(domain === second.host ? ['solo/only'] : expect.arrayContaining(['ns/app']));
    } finally {
      await second.stop();
    }
  });
});

describe('a registry behind a Bearer token service', () => {
  it('lists tags through the token; a catalog the token service refuses is a FailedOperation', async () => {
    const bearer = await startRegistry('bearer');
    try {
      const layout = await layoutOf([{ tag: 'app1', top: app1 }]);
      await skopeoPush(layout, 'app1', bearer, 'ns/app:v1');
      const other = instanceNamed(sandbox, 'acme-dev-gz').registryId;
      await sandbox.attachRegistry({
        registryId: other,
        url: bearer.url,
        username: REGISTRY_USER,
        password: REGISTRY_PASSWORD,
      });
      const images = await gateway.listImages(target, { registryId: other, namespace: 'ns', repository: 'app' });
      expect(images).toMatchObject([{ tag: 'v1', digest: app1.digest }]);
      expect(bearer.tokenRequests.some((r) => r.scopes.includes('repository:ns/app:pull'))).toBe(true);
      // This token service grants repositories only, never the catalog.
      const refused = await failure(gateway.listRepositories(target, { registryId: other }));
      expect(refused.code).toBe('FailedOperation');
      expect(refused.message).not.toContain(REGISTRY_PASSWORD);
    } finally {
      await bearer.stop();
    }
  });
});
