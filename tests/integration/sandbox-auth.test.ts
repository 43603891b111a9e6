// Signatures as the cloud checks them, through the real SDK and through raw signed requests.
import { createHash, createHmac } from 'node:crypto';
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

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

interface HandSigned {
  /** The credential scope's service. */
  service: string;
  action: string;
  version: string;
  body?: string;
  /** What goes on the wire, when it differs from what was signed. */
  sentBody?: string;
  /** Default: content-type and host, as the SDK signs. */
  signedHeaders?: string[];
  headers?: Record<string, string>;
}

/** A request signed by hand (any scope, any signed headers) with account 0's keys, sent raw. */
async function handSigned(options: HandSigned) {
  const { secretId, secretKey } = credentialsOf(0);
  const timestamp = Math.floor(Date.now() / 1000);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const body = options.body ?? '{}';
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-tc-action': options.action,
    'x-tc-version': options.version,
    'x-tc-region': 'ap-guangzhou',
    'x-tc-timestamp': String(timestamp),
    ...options.headers,
  };
  const signed = options.signedHeaders ?? ['content-type', 'host'];
  const canonicalHeaders = signed
    .map((name) => `${name}:${(name === 'host' ? '127.0.0.1' : (headers[name] ?? '')).toLowerCase()}\n`)
    .join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signed.join(';'), sha256Hex(body)].join('\n');
  const scope = `${date}/${options.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), options.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  headers.authorization = `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
  const response = await fetch(`${sandbox.endpoint}/`, { method: 'POST', headers, body: options.sentBody ?? body });
  return (await response.json()) as { Response: Record<string, unknown> & { Error?: { Code: string } } };
}

const TCR = { action: 'DescribeInstances', version: '2019-09-24', body: '{"AllRegion":true}' };
const STS = { action: 'GetCallerIdentity', version: '2018-08-13' };

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

  it('answers hand-signed requests scoped to the request’s own service, or to the label the SDK takes from 127.0.0.1', async () => {
    const account = sandbox.accounts[0]!;
    expect((await handSigned({ ...TCR, service: 'tcr' })).Response.TotalCount).toBe(account.instances.length);
    expect((await handSigned({ ...TCR, service: '127' })).Response.TotalCount).toBe(account.instances.length);
    expect((await handSigned({ ...STS, service: 'sts' })).Response.AccountId).toBe(account.uin);
    expect((await handSigned({ ...STS, service: '127' })).Response.AccountId).toBe(account.uin);
  });

  it('refuses a correctly signed request whose credential scope names another service', async () => {
    for (const [request, service] of [
      [TCR, 'cvm'],
      [TCR, 'sts'],
      [STS, 'tcr'],
      [STS, 'cam'],
    ] as const) {
      const reply = await handSigned({ ...request, service });
      expect(reply.Response, `${request.action} signed for ${service}`).toMatchObject({
        Error: { Code: 'AuthFailure.SignatureFailure' },
        RequestId: expect.any(String),
      });
      expect(reply.Response).not.toHaveProperty('AccountId');
      expect(reply.Response).not.toHaveProperty('Registries');
    }
  });

  it('hashes the body it received, whatever X-TC-Content-SHA256 claims', async () => {
    const original = '{"AllRegion":true}';
    const claimed = { 'x-tc-content-sha256': sha256Hex(original) };
    for (const signedHeaders of [undefined, ['content-type', 'host', 'x-tc-content-sha256']]) {
      const intact = await handSigned({ ...TCR, service: 'tcr', body: original, headers: claimed, signedHeaders });
      expect(intact.Response.TotalCount).toBe(sandbox.accounts[0]!.instances.length);
      const changed = await handSigned({
        ...TCR,
        service: 'tcr',
        body: original,
        sentBody: '{"AllRegion":false}',
        headers: claimed,
        signedHeaders,
      });
      expect(changed.Response).toMatchObject({ Error: { Code: 'AuthFailure.SignatureFailure' } });
      expect(changed.Response).not.toHaveProperty('Registries');
    }
  });

  it('refuses a request signed over host only: content-type and host must both be signed', async () => {
    const reply = await handSigned({ ...TCR, service: 'tcr', signedHeaders: ['host'] });
    expect(reply.Response).toMatchObject({ Error: { Code: 'AuthFailure.InvalidAuthorization' } });
    expect(reply.Response).not.toHaveProperty('Registries');
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
