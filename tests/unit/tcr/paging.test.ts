// Whole lists from paged APIs: every page fetched, the later ones concurrently, and a server
// with a wrong TotalCount neither loops nor floods.
import { describe, expect, it } from 'vitest';
import { fetchAllPages, type Page } from '../../../src-main/tcr/paging.js';
import type { SdkClient } from '../../../src-main/tcr/sdk-clients.js';
import { TcrGateway } from '../../../src-main/tcr/tcr-gateway.js';

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

/** A server holding `items`, answering `reportedTotal` as TotalCount and at most `cap` per page. */
function server(items: number[], options: { reportedTotal?: unknown; cap?: number; delayMs?: number } = {}) {
  const asked: { index: number; size: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (index: number, size: number): Promise<Page<number>> => {
    asked.push({ index, size });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
    inFlight -= 1;
    const served = Math.min(size, options.cap ?? size);
    const total = 'reportedTotal' in options ? options.reportedTotal : items.length;
    return {
      items: items.slice(index * served, index * served + served),
      totalCount: typeof total === 'number' ? total : undefined,
    };
  };
  return { fetchPage, asked, maxInFlight: () => maxInFlight };
}

describe('fetchAllPages', () => {
  it('fetches every page, the ones after the first concurrently, in order', async () => {
    const s = server(range(45), { delayMs: 5 });
    const all = await fetchAllPages({ pageSize: 10, fetchPage: s.fetchPage, concurrency: 8 });
    expect(all).toEqual(range(45));
    expect(s.asked.map((a) => a.index).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(s.maxInFlight()).toBe(4);
  });

  it('asks once for a list that fits in one page, and not at all beyond an empty first page', async () => {
    const one = server(range(3));
    expect(await fetchAllPages({ pageSize: 10, fetchPage: one.fetchPage })).toEqual(range(3));
    expect(one.asked).toHaveLength(1);
    const none = server([], { reportedTotal: 50 });
    expect(await fetchAllPages({ pageSize: 10, fetchPage: none.fetchPage })).toEqual([]);
    expect(none.asked).toHaveLength(1);
  });

  it('stops when a TotalCount larger than the truth meets a short page', async () => {
    const s = server(range(25), { reportedTotal: 1_000_000 });
    const all = await fetchAllPages({ pageSize: 10, fetchPage: s.fetchPage, concurrency: 4 });
    expect(all).toEqual(range(25));
    // Page 2 is short: once it is back, no page is scheduled (a few were in flight before).
    expect(s.asked.length).toBeLessThanOrEqual(1 + 2 * 4);
  });

  it('follows pages one by one when TotalCount is smaller than the truth', async () => {
    const s = server(range(37), { reportedTotal: 12 });
    expect(await fetchAllPages({ pageSize: 10, fetchPage: s.fetchPage })).toEqual(range(37));
  });

  it('follows pages while they come full when there is no usable TotalCount', async () => {
    for (const reportedTotal of [undefined, -1, 'lots', 2.5]) {
      const s = server(range(30), { reportedTotal });
      expect(await fetchAllPages({ pageSize: 10, fetchPage: s.fetchPage })).toEqual(range(30));
      expect(s.asked.map((a) => a.index)).toEqual([0, 1, 2, 3]);
    }
  });

  it('never asks for more than maxPages pages of a server whose pages never end', async () => {
    let asked = 0;
    const endless = async (index: number, size: number): Promise<Page<number>> => {
      asked += 1;
      return { items: range(size, index * size), totalCount: 1_000_000_000 };
    };
    const all = await fetchAllPages({ pageSize: 10, fetchPage: endless, maxPages: 50 });
    expect(asked).toBe(50);
    expect(all).toHaveLength(500);
    asked = 0;
    const noCount = async (index: number, size: number): Promise<Page<number>> => {
      asked += 1;
      return { items: range(size, index * size), totalCount: undefined };
    };
    await fetchAllPages({ pageSize: 10, fetchPage: noCount, maxPages: 20 });
    expect(asked).toBe(20);
  });

  it('goes on with the page size a server actually serves', async () => {
    const s = server(range(50), { cap: 20 });
    expect(await fetchAllPages({ pageSize: 100, fetchPage: s.fetchPage })).toEqual(range(50));
    expect(s.asked.slice(1).every((a) => a.size === 20)).toBe(true);
  });

  it('fails with the first failing page', async () => {
    const failing = async (index: number): Promise<Page<number>> => {
      if (index === 2) throw new Error('page 2 failed');
      return { items: range(10, index * 10), totalCount: 50 };
    };
    await expect(fetchAllPages({ pageSize: 10, fetchPage: failing })).rejects.toThrow('page 2 failed');
  });
});

describe('gateway lists', () => {
  /** A fake SDK client serving `count` entries of each list and recording each request. */
  function gatewayOver(count: number) {
    const requests: { action: string; req: Record<string, number | string | boolean> }[] = [];
    const client: SdkClient = {
      request: async (action, req) => {
        const r = (req ?? {}) as Record<string, number>;
        requests.push({ action, req: r });
        const size = r.Limit ?? r.PageSize ?? 20;
        const start =
          'Page' in r ? (r.Page - 1) * size : action === 'DescribeInstances' ? r.Offset! : (r.Offset! - 1) * size;
        const rows = range(Math.max(0, Math.min(size, count - start)), start);
        const lists: Record<string, [string, (i: number) => object]> = {
          DescribeInstances: ['Registries', (i) => ({ RegistryId: `tcr-${i}`, RegistryName: `r${i}`, RegionId: 1 })],
          DescribeNamespaces: ['NamespaceList', (i) => ({ Name: `ns${i}`, Public: i % 2 === 0 })],
          DescribeReplicationPolicies: [
            'ReplicationPolicyInfoList',
            (i) => ({ ID: i, Name: `rule-${i}`, Filters: [] }),
          ],
        };
        const [field, make] = lists[action]!;
        return { TotalCount: count, [field]: rows.map(make), RequestId: 'r' };
      },
    };
    const gw = new TcrGateway({
      keysFor: async () => ({ secretId: 'id', secretKey: 'key' }),
      clients: { get: () => client, forget: () => undefined, close: () => undefined },
      pageSize: 10,
      rateLimit: { ratePerSecond: 1000, burst: 1000 },
    });
    return { gw, requests };
  }
  const target = { profileId: 'p', endpoint: 'tcr.tencentcloudapi.com', region: 'ap-guangzhou' };

  it('pages DescribeInstances by item offset, across all regions', async () => {
    const { gw, requests } = gatewayOver(25);
    const instances = await gw.listInstances(target, { allRegions: true });
    expect(instances.map((i) => i.registryId)).toEqual(range(25).map((i) => `tcr-${i}`));
    expect(requests.map((r) => r.req)).toEqual([
      { AllRegion: true, Offset: 0, Limit: 10 },
      { AllRegion: true, Offset: 10, Limit: 10 },
      { AllRegion: true, Offset: 20, Limit: 10 },
    ]);
  });

  it('pages DescribeNamespaces by 1-based page number in Offset', async () => {
    const { gw, requests } = gatewayOver(15);
    const namespaces = await gw.listNamespaces(target, 'tcr-1');
    expect(namespaces).toHaveLength(15);
    expect(namespaces[1]).toEqual({ name: 'ns1', isPublic: false, createdAt: '' });
    expect(requests.map((r) => r.req)).toEqual([
      { RegistryId: 'tcr-1', Offset: 1, Limit: 10 },
      { RegistryId: 'tcr-1', Offset: 2, Limit: 10 },
    ]);
  });

  it('pages DescribeReplicationPolicies by Page and PageSize', async () => {
    const { gw, requests } = gatewayOver(21);
    const policies = await gw.listReplicationPolicies(target, 'tcr-1');
    expect(policies.map((p) => p.name)).toEqual(range(21).map((i) => `rule-${i}`));
    expect(requests.map((r) => [r.req.Page, r.req.PageSize])).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
    ]);
  });

  it('calls a list that is not a list an InvalidResponse', async () => {
    const client: SdkClient = { request: async () => ({ TotalCount: 1, Registries: 'oops', RequestId: 'rid' }) };
    const gw = new TcrGateway({
      keysFor: async () => ({ secretId: 'id', secretKey: 'key' }),
      clients: { get: () => client, forget: () => undefined, close: () => undefined },
    });
    await expect(gw.listInstances(target, { allRegions: true })).rejects.toMatchObject({
      code: 'InvalidResponse',
      action: 'DescribeInstances',
      requestId: 'rid',
    });
  });
});
