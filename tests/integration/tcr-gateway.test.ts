// The gateway through the real SDK against the sandbox: identities, paging, the typed wrappers,
// and every failure the app must show (auth, throttling, server errors, network, bad replies,
// timeouts, Cancel), as TcrErrors.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type FaultRule, type RunningSandbox } from '../../src-main/sandbox/index.js';
import {
  describeTcrError,
  TcrError,
  TcrGateway,
  type AttemptEvent,
  type TcrGatewayOptions,
  type CloudTarget,
} from '../../src-main/tcr/index.js';

let sandbox: RunningSandbox;
const gateways: TcrGateway[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ runTimeMs: 100 });
});
afterEach(() => sandbox.setFaults([]));
afterAll(async () => {
  for (const gateway of gateways) gateway.close();
  await sandbox.close();
});

const acme = () => sandbox.accounts[0]!;
const globex = () => sandbox.accounts[1]!;

function target(profileId: string, endpoint = sandbox.endpoint, region = 'ap-guangzhou'): CloudTarget {
  return { profileId, endpoint, region };
}

/** A gateway whose keychain holds each sandbox account under its name, plus a few bad pairs. */
function gateway(options: Partial<TcrGatewayOptions> = {}) {
  const attempts: AttemptEvent[] = [];
  const keys = new Map(sandbox.accounts.map((a) => [a.name, { secretId: a.secretId, secretKey: a.secretKey }]));
  keys.set('wrong-key', { secretId: acme().secretId, secretKey: 'wrong-secret-key-0000000000000000' });
  keys.set('unknown-id', { secretId: 'AKIDNobodyHasThisSecretId000000000000', secretKey: acme().secretKey });
  const created = new TcrGateway({
    keysFor: async (profileId) => {
      const pair = keys.get(profileId);
      if (!pair) throw new Error(`no keys for ${profileId}`);
      return pair;
    },
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    timeoutMs: 5000,
    onAttempt: (event) => attempts.push(event),
    ...options,
  });
  gateways.push(created);
  return { gw: created, attempts, count: (action: string) => attempts.filter((a) => a.action === action).length };
}

async function failure(promise: Promise<unknown>): Promise<TcrError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TcrError);
  return error as TcrError;
}

function faults(...rules: FaultRule[]): void {
  sandbox.setFaults(rules);
}

