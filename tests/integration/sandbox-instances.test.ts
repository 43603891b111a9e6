// Regions and instances through the real SDK: regional views, AllRegion, ids, paging, parameter
// errors as the cloud words them, and one account never seeing another's instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { tcrClient } from './helpers/sandbox-sdk.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const client = (accountIndex: number, region?: string) => tcrClient(sandbox, accountIndex, region);
const acme = () => sandbox.accounts[0]!;
const globex = () => sandbox.accounts[1]!;

describe('DescribeRegions', () => {
  it('lists TCR regions with their numeric ids', async () => {
    const reply = await client(0).DescribeRegions();
    expect(reply.TotalCount).toBe(reply.Regions?.length);
    expect(reply.Regions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ RegionId: 1, RegionName: 'ap-guangzhou', Alias: 'gz', Status: 'alluser' }),
        expect.objectContaining({ RegionId: 4, RegionName: 'ap-shanghai' }),
      ]),
    );
  });
});

describe('DescribeInstances', () => {
  it('shows only the request region’s instances unless AllRegion is set', async () => {
    const inGuangzhou = acme().instances.filter((i) => i.regionName === 'ap-guangzhou');
    const regional = await client(0, 'ap-guangzhou').DescribeInstances({});
    expect(regional.Registries?.map((r) => r.RegistryId).sort()).toEqual(inGuangzhou.map((i) => i.registryId).sort());
    expect(regional.TotalCount).toBe(inGuangzhou.length);

    const all = await client(0, 'ap-guangzhou').DescribeInstances({ AllRegion: true });
    expect(all.TotalCount).toBe(acme().instances.length);
    expect(new Set(all.Registries?.map((r) => r.RegionName)).size).toBeGreaterThanOrEqual(3);
    const premium = all.Registries?.find((r) => r.RegistryType === 'premium');
    expect(premium).toMatchObject({
      Status: 'Running',
      RegionId: 1,
      PublicDomain: `${premium?.RegistryName}.tencentcloudcr.com`,
      CreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
    });
    expect(new Set(all.Registries?.map((r) => r.RegistryType))).toEqual(new Set(['basic', 'standard', 'premium']));
  });

  it('filters by Registryids and pages with Offset/Limit (item offsets)', async () => {
    const ids = acme().instances.map((i) => i.registryId);
    const some = await client(0).DescribeInstances({ AllRegion: true, Registryids: ids.slice(0, 2) });
    expect(some.Registries?.map((r) => r.RegistryId).sort()).toEqual(ids.slice(0, 2).sort());

    const seen: string[] = [];
    for (let offset = 0; ; offset += 3) {
      const page = await client(0).DescribeInstances({ AllRegion: true, Offset: offset, Limit: 3 });
      expect(page.TotalCount).toBe(ids.length);
      if (!page.Registries?.length) break;
      seen.push(...page.Registries.map((r) => r.RegistryId!));
    }
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('refuses a Limit over 100, a wrong type and an unknown parameter, naming the parameter', async () => {
    await expect(client(0).DescribeInstances({ Limit: 101 })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining('Limit'),
    });
    await expect(client(0).request('DescribeInstances', { Limit: '20' })).rejects.toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringContaining('Limit'),
    });
    await expect(client(0).request('DescribeInstances', { Colour: 'red' })).rejects.toMatchObject({
      code: 'UnknownParameter',
      message: expect.stringContaining('Colour'),
    });
  });

  it('never shows another account’s instance, even by id', async () => {
    const theirs = acme().instances.map((i) => i.registryId);
    const reply = await client(1).DescribeInstances({ AllRegion: true, Registryids: theirs });
    expect(reply).toMatchObject({ TotalCount: 0, Registries: [] });
    const mine = await client(1).DescribeInstances({ AllRegion: true });
    expect(mine.Registries?.map((r) => r.RegistryId).sort()).toEqual(
      globex()
        .instances.map((i) => i.registryId)
        .sort(),
    );
  });

  it('answers ResourceNotFound for another account’s instance and for one in another region', async () => {
    const acmeInstance = acme().instances.find((i) => i.regionName === 'ap-guangzhou')!;
    await expect(client(1).DescribeNamespaces({ RegistryId: acmeInstance.registryId })).rejects.toMatchObject({
      code: 'ResourceNotFound',
    });
    await expect(
      client(0, 'ap-shanghai').DescribeNamespaces({ RegistryId: acmeInstance.registryId }),
    ).rejects.toMatchObject({ code: 'ResourceNotFound' });
  });

  it('needs a supported region for regional actions', async () => {
    await expect(client(0, 'xx-nowhere').DescribeInstances({})).rejects.toMatchObject({ code: 'UnsupportedRegion' });
  });
});
