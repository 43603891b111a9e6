// Immutable-tag rules through the real SDK: listed, created and deleted as the cloud does, and
// enforced as TCR does: a push of another digest to a covered tag and a sync run's overwrite are
// refused (the run's task fails, saying why), a delete of a covered tag too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { instanceNamed, tcrClient } from './helpers/sandbox-sdk.js';

const RUN_TIME_MS = 200;
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ runTimeMs: RUN_TIME_MS });
});
afterAll(() => sandbox.close());

const instance = (name: string) => instanceNamed(sandbox, name);
const acmeSh = () => tcrClient(sandbox, 0, 'ap-shanghai');
const acmeGz = () => tcrClient(sandbox, 0, 'ap-guangzhou');

async function control(path: string, body: unknown) {
  const response = await fetch(`${sandbox.endpoint}/__sandbox/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function digestOn(client: ReturnType<typeof acmeSh>, registryId: string, repository: string, tag: string) {
  const reply = await client.DescribeImages({
    RegistryId: registryId,
    NamespaceName: 'platform',
    RepositoryName: repository,
    ImageVersion: tag,
    ExactMatch: true,
  });
  return reply.ImageInfoList?.[0]?.Digest;
}

const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe('immutable-tag rules', () => {
  it('lists the demo rule of acme-prod-sh, with the namespaces that have none', async () => {
    const reply = await acmeSh().DescribeImmutableTagRules({ RegistryId: instance('acme-prod-sh').registryId });
    expect(reply.Total).toBe(1);
    expect(reply.Rules).toEqual([
      {
        RepositoryPattern: '**',
        TagPattern: 'v*',
        RepositoryDecoration: 'repoMatches',
        TagDecoration: 'matches',
        Disabled: false,
        RuleId: 1,
        NsName: 'platform',
      },
    ]);
    expect(reply.EmptyNs).toEqual([]);
  });

  it('creates and deletes a rule; refuses a bad pattern, an unknown namespace and an unknown rule', async () => {
    const gz = instance('acme-prod-gz').registryId;
    const rule = {
      RepositoryPattern: 'alpine',
      TagPattern: '3.*',
      RepositoryDecoration: 'repoMatches',
      TagDecoration: 'matches',
    };
    await acmeGz().CreateImmutableTagRules({ RegistryId: gz, NamespaceName: 'base', Rule: rule });
    const listed = await acmeGz().DescribeImmutableTagRules({ RegistryId: gz });
    expect(listed.Rules?.map((r) => [r.NsName, r.RepositoryPattern, r.TagPattern])).toEqual([
      ['base', 'alpine', '3.*'],
    ]);
    expect(listed.EmptyNs).toEqual(['platform', 'charts']);

    await expect(
      acmeGz().CreateImmutableTagRules({ RegistryId: gz, NamespaceName: 'base', Rule: { ...rule, TagPattern: '[' } }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    await expect(
      acmeGz().CreateImmutableTagRules({ RegistryId: gz, NamespaceName: 'nope', Rule: rule }),
    ).rejects.toMatchObject({ code: 'ResourceNotFound' });
    await expect(
      acmeGz().CreateImmutableTagRules({
        RegistryId: gz,
        NamespaceName: 'base',
        Rule: { ...rule, TagDecoration: 'sometimes' },
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue' });

    const id = listed.Rules?.[0]?.RuleId ?? 0;
    await expect(
      acmeGz().DeleteImmutableTagRules({ RegistryId: gz, NamespaceName: 'base', RuleId: id + 100 }),
    ).rejects.toMatchObject({ code: 'ResourceNotFound' });
    await acmeGz().DeleteImmutableTagRules({ RegistryId: gz, NamespaceName: 'base', RuleId: id });
    expect((await acmeGz().DescribeImmutableTagRules({ RegistryId: gz })).Total).toBe(0);
  });

  it('refuses a push of another digest to an immutable tag, and its delete; a new tag is fine', async () => {
    const sh = instance('acme-prod-sh').registryId;
    const push = (tag: string, d: string) =>
      control('push', {
        registryId: sh,
        namespace: 'platform',
        repository: 'api-gateway',
        tag,
        kind: 'image',
        digest: d,
      });
    const before = await digestOn(acmeSh(), sh, 'api-gateway', 'v1.8.0');
    const refused = await push('v1.8.0', digest('e'));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'FailedOperation.TagImmutable' } });
    expect(JSON.stringify(refused.body)).toContain('immutable');
    expect(await digestOn(acmeSh(), sh, 'api-gateway', 'v1.8.0')).toBe(before);
    // The same digest again changes nothing and is accepted.
    expect((await push('v1.8.0', before ?? '')).status).toBe(200);
    expect((await push('v7.0.0', digest('f'))).status).toBe(200);
    // A tag the rule does not cover (not v*) can be overwritten.
    expect((await push('latest', digest('1'))).status).toBe(200);
    expect((await push('latest', digest('2'))).status).toBe(200);

    const deleted = await control('delete', {
      registryId: sh,
      namespace: 'platform',
      repository: 'api-gateway',
      tag: 'v7.0.0',
    });
    expect(deleted.status).toBe(400);
    expect(deleted.body).toMatchObject({ error: { code: 'FailedOperation.TagImmutable' } });
  });

  it('a sync run that would overwrite an immutable tag fails its task, the target unchanged', async () => {
    const gz = instance('acme-prod-gz').registryId;
    const sh = instance('acme-prod-sh').registryId;
    const before = await digestOn(acmeSh(), sh, 'api-gateway', 'v1.8.1');
    // platform-to-shanghai overwrites (Override on); Shanghai's v* tags are immutable.
    const pushed = await control('push', {
      registryId: gz,
      namespace: 'platform',
      repository: 'api-gateway',
      tag: 'v1.8.1',
      kind: 'image',
      digest: digest('a'),
    });
    expect(pushed.status).toBe(200);
    const [executionId] = pushed.body.executionIds as number[];
    await new Promise((resolve) => setTimeout(resolve, RUN_TIME_MS + 100));
    const tasks = await acmeGz().DescribeReplicationTasks({ RegistryId: gz, ExecutionId: executionId ?? 0 });
    expect(tasks.ReplicationTaskList?.[0]).toMatchObject({ Status: 'Failed' });
    const executions = await acmeGz().DescribeReplicationExecutions({ RegistryId: gz });
    expect(executions.ReplicationExecutionList?.find((e) => e.ExecutionID === executionId)?.Status).toBe('Failed');
    expect(await digestOn(acmeSh(), sh, 'api-gateway', 'v1.8.1')).toBe(before);
  });
});
