// Namespaces, repositories and images through the real SDK, with Harbor-style page numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { tcrClient } from './helpers/sandbox-sdk.js';

let sandbox: RunningSandbox;
let gz: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  gz = sandbox.accounts[0]!.instances.find((i) => i.registryName === 'acme-prod-gz')!.registryId;
});
afterAll(() => sandbox.close());

const client = () => tcrClient(sandbox, 0, 'ap-guangzhou');

describe('namespaces', () => {
  it('lists, filters and pages namespaces (Offset is a page number)', async () => {
    const all = await client().DescribeNamespaces({ RegistryId: gz, All: true });
    expect(all.NamespaceList?.map((n) => n.Name)).toEqual(['platform', 'charts', 'base']);
    expect(all.NamespaceList?.find((n) => n.Name === 'base')).toMatchObject({ Public: true, NamespaceId: 3 });
    const second = await client().DescribeNamespaces({ RegistryId: gz, Limit: 2, Offset: 2 });
    expect(second).toMatchObject({ TotalCount: 3, NamespaceList: [{ Name: 'base' }] });
    const named = await client().DescribeNamespaces({ RegistryId: gz, NamespaceName: 'chart' });
    expect(named.NamespaceList?.map((n) => n.Name)).toEqual(['charts']);
  });

  it('creates a namespace once, refusing a duplicate, a bad name and a missing field', async () => {
    await client().CreateNamespace({ RegistryId: gz, NamespaceName: 'team-data', IsPublic: false });
    const listed = await client().DescribeNamespaces({ RegistryId: gz, NamespaceName: 'team-data' });
    expect(listed.NamespaceList).toMatchObject([{ Name: 'team-data', Public: false }]);
    await expect(
      client().CreateNamespace({ RegistryId: gz, NamespaceName: 'team-data', IsPublic: false }),
    ).rejects.toMatchObject({ code: 'InvalidParameter.ErrNamespaceExist' });
    for (const bad of ['Team', '-team', 'team--data', 'x']) {
      await expect(
        client().CreateNamespace({ RegistryId: gz, NamespaceName: bad, IsPublic: false }),
      ).rejects.toMatchObject({ code: 'InvalidParameterValue', message: expect.stringContaining('NamespaceName') });
    }
    await expect(
      client().request('CreateNamespace', { RegistryId: gz, NamespaceName: 'ok-name' }),
    ).rejects.toMatchObject({
      code: 'MissingParameter',
      message: expect.stringContaining('IsPublic'),
    });
  });
});

describe('repositories', () => {
  it('names repositories with their namespace and filters by namespace and name', async () => {
    const platform = await client().DescribeRepositories({ RegistryId: gz, NamespaceName: 'platform' });
    expect(platform.TotalCount).toBe(3);
    expect(platform.RepositoryList?.map((r) => r.Name)).toEqual([
      'platform/api-gateway',
      'platform/auth-service',
      'platform/web-console',
    ]);
    expect(platform.RepositoryList?.[0]).toMatchObject({
      Namespace: 'platform',
      CreationTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+0800 CST$/),
    });
    const byName = await client().DescribeRepositories({ RegistryId: gz, RepositoryName: 'ingress' });
    expect(byName.RepositoryList?.map((r) => r.Name)).toEqual(['charts/ingress-stack']);
    const sorted = await client().DescribeRepositories({ RegistryId: gz, SortBy: '-name', Limit: 2, Offset: 1 });
    expect(sorted.RepositoryList?.map((r) => r.Name)).toEqual(['platform/web-console', 'platform/auth-service']);
    await expect(client().DescribeRepositories({ RegistryId: gz, NamespaceName: 'nope' })).rejects.toMatchObject({
      code: 'ResourceNotFound',
    });
  });
});

describe('images', () => {
  it('pages tags newest first with a 1-based Offset page', async () => {
    const base = { RegistryId: gz, NamespaceName: 'platform', RepositoryName: 'api-gateway', Limit: 2 };
    const pages = await Promise.all([1, 2, 3].map((Offset) => client().DescribeImages({ ...base, Offset })));
    expect(pages.map((p) => p.TotalCount)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.ImageInfoList?.map((i) => i.ImageVersion))).toEqual([
      ['latest', 'v1.9.1'],
      ['v1.9.0', 'v1.8.1'],
      ['v1.8.0'],
    ]);
    expect(pages[0]?.ImageInfoList?.[0]).toMatchObject({
      Kind: 'image',
      Digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      Size: expect.any(Number),
    });
    const first = await client().DescribeImages({ ...base, Offset: 0 });
    expect(first.ImageInfoList?.map((i) => i.ImageVersion)).toEqual(['latest', 'v1.9.1']);
  });

  it('searches versions fuzzily, or exactly with ExactMatch', async () => {
    const base = { RegistryId: gz, NamespaceName: 'platform', RepositoryName: 'api-gateway' };
    const fuzzy = await client().DescribeImages({ ...base, ImageVersion: 'v1.9' });
    expect(fuzzy.ImageInfoList?.map((i) => i.ImageVersion).sort()).toEqual(['v1.9.0', 'v1.9.1']);
    const exact = await client().DescribeImages({ ...base, ImageVersion: 'v1.9', ExactMatch: true });
    expect(exact.TotalCount).toBe(0);
  });

  it('reports charts as charts and an unknown repository as not found', async () => {
    const charts = await client().DescribeImages({
      RegistryId: gz,
      NamespaceName: 'charts',
      RepositoryName: 'observability',
    });
    expect(charts.ImageInfoList?.every((i) => i.Kind === 'chart')).toBe(true);
    await expect(
      client().DescribeImages({ RegistryId: gz, NamespaceName: 'platform', RepositoryName: 'nope' }),
    ).rejects.toMatchObject({ code: 'ResourceNotFound' });
    await expect(
      client().request('DescribeImages', { RegistryId: gz, NamespaceName: 'platform' }),
    ).rejects.toMatchObject({
      code: 'MissingParameter',
      message: expect.stringContaining('RepositoryName'),
    });
  });
});
