// Signatures as the cloud checks them, through the real SDK and through raw signed requests.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { sdkClients as clientsFor } from './helpers/sandbox-sdk.js';

type SdkSign = typeof import('tencentcloud-sdk-nodejs/tencentcloud/common/sign.js').default;
const Sign = (
  createRequire(import.meta.url)('tencentcloud-sdk-nodejs/tencentcloud/common/sign') as { default: SdkSign }
).default;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ runTimeMs: 100 });
});
afterAll(() => sandbox.close());

function credentialsOf(index: number, secretKey?: string) {
  const account = sandbox.accounts[index]!;
  return { secretId: account.secretId, secretKey: secretKey ?? account.secretKey };
}

/** A request signed exactly as the SDK signs it, so that single bytes can then be changed. */
function rawRequest(body: string, headers: Record<string, string> = {}, sentBody = body) {
  const { secretId, secretKey } = credentialsOf(0);
  const timestamp = Math.floor(Date.now() / 1000);
  const url = `${sandbox.endpoint}/`;
  const authorization = Sign.sign3({
    method: 'POST',
    url,
    payload: Buffer.from(body),
    timestamp,
    service: '127',
    secretId,
    secretKey,
    multipart: false,
    boundary: '',
    headers: { 'Content-Type': 'application/json' },
  });
  return fetch(url, {
    method: 'POST',
    headers: {
      Authorization: authorization,
      'Content-Type': 'application/json',
      'X-TC-Action': 'DescribeInstances',
      'X-TC-Version': '2019-09-24',
      'X-TC-Region': 'ap-guangzhou',
      'X-TC-Timestamp': String(timestamp),
      ...headers,
    },
    body: sentBody,
  }).then(async (response) => ({
    status: response.status,
    json: (await response.json()) as { Response: Record<string, unknown> },
  }));
}

describe('sandbox authentication', () => {
  it('tells each key pair its own account through STS GetCallerIdentity', async () => {
    for (const [index, account] of sandbox.accounts.entries()) {
      const identity = await clientsFor(sandbox.endpoint, credentialsOf(index)).sts.GetCallerIdentity();
      expect(identity).toMatchObject({
        AccountId: account.uin,
        UserId: account.uin,
        PrincipalId: account.uin,
        Arn: `qcs::cam::uin/${account.uin}:uin/${account.uin}`,
        Type: 'RootAccount',
      });
      expect(identity.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('rejects a wrong SecretKey with AuthFailure.SignatureFailure', async () => {
    const client = clientsFor(sandbox.endpoint, credentialsOf(0, 'wrong-secret-key-000000000000000')).tcr;
    await expect(client.DescribeInstances({})).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      requestId: expect.stringMatching(/\S/),
    });
  });

  it('rejects an unknown SecretId with AuthFailure.SecretIdNotFound', async () => {
    const client = clientsFor(sandbox.endpoint, {
      secretId: 'AKIDUnknownUnknownUnknownUnknown0000',
      secretKey: 'whatever-whatever-whatever-whate',
    }).sts;
    await expect(client.GetCallerIdentity()).rejects.toMatchObject({ code: 'AuthFailure.SecretIdNotFound' });
  });

  it('rejects a request signed more than five minutes away from the server clock', async () => {
    const skewed = await startSandbox({ now: () => Date.now() + 10 * 60_000 });
    const nearly = await startSandbox({ now: () => Date.now() + 4 * 60_000 });
    try {
      const credential = { secretId: skewed.accounts[0]!.secretId, secretKey: skewed.accounts[0]!.secretKey };
      await expect(clientsFor(skewed.endpoint, credential).tcr.DescribeRegions()).rejects.toMatchObject({
        code: 'AuthFailure.SignatureExpire',
      });
      expect((await clientsFor(nearly.endpoint, credential).tcr.DescribeRegions()).TotalCount).toBeGreaterThan(0);
    } finally {
      await skewed.close();
      await nearly.close();
    }
  });

  it('hashes the body as sent: a raw request verifies, the same request with a changed body does not', async () => {
    const body = '{"AllRegion":true}';
    const ok = await rawRequest(body);
    expect(ok.status).toBe(200);
    expect(ok.json.Response.TotalCount).toBe(sandbox.accounts[0]!.instances.length);

    const tampered = await rawRequest(body, {}, '{"AllRegion":false}');
    expect(tampered.status).toBe(200);
    expect(tampered.json.Response).toMatchObject({
      Error: { Code: 'AuthFailure.SignatureFailure', Message: expect.any(String) },
      RequestId: expect.any(String),
    });
  });

  it('rejects a changed signed header', async () => {
    const reply = await rawRequest('{}', { 'Content-Type': 'application/json; charset=utf-8' });
    expect(reply.json.Response.Error).toMatchObject({ Code: 'AuthFailure.SignatureFailure' });
  });

  it('rejects a malformed Authorization header with AuthFailure.InvalidAuthorization', async () => {
    for (const authorization of ['TC3-HMAC-SHA256 Credential=garbage', 'HMAC-SHA1 abc']) {
      const reply = await rawRequest('{}', { Authorization: authorization });
      expect(reply.json.Response.Error).toMatchObject({ Code: 'AuthFailure.InvalidAuthorization' });
    }
  });

  it('answers an action it does not have with InvalidAction', async () => {
    const client = clientsFor(sandbox.endpoint, credentialsOf(0)).tcr;
    await expect(client.request('DescribeEverything', {})).rejects.toMatchObject({ code: 'InvalidAction' });
    // STS actions are not TCR actions: dispatch is by version.
    await expect(client.request('GetCallerIdentity', {})).rejects.toMatchObject({ code: 'InvalidAction' });
  });
});
