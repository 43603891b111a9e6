// The sandbox's control endpoints over HTTP, seen through the real SDK: a push starts the sync
// runs of the rules it matches and the artifact lands in the destination (also in another
// account); injected faults reach the SDK as the cloud's would.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { instanceNamed, sdkClients, stsClient, tcrClient as clientOf } from './helpers/sandbox-sdk.js';

const RUN_TIME_MS = 400;
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ runTimeMs: RUN_TIME_MS });
});
afterAll(() => sandbox.close());
afterEach(() => control('faults', []));

const tcrClient = (accountIndex: number, region: string) => clientOf(sandbox, accountIndex, region);
const instance = (name: string) => instanceNamed(sandbox, name);

async function control(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.endpoint}/__sandbox/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function tagsOf(client: ReturnType<typeof tcrClient>, registryId: string, namespace: string, repository: string) {
  const reply = await client.DescribeImages({
    RegistryId: registryId,
    NamespaceName: namespace,
    RepositoryName: repository,
    Limit: 100,
  });
  return (reply.ImageInfoList ?? []).map((i) => i.ImageVersion);
}

describe('POST /__sandbox/push', () => {
  it('starts one sync run per matching rule; the runs end and the artifact is in both destinations', async () => {
    const gz = instance('acme-prod-gz');
    const acme = tcrClient(0, 'ap-guangzhou');
    const before = await acme.DescribeReplicationExecutions({ RegistryId: gz.registryId });

    const pushed = await control('push', {
      registryId: gz.registryId,
      namespace: 'platform',
      repository: 'api-gateway',
      tag: 'v9.0.0',
      kind: 'image',
    });
    expect(pushed.status).toBe(200);
    // platform-to-shanghai (platform/**, images) and the cross-account release-to-globex (v*).
    expect(pushed.body.executionIds).toHaveLength(2);

    const running = await acme.DescribeReplicationExecutions({ RegistryId: gz.registryId });
    expect(running.TotalCount).toBe((before.TotalCount ?? 0) + 2);
    expect(running.ReplicationExecutionList?.slice(0, 2).map((e) => e.Status)).toEqual(['InProgress', 'InProgress']);

    await new Promise((resolve) => setTimeout(resolve, RUN_TIME_MS + 300));
    const done = await acme.DescribeReplicationExecutions({ RegistryId: gz.registryId });
    const runs = done.ReplicationExecutionList?.slice(0, 2) ?? [];
    expect(runs.map((e) => e.Status)).toEqual(['Succeed', 'Succeed']);
    expect(runs.every((e) => e.EndTime !== '')).toBe(true);

    const tasks = await acme.DescribeReplicationTasks({
      RegistryId: gz.registryId,
      ExecutionId: runs[0]!.ExecutionID!,
    });
    expect(tasks.ReplicationTaskList).toEqual([
      expect.objectContaining({
        SrcResource: expect.stringContaining('platform/api-gateway:v9.0.0'),
        Status: 'Succeed',
      }),
    ]);

    const sh = instance('acme-prod-sh');
    expect(await tagsOf(tcrClient(0, 'ap-shanghai'), sh.registryId, 'platform', 'api-gateway')).toContain('v9.0.0');
    // The other account sees it in the rule's namespace, created for it if missing.
    const sg = instance('globex-main-sg');
    expect(await tagsOf(tcrClient(1, 'ap-singapore'), sg.registryId, 'acme-mirror', 'api-gateway')).toContain('v9.0.0');
  });

  it('starts nothing when no enabled rule matches', async () => {
    const pushed = await control('push', {
      registryId: instance('acme-prod-gz').registryId,
      namespace: 'platform',
      repository: 'api-gateway',
      tag: 'nightly',
      kind: 'chart',
    });
    expect(pushed).toMatchObject({ status: 200, body: { executionIds: [] } });
  });

  it('refuses a browser’s request, a GET, a bad body and an unknown endpoint', async () => {
    const valid = {
      registryId: instance('acme-prod-gz').registryId,
      namespace: 'platform',
      repository: 'x',
      tag: 'v1',
      kind: 'image',
    };
    expect((await control('push', valid, { Origin: 'https://example.com' })).status).toBe(403);
    expect((await fetch(`${sandbox.endpoint}/__sandbox/push`)).status).toBe(405);
    const bad = await control('push', { ...valid, kind: 'helm' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
    expect((await control('nothing', {})).status).toBe(404);
  });
});

describe('POST /__sandbox/faults, seen by the SDK', () => {
  it('delays one action by the injected latency and leaves the others alone', async () => {
    await control('faults', [{ kind: 'latency', action: 'DescribeRegions', latencyMs: 800 }]);
    const client = tcrClient(0, 'ap-guangzhou');
    let started = performance.now();
    await client.DescribeRegions();
    expect(performance.now() - started).toBeGreaterThanOrEqual(790);
    started = performance.now();
    await client.DescribeInstances({});
    // Well under the injected 800 ms: the fault was for DescribeRegions only.
    expect(performance.now() - started).toBeLessThan(600);
  });

  it('answers with an injected error code, with a RequestId, as many times as asked', async () => {
    await control('faults', [{ kind: 'error', action: 'DescribeInstances', code: 'FailedOperation', times: 1 }]);
    const client = tcrClient(0, 'ap-guangzhou');
    await expect(client.DescribeInstances({})).rejects.toMatchObject({
      code: 'FailedOperation',
      requestId: expect.stringMatching(/\S/),
    });
    await expect(client.DescribeInstances({})).resolves.toHaveProperty('Registries');
  });

  it('authenticates before it applies a fault: an unsigned request neither gets nor uses up a fault', async () => {
    await control('faults', [{ kind: 'error', action: 'DescribeInstances', code: 'FailedOperation', times: 1 }]);
    const unsigned = await fetch(`${sandbox.endpoint}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-TC-Action': 'DescribeInstances',
        'X-TC-Version': '2019-09-24',
        'X-TC-Region': 'ap-guangzhou',
        'X-TC-Timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body: '{}',
    });
    expect(((await unsigned.json()) as { Response: unknown }).Response).toMatchObject({
      Error: { Code: 'AuthFailure.InvalidAuthorization' },
    });
    const wrongKey = sdkClients(sandbox.endpoint, {
      secretId: sandbox.accounts[0]!.secretId,
      secretKey: 'wrong-secret-key-000000000000000',
    }).tcr;
    await expect(wrongKey.DescribeInstances({})).rejects.toMatchObject({ code: 'AuthFailure.SignatureFailure' });

    // The one-shot fault is still there for the app's signed call, and then it is used up.
    const client = tcrClient(0, 'ap-guangzhou');
    await expect(client.DescribeInstances({})).rejects.toMatchObject({ code: 'FailedOperation' });
    await expect(client.DescribeInstances({})).resolves.toHaveProperty('Registries');
  });

  it('drops or delays only signed requests: an unsigned one is answered at once with the auth error', async () => {
    await control('faults', [{ kind: 'drop', action: '*', latencyMs: 2000 }]);
    const started = performance.now();
    const reply = await fetch(`${sandbox.endpoint}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-TC-Action': 'DescribeRegions', 'X-TC-Version': '2019-09-24' },
      body: '{}',
    });
    expect(((await reply.json()) as { Response: unknown }).Response).toMatchObject({
      Error: { Code: 'AuthFailure.InvalidAuthorization' },
    });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('throttles every action, STS too, with RequestLimitExceeded', async () => {
    await control('faults', [{ kind: 'throttle', action: '*' }]);
    await expect(tcrClient(0, 'ap-guangzhou').DescribeRegions()).rejects.toMatchObject({
      code: 'RequestLimitExceeded',
    });
    await expect(stsClient(sandbox, 1).GetCallerIdentity()).rejects.toMatchObject({ code: 'RequestLimitExceeded' });
  });

  it('sends a body that is not JSON, and drops the connection', async () => {
    const client = tcrClient(0, 'ap-guangzhou');
    await control('faults', [{ kind: 'malformed', action: 'DescribeRegions' }]);
    const malformed = await client.DescribeRegions().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(malformed).toBeInstanceOf(Error);
    expect(String(malformed)).not.toContain('RequestLimitExceeded');

    await control('faults', [{ kind: 'drop', action: 'DescribeRegions' }]);
    const dropped = await client.DescribeRegions().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(dropped).toBeInstanceOf(Error);
    expect(String(dropped?.message)).toMatch(/socket|ECONNRESET|hang up|closed|terminated|fetch failed/i);
  });

  it('refuses a fault it does not know, and clearing the faults restores normal answers', async () => {
    const refused = await control('faults', [{ kind: 'earthquake', action: '*' }]);
    expect(refused.status).toBe(400);
    await control('faults', [{ kind: 'throttle', action: '*' }]);
    await control('faults', []);
    await expect(tcrClient(0, 'ap-guangzhou').DescribeRegions()).resolves.toHaveProperty('Regions');
  });
});