describe('TCR gateway against the sandbox', () => {
  it('tells whose keys a profile holds (STS GetCallerIdentity)', async () => {
    const { gw } = gateway();
    for (const account of sandbox.accounts) {
      await expect(gw.getCallerIdentity(target(account.name))).resolves.toEqual({
        accountId: account.uin,
        userId: account.uin,
        principalId: account.uin,
        arn: `qcs::cam::uin/${account.uin}:uin/${account.uin}`,
        type: 'RootAccount',
      });
    }
  });

  it('lists every instance in every region, fetching all pages', async () => {
    const { gw, count } = gateway({ pageSize: 2 });
    const instances = await gw.listInstances(target(acme().name), { allRegions: true });
    const expected = acme().instances;
    expect(expected.length).toBeGreaterThan(2);
    expect(instances.map((i) => i.registryId).sort()).toEqual(expected.map((i) => i.registryId).sort());
    expect(new Set(instances.map((i) => i.regionName)).size).toBeGreaterThan(1);
    const premium = expected.find((i) => i.registryType === 'premium')!;
    expect(instances.find((i) => i.registryId === premium.registryId)).toMatchObject({
      name: premium.registryName,
      spec: 'premium',
      status: 'Running',
      regionId: premium.regionId,
      regionName: premium.regionName,
      publicDomain: `${premium.registryName}.tencentcloudcr.com`,
      internalEndpoint: `${premium.registryName}-vpc.tencentcloudcr.com`,
      payMode: 'postpaid',
    });
    expect(count('DescribeInstances')).toBe(Math.ceil(expected.length / 2));
  });

  it('lists only the target region without allRegions', async () => {
    const { gw } = gateway();
    const instances = await gw.listInstances(target(globex().name, sandbox.endpoint, 'ap-singapore'), {
      allRegions: false,
    });
    const expected = globex().instances.filter((i) => i.regionName === 'ap-singapore');
    expect(instances.map((i) => i.registryId)).toEqual(expected.map((i) => i.registryId));
  });

  it('describes regions with their numeric ids', async () => {
    const { gw } = gateway();
    const regions = await gw.describeRegions(target(acme().name));
    expect(regions).toContainEqual(expect.objectContaining({ regionId: 1, regionName: 'ap-guangzhou', alias: 'gz' }));
  });

  it('reads namespaces, repositories, tags, rules, sync logs and tasks in the app’s own shapes', async () => {
    const { gw } = gateway({ pageSize: 2 });
    const t = target(acme().name);
    const source = acme().instances.find((i) => i.registryType === 'premium')!.registryId;
    const namespaces = await gw.listNamespaces(t, source);
    expect(namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(['platform', 'charts', 'base']));
    const repositories = await gw.listRepositories(t, { registryId: source, namespace: 'platform' });
    expect(repositories.map((r) => r.name)).toEqual(
      expect.arrayContaining(['platform/api-gateway', 'platform/auth-service', 'platform/web-console']),
    );
    const tags = await gw.listImages(t, { registryId: source, namespace: 'platform', repository: 'api-gateway' });
    expect(tags.map((i) => i.tag).sort()).toEqual(['latest', 'v1.8.0', 'v1.8.1', 'v1.9.0', 'v1.9.1']);
    expect(tags[0]).toMatchObject({ kind: 'image', digest: expect.stringMatching(/^sha256:/) });

    const policies = await gw.listReplicationPolicies(t, source);
    const platform = policies.find((p) => p.name === 'platform-to-shanghai')!;
    expect(platform).toMatchObject({
      enabled: true,
      override: true,
      filters: [
        { type: 'name', value: 'platform/**' },
        { type: 'tag', value: '' },
        { type: 'resource', value: 'image' },
      ],
    });
    const executions = await gw.listReplicationExecutions(t, { registryId: source, policyId: platform.policyId });
    expect(executions.length).toBeGreaterThan(0);
    expect(executions.every((e) => e.policyId === platform.policyId)).toBe(true);
    const tasks = await gw.listReplicationTasks(t, { registryId: source, executionId: executions[0]!.executionId });
    expect(tasks.length).toBe(executions[0]!.total);
  });

  it('creates, edits and deletes a sync rule, and manages long-term tokens', async () => {
    const { gw } = gateway();
    const t = target(acme().name);
    const [source, destination] = [acme().instances[0]!, acme().instances[1]!];
    await gw.createReplicationRule(t, {
      sourceRegistryId: source.registryId,
      destinationRegistryId: destination.registryId,
      destinationRegionId: destination.regionId,
      description: 'gateway test',
      rule: {
        name: 'gateway-test-rule',
        destNamespace: '',
        override: false,
        filters: [
          { type: 'name', value: 'base/**' },
          { type: 'tag', value: '' },
          { type: 'resource', value: 'image' },
        ],
      },
    });
    await gw.modifyReplicationRule(t, {
      sourceRegistryId: source.registryId,
      ruleName: 'gateway-test-rule',
      rule: { enabled: false },
    });
    let rule = (await gw.listReplicationPolicies(t, source.registryId)).find((p) => p.name === 'gateway-test-rule');
    expect(rule).toMatchObject({ enabled: false, description: 'gateway test' });
    await gw.deleteReplicationRule(t, { sourceRegistryId: source.registryId, ruleName: 'gateway-test-rule' });
    rule = (await gw.listReplicationPolicies(t, source.registryId)).find((p) => p.name === 'gateway-test-rule');
    expect(rule).toBeUndefined();

    const created = await gw.createInstanceToken(t, {
      registryId: source.registryId,
      kind: 'longterm',
      description: 'gateway test',
    });
    expect(created.token.length).toBeGreaterThan(10);
    await gw.setInstanceTokenEnabled(t, { registryId: source.registryId, tokenId: created.tokenId!, enabled: false });
    let tokens = await gw.listInstanceTokens(t, source.registryId);
    expect(tokens.find((k) => k.tokenId === created.tokenId)).toMatchObject({
      enabled: false,
      description: 'gateway test',
    });
    await gw.deleteInstanceToken(t, { registryId: source.registryId, tokenId: created.tokenId! });
    tokens = await gw.listInstanceTokens(t, source.registryId);
    expect(tokens.find((k) => k.tokenId === created.tokenId)).toBeUndefined();
  });
});

