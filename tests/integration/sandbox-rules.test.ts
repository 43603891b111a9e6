// Sync rules through the real SDK: create, list, change and delete, with the checks the cloud
// makes (names, editions, regions, patterns) and cross-account rules needing a valid token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxInstanceInfo } from '../../src-main/sandbox/index.js';
import { instanceNamed, tcrClient } from './helpers/sandbox-sdk.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const client = (accountIndex: number, region: string) => tcrClient(sandbox, accountIndex, region);
const instance = (name: string): SandboxInstanceInfo => instanceNamed(sandbox, name);
const acmeGz = () => client(0, 'ap-guangzhou');
const globexSg = () => client(1, 'ap-singapore');

function rule(name: string, filters = [{ Type: 'name', Value: 'base/**' }]) {
  return { Name: name, DestNamespace: '', Override: false, Filters: filters };
}

async function policies(registryId = instance('acme-prod-gz').registryId) {
  return (await acmeGz().DescribeReplicationPolicies({ RegistryId: registryId })).ReplicationPolicyInfoList ?? [];
}

describe('sync rules', () => {
  it('lists the seeded rules of an instance with their filters and ends', async () => {
    const list = await policies();
    expect(list.map((p) => p.Name)).toEqual(['platform-to-shanghai', 'charts-to-beijing-dr', 'release-to-globex']);
    expect(list[0]).toMatchObject({
      ID: 1,
      Enabled: true,
      Override: true,
      SrcResource: instance('acme-prod-gz').registryId,
      DestResource: instance('acme-prod-sh').registryId,
      Filters: expect.arrayContaining([{ Type: 'name', Value: 'platform/**' }]),
    });
  });

  it('creates a same-account rule and refuses the same name twice', async () => {
    const gz = instance('acme-prod-gz');
    const bj = instance('acme-dr-bj');
    await acmeGz().ManageReplication({
      SourceRegistryId: gz.registryId,
      DestinationRegistryId: bj.registryId,
      DestinationRegionId: bj.regionId,
      Rule: rule('base-to-bj'),
      Description: '基础镜像',
    });
    expect((await policies()).find((p) => p.Name === 'base-to-bj')).toMatchObject({
      Enabled: true,
      Description: '基础镜像',
      DestResource: bj.registryId,
      Filters: [{ Type: 'name', Value: 'base/**' }],
    });
    await expect(
      acmeGz().ManageReplication({
        SourceRegistryId: gz.registryId,
        DestinationRegistryId: bj.registryId,
        Rule: rule('base-to-bj'),
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameter.ErrorNameExists' });
  });

  it('refuses bad names, Basic editions, a wrong region, an unknown target and a malformed pattern', async () => {
    const gz = instance('acme-prod-gz').registryId;
    const bj = instance('acme-dr-bj');
    const manage = (extra: Record<string, unknown>) =>
      acmeGz().request('ManageReplication', {
        SourceRegistryId: gz,
        DestinationRegistryId: bj.registryId,
        Rule: rule('r1'),
        ...extra,
      });
    await expect(manage({ Rule: rule('Base_Rule') })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining('Rule.Name'),
    });
    await expect(manage({ Rule: rule('-base') })).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    await expect(manage({ SourceRegistryId: instance('acme-dev-gz').registryId })).rejects.toMatchObject({
      code: 'UnsupportedOperation',
    });
    await expect(manage({ DestinationRegistryId: instance('acme-dev-gz').registryId })).rejects.toMatchObject({
      code: 'UnsupportedOperation',
    });
    await expect(manage({ DestinationRegionId: 1 })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining('DestinationRegionId'),
    });
    await expect(manage({ DestinationRegistryId: 'tcr-doesnotx' })).rejects.toMatchObject({ code: 'ResourceNotFound' });
    await expect(manage({ Rule: rule('r1', [{ Type: 'name', Value: 'base/[-]' }]) })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining('Rule.Filters.0.Value'),
    });
    await expect(manage({ Rule: rule('r1', [{ Type: 'colour', Value: 'red' }]) })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining('Rule.Filters.0.Type'),
    });
    await expect(manage({ Rule: { Name: 'r1', DestNamespace: '', Filters: [] } })).rejects.toMatchObject({
      code: 'MissingParameter',
      message: expect.stringContaining('Rule.Override'),
    });
    expect((await policies()).some((p) => p.Name === 'r1')).toBe(false);
  });

  it('needs an enabled, unexpired long-term token of the other account’s instance for a cross-account rule', async () => {
    const gz = instance('acme-prod-gz').registryId;
    const sg = instance('globex-main-sg');
    const globexUin = sandbox.accounts[1]!.uin;
    const manage = (name: string, peer?: Record<string, unknown>) =>
      acmeGz().request('ManageReplication', {
        SourceRegistryId: gz,
        DestinationRegistryId: sg.registryId,
        DestinationRegionId: sg.regionId,
        Rule: rule(name),
        ...(peer
          ? { PeerReplicationOption: { PeerRegistryUin: globexUin, EnablePeerReplication: true, ...peer } }
          : {}),
      });

    await expect(manage('x-none')).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining('PeerReplicationOption'),
    });
    const good = await globexSg().CreateInstanceToken({
      RegistryId: sg.registryId,
      TokenType: 'longterm',
      Desc: 'acme',
    });
    await expect(
      manage('x-uin', { PeerRegistryToken: good.Token, PeerRegistryUin: sandbox.accounts[0]!.uin }),
    ).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining('PeerRegistryUin'),
    });
    await expect(manage('x-garbage', { PeerRegistryToken: 'not-a-token' })).rejects.toMatchObject({
      code: 'FailedOperation',
    });

    const temp = await globexSg().CreateInstanceToken({ RegistryId: sg.registryId, TokenType: 'temp' });
    await expect(manage('x-temp', { PeerRegistryToken: temp.Token })).rejects.toMatchObject({
      code: 'FailedOperation',
      message: expect.stringContaining('temporary'),
    });
    const disabled = await globexSg().CreateInstanceToken({
      RegistryId: sg.registryId,
      TokenType: 'longterm',
      Desc: 'off',
    });
    await globexSg().ModifyInstanceToken({ RegistryId: sg.registryId, TokenId: disabled.TokenId!, Enable: false });
    await expect(manage('x-disabled', { PeerRegistryToken: disabled.Token })).rejects.toMatchObject({
      code: 'FailedOperation',
      message: expect.stringContaining('disabled'),
    });

    await manage('to-globex-base', { PeerRegistryToken: good.Token });
    expect((await policies()).find((p) => p.Name === 'to-globex-base')).toMatchObject({ DestResource: sg.registryId });
  });

  it('changes a rule’s filters, state and description, and deletes it', async () => {
    const gz = instance('acme-prod-gz').registryId;
    const bj = instance('acme-dr-bj').registryId;
    await acmeGz().ManageReplication({ SourceRegistryId: gz, DestinationRegistryId: bj, Rule: rule('to-change') });
    await acmeGz().ModifyReplication({
      SourceRegistryId: gz,
      RuleName: 'to-change',
      Rule: {
        Enabled: false,
        Override: true,
        Filters: [
          { Type: 'name', Value: 'base/node' },
          { Type: 'tag', Value: '2?-alpine' },
        ],
      },
      Description: 'node only',
    });
    expect((await policies()).find((p) => p.Name === 'to-change')).toMatchObject({
      Enabled: false,
      Override: true,
      Description: 'node only',
      Filters: [
        { Type: 'name', Value: 'base/node' },
        { Type: 'tag', Value: '2?-alpine' },
      ],
    });
    await expect(
      acmeGz().ModifyReplication({ SourceRegistryId: gz, RuleName: 'no-such-rule', Rule: { Enabled: true } }),
    ).rejects.toMatchObject({ code: 'ResourceNotFound' });

    await acmeGz().DeleteReplicationRule({ SourceRegistryId: gz, RuleName: 'to-change' });
    expect((await policies()).some((p) => p.Name === 'to-change')).toBe(false);
    await expect(acmeGz().DeleteReplicationRule({ SourceRegistryId: gz, RuleName: 'to-change' })).rejects.toMatchObject(
      {
        code: 'ResourceNotFound',
      },
    );
  });

  it('pages rules and hides them from other accounts', async () => {
    const gz = instance('acme-prod-gz').registryId;
    const all = await policies();
    const page2 = await acmeGz().DescribeReplicationPolicies({ RegistryId: gz, Page: 2, PageSize: 2 });
    expect(page2.TotalCount).toBe(all.length);
    expect(page2.ReplicationPolicyInfoList?.map((p) => p.ID)).toEqual(all.slice(2, 4).map((p) => p.ID));
    await expect(client(1, 'ap-guangzhou').DescribeReplicationPolicies({ RegistryId: gz })).rejects.toMatchObject({
      code: 'ResourceNotFound',
    });
  });
});
