// Instance access tokens through the real SDK: long-term and temporary, enable/disable, delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { tcrClient } from './helpers/sandbox-sdk.js';

let sandbox: RunningSandbox;
let sh: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  sh = sandbox.accounts[0]!.instances.find((i) => i.registryName === 'acme-prod-sh')!.registryId;
});
afterAll(() => sandbox.close());

const client = () => tcrClient(sandbox, 0, 'ap-shanghai');

describe('instance tokens', () => {
  it('creates a long-term token that is listed, and a temporary one that is not', async () => {
    const before = await client().DescribeInstanceToken({ RegistryId: sh });
    const longterm = await client().CreateInstanceToken({ RegistryId: sh, TokenType: 'longterm', Desc: 'release bot' });
    expect(longterm).toMatchObject({
      TokenId: expect.any(String),
      Token: expect.any(String),
      Username: expect.any(String),
    });
    expect(longterm.ExpTime).toBeGreaterThan(Date.now() + 10 * 365 * 24 * 3600_000);
    const temp = await client().CreateInstanceToken({ RegistryId: sh });
    expect(temp.TokenId).toBeUndefined();
    expect(temp.ExpTime).toBeGreaterThan(Date.now());
    expect(temp.ExpTime).toBeLessThanOrEqual(Date.now() + 3600_000);

    const after = await client().DescribeInstanceToken({ RegistryId: sh });
    expect(after.TotalCount).toBe((before.TotalCount ?? 0) + 1);
    expect(after.Tokens?.find((t) => t.Id === longterm.TokenId)).toMatchObject({
      Desc: 'release bot',
      RegistryId: sh,
      Enabled: true,
      ExpiredAt: longterm.ExpTime,
    });
  });

  it('disables, re-describes and deletes a long-term token', async () => {
    const { TokenId } = await client().CreateInstanceToken({ RegistryId: sh, TokenType: 'longterm', Desc: 'ci' });
    await client().ModifyInstanceToken({ RegistryId: sh, TokenId: TokenId!, Enable: false });
    await client().ModifyInstanceToken({ RegistryId: sh, TokenId: TokenId!, ModifyFlag: 1, Desc: 'ci (paused)' });
    const listed = await client().DescribeInstanceToken({ RegistryId: sh });
    expect(listed.Tokens?.find((t) => t.Id === TokenId)).toMatchObject({ Enabled: false, Desc: 'ci (paused)' });

    await expect(client().ModifyInstanceToken({ RegistryId: sh, TokenId: TokenId! })).rejects.toMatchObject({
      code: 'MissingParameter',
      message: expect.stringContaining('Enable'),
    });
    await client().DeleteInstanceToken({ RegistryId: sh, TokenId: TokenId! });
    const gone = await client().DescribeInstanceToken({ RegistryId: sh });
    expect(gone.Tokens?.some((t) => t.Id === TokenId)).toBe(false);
    await expect(client().DeleteInstanceToken({ RegistryId: sh, TokenId: TokenId! })).rejects.toMatchObject({
      code: 'ResourceNotFound',
    });
  });

  it('pages tokens by item offset and refuses an unknown token type', async () => {
    const all = await client().DescribeInstanceToken({ RegistryId: sh });
    const second = await client().DescribeInstanceToken({ RegistryId: sh, Offset: 1, Limit: 1 });
    expect(second.Tokens?.map((t) => t.Id)).toEqual([all.Tokens?.[1]?.Id]);
    await expect(client().CreateInstanceToken({ RegistryId: sh, TokenType: 'forever' })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringContaining('TokenType'),
    });
  });
});