describe('TCR gateway failures', () => {
  it('reports a wrong SecretKey as AuthFailure.SignatureFailure with the RequestId, and no secret', async () => {
    const { gw, count } = gateway();
    const error = await failure(gw.listInstances(target('wrong-key'), { allRegions: true }));
    expect(error).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      action: 'DescribeInstances',
      retryable: false,
    });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(describeTcrError(error)).toMatchObject({ kind: 'auth', code: 'AuthFailure.SignatureFailure' });
    expect(JSON.stringify(Object.assign({ message: error.message }, error))).not.toContain('wrong-secret-key');
    expect(count('DescribeInstances')).toBe(1);
  });

  it('reports an unknown SecretId as AuthFailure.SecretIdNotFound', async () => {
    const { gw } = gateway();
    const error = await failure(gw.getCallerIdentity(target('unknown-id')));
    expect(error).toMatchObject({ code: 'AuthFailure.SecretIdNotFound', action: 'GetCallerIdentity' });
    expect(describeTcrError(error).kind).toBe('auth');
  });

  it('names the refused action when a sub-account lacks the permission', async () => {
    const { gw } = gateway();
    faults({ kind: 'error', action: 'DescribeReplicationPolicies', code: 'AuthFailure.UnauthorizedOperation' });
    const error = await failure(gw.listReplicationPolicies(target(acme().name), acme().instances[0]!.registryId));
    expect(describeTcrError(error)).toMatchObject({
      kind: 'permission',
      action: 'DescribeReplicationPolicies',
      code: 'AuthFailure.UnauthorizedOperation',
    });
  });

  it('retries a throttled read and then succeeds', async () => {
    const { gw, count } = gateway();
    faults({ kind: 'throttle', action: 'DescribeInstances', times: 2 });
    const instances = await gw.listInstances(target(acme().name), { allRegions: true });
    expect(instances).toHaveLength(acme().instances.length);
    expect(count('DescribeInstances')).toBe(3);
  });

  it('gives up on a read after the last attempt with the last error', async () => {
    const { gw, count } = gateway();
    faults({ kind: 'error', action: 'DescribeRegions', code: 'InternalError' });
    const error = await failure(gw.describeRegions(target(acme().name)));
    expect(error).toMatchObject({ code: 'InternalError', retryable: true });
    expect(describeTcrError(error).kind).toBe('server');
    expect(count('DescribeRegions')).toBe(3);
  });

  it('never retries a write: one InternalError reaches the user and the sandbox saw one request', async () => {
    const { gw, count } = gateway();
    const t = target(acme().name);
    const [source, destination] = [acme().instances[0]!, acme().instances[1]!];
    const input = {
      sourceRegistryId: source.registryId,
      destinationRegistryId: destination.registryId,
      rule: { name: 'write-once', destNamespace: '', override: false, filters: [{ type: 'name', value: 'base/**' }] },
    };
    // One fault only: had the gateway sent the write again, the second request would have created the rule.
    faults({ kind: 'error', action: 'ManageReplication', code: 'InternalError', times: 1 });
    const error = await failure(gw.createReplicationRule(t, input));
    expect(error).toMatchObject({ code: 'InternalError', action: 'ManageReplication' });
    expect(count('ManageReplication')).toBe(1);
    const rules = await gw.listReplicationPolicies(t, source.registryId);
    expect(rules.map((r) => r.name)).not.toContain('write-once');
    // The same write without the fault does create the rule: the check above could have failed.
    await gw.createReplicationRule(t, input);
    expect((await gw.listReplicationPolicies(t, source.registryId)).map((r) => r.name)).toContain('write-once');
    await gw.deleteReplicationRule(t, { sourceRegistryId: source.registryId, ruleName: 'write-once' });
  });

  it('reports a dropped connection as NetworkError (retried for a read)', async () => {
    const { gw, count } = gateway();
    faults({ kind: 'drop', action: 'GetCallerIdentity' });
    const error = await failure(gw.getCallerIdentity(target(acme().name)));
    expect(error).toMatchObject({ code: 'NetworkError', action: 'GetCallerIdentity', retryable: true });
    expect(describeTcrError(error).kind).toBe('network');
    expect(count('GetCallerIdentity')).toBe(3);
  });

  it('reports a refused connection as NetworkError', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const { gw } = gateway({ retry: { maxAttempts: 1 } });
    const error = await failure(gw.getCallerIdentity(target(acme().name, `http://127.0.0.1:${port}`)));
    expect(error.code).toBe('NetworkError');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('reports a reply that is not JSON as InvalidResponse', async () => {
    const { gw, count } = gateway();
    faults({ kind: 'malformed', action: 'DescribeInstances' });
    const error = await failure(gw.listInstances(target(acme().name), { allRegions: true }));
    expect(error).toMatchObject({ code: 'InvalidResponse', action: 'DescribeInstances' });
    expect(describeTcrError(error).kind).toBe('server');
    expect(count('DescribeInstances')).toBe(1);
  });

  it('times out a slow reply after the per-call timeout, once per attempt', async () => {
    const { gw, count } = gateway({ timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    faults({ kind: 'latency', action: 'GetCallerIdentity', latencyMs: 2000 });
    const started = Date.now();
    const error = await failure(gw.getCallerIdentity(target(acme().name)));
    expect(error).toMatchObject({ code: 'Timeout', action: 'GetCallerIdentity' });
    expect(describeTcrError(error).kind).toBe('timeout');
    expect(count('GetCallerIdentity')).toBe(2);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('cancels a call in flight at once, without retrying it', async () => {
    const { gw, count } = gateway();
    faults({ kind: 'latency', action: 'DescribeInstances', latencyMs: 3000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(
      gw.listInstances(target(acme().name), { allRegions: true }, { signal: controller.signal }),
    );
    expect(error).toMatchObject({ code: 'Cancelled', action: 'DescribeInstances' });
    expect(describeTcrError(error).kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(count('DescribeInstances')).toBe(1);
  });

  it('passes the keychain’s own error through unchanged', async () => {
    const { gw } = gateway();
    await expect(gw.getCallerIdentity(target('no-such-profile'))).rejects.toThrow('no keys for no-such-profile');
  });
});
