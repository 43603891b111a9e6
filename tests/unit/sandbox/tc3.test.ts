// TC3-HMAC-SHA256 as the sandbox checks it, against requests signed by the SDK's own signer.
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { verifyTc3, type Tc3Request } from '../../../src-main/sandbox/tc3.js';

type SdkSign = typeof import('tencentcloud-sdk-nodejs/tencentcloud/common/sign.js').default;
const require = createRequire(import.meta.url);
const Sign = (require('tencentcloud-sdk-nodejs/tencentcloud/common/sign') as { default: SdkSign }).default;

const SECRET_ID = 'AKIDUnitTestUnitTestUnitTestUnitTest';
const SECRET_KEY = 'unitTestSecretKeyUnitTestSecret0';
const NOW_MS = Date.UTC(2026, 10, 28, 12, 0, 0);
const secrets = (id: string) => (id === SECRET_ID ? SECRET_KEY : undefined);

function signed(
  options: { body?: string; timestamp?: number; secretKey?: string; service?: string; host?: string } = {},
): Tc3Request {
  const body = Buffer.from(options.body ?? '{"RegistryId":"tcr-8kq3m2zd"}');
  const timestamp = options.timestamp ?? NOW_MS / 1000;
  const host = options.host ?? '127.0.0.1:51234';
  const authorization = Sign.sign3({
    method: 'POST',
    url: `http://${host}/`,
    payload: body,
    timestamp,
    service: options.service ?? '127',
    secretId: SECRET_ID,
    secretKey: options.secretKey ?? SECRET_KEY,
    multipart: false,
    boundary: '',
    headers: { 'Content-Type': 'application/json' },
  });
  return {
    method: 'POST',
    url: '/',
    headers: {
      authorization,
      'content-type': 'application/json',
      host,
      'x-tc-timestamp': String(timestamp),
      'x-tc-action': 'DescribeNamespaces',
    },
    body,
  };
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * A request signed by hand over exactly `signedHeaders` (the SDK always signs content-type and
 * host), with a correct signature for what it signs, so that only the rule under test refuses it.
 */
function handSigned(options: { signedHeaders: string[]; headers: Record<string, string>; body: string }): Tc3Request {
  const timestamp = NOW_MS / 1000;
  const date = new Date(NOW_MS).toISOString().slice(0, 10);
  const headers: Record<string, string> = {
    host: '127.0.0.1:51234',
    'x-tc-timestamp': String(timestamp),
    'x-tc-action': 'DescribeNamespaces',
    ...options.headers,
  };
  const canonicalHeaders = options.signedHeaders
    .map((name) => `${name}:${(name === 'host' ? '127.0.0.1' : (headers[name] ?? '')).toLowerCase()}\n`)
    .join('');
  const signedHeaders = options.signedHeaders.join(';');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(options.body)].join('\n');
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/127/tc3_request\n${sha256Hex(canonicalRequest)}`;
  const signingKey = hmac(hmac(hmac(`TC3${SECRET_KEY}`, date), '127'), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  headers.authorization = `TC3-HMAC-SHA256 Credential=${SECRET_ID}/${date}/127/tc3_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { method: 'POST', url: '/', headers, body: Buffer.from(options.body) };
}

describe('TC3 verification', () => {
  it('accepts what the SDK signs, with the service taken from the scope as sent', () => {
    expect(verifyTc3(signed(), secrets, NOW_MS, 'tcr')).toEqual({ ok: true, secretId: SECRET_ID, service: '127' });
    expect(
      verifyTc3(signed({ service: 'tcr', host: 'tcr.tencentcloudapi.com' }), secrets, NOW_MS, 'tcr'),
    ).toMatchObject({
      ok: true,
      service: 'tcr',
    });
  });

  it('signs the host without its port, so another port still verifies but another host does not', () => {
    const request = signed();
    expect(
      verifyTc3({ ...request, headers: { ...request.headers, host: '127.0.0.1:9' } }, secrets, NOW_MS, 'tcr').ok,
    ).toBe(true);
    expect(
      verifyTc3({ ...request, headers: { ...request.headers, host: 'localhost:51234' } }, secrets, NOW_MS, 'tcr'),
    ).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });

  it('rejects a wrong key and an unknown SecretId with the cloud codes', () => {
    expect(verifyTc3(signed({ secretKey: 'another-key-another-key-another-k' }), secrets, NOW_MS, 'tcr')).toMatchObject(
      {
        ok: false,
        code: 'AuthFailure.SignatureFailure',
      },
    );
    expect(verifyTc3(signed(), () => undefined, NOW_MS, 'tcr')).toMatchObject({
      ok: false,
      code: 'AuthFailure.SecretIdNotFound',
    });
  });

  it('hashes the body as received: tampering, even whitespace only, breaks the signature', () => {
    const request = signed({ body: '{"RegistryId":"tcr-8kq3m2zd"}' });
    const tampered = { ...request, body: Buffer.from('{"RegistryId":"tcr-5hv7p1wc"}') };
    const reformatted = { ...request, body: Buffer.from('{ "RegistryId": "tcr-8kq3m2zd" }') };
    expect(verifyTc3(tampered, secrets, NOW_MS, 'tcr')).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
    expect(verifyTc3(reformatted, secrets, NOW_MS, 'tcr')).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('rejects a changed signed header', () => {
    const request = signed();
    const changed = { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } };
    expect(verifyTc3(changed, secrets, NOW_MS, 'tcr')).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('allows five minutes of clock skew, no more', () => {
    const at = NOW_MS / 1000;
    expect(verifyTc3(signed({ timestamp: at - 299 }), secrets, NOW_MS, 'tcr').ok).toBe(true);
    expect(verifyTc3(signed({ timestamp: at + 299 }), secrets, NOW_MS, 'tcr').ok).toBe(true);
    expect(verifyTc3(signed({ timestamp: at - 301 }), secrets, NOW_MS, 'tcr')).toMatchObject({
      code: 'AuthFailure.SignatureExpire',
    });
    expect(verifyTc3(signed({ timestamp: at + 3600 }), secrets, NOW_MS, 'tcr')).toMatchObject({
      code: 'AuthFailure.SignatureExpire',
    });
  });

  it('rejects a malformed or missing Authorization header', () => {
    const request = signed();
    for (const authorization of [
      undefined,
      'Bearer abc',
      'TC3-HMAC-SHA256 Credential=AKID/2026-11-28/127/tc3_request, Signature=00',
      String(request.headers.authorization).replace('SignedHeaders=content-type;host', 'SignedHeaders=content-type'),
    ]) {
      expect(
        verifyTc3({ ...request, headers: { ...request.headers, authorization } }, secrets, NOW_MS, 'tcr'),
      ).toMatchObject({
        ok: false,
        code: 'AuthFailure.InvalidAuthorization',
      });
    }
  });

  it('hand-signs as the sandbox verifies: a request signed over content-type and host passes', () => {
    const request = handSigned({
      signedHeaders: ['content-type', 'host'],
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(verifyTc3(request, secrets, NOW_MS, 'tcr')).toMatchObject({ ok: true, service: '127' });
  });

  it('refuses a request signed over host only: the cloud requires content-type and host to be signed', () => {
    const request = handSigned({
      signedHeaders: ['host'],
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(verifyTc3(request, secrets, NOW_MS, 'tcr')).toMatchObject({
      ok: false,
      code: 'AuthFailure.InvalidAuthorization',
    });
  });

  it('hashes the body itself: X-TC-Content-SHA256 with the original body’s hash does not cover a changed body', () => {
    const original = '{"RegistryId":"tcr-8kq3m2zd"}';
    for (const signedHeaders of [
      ['content-type', 'host'],
      ['content-type', 'host', 'x-tc-content-sha256'],
    ]) {
      const request = handSigned({
        signedHeaders,
        headers: { 'content-type': 'application/json', 'x-tc-content-sha256': sha256Hex(original) },
        body: original,
      });
      expect(verifyTc3(request, secrets, NOW_MS, 'tcr').ok).toBe(true);
      const changed = { ...request, body: Buffer.from('{"RegistryId":"tcr-5hv7p1wc"}') };
      expect(verifyTc3(changed, secrets, NOW_MS, 'tcr')).toMatchObject({
        ok: false,
        code: 'AuthFailure.SignatureFailure',
      });
    }
  });

  it('refuses a valid signature scoped to another service than the one the request is for', () => {
    // A TCR request signed for cvm, at the sandbox's address and at the cloud's TCR host.
    expect(verifyTc3(signed({ service: 'cvm' }), secrets, NOW_MS, 'tcr')).toMatchObject({
      ok: false,
      code: 'AuthFailure.SignatureFailure',
    });
    expect(
      verifyTc3(signed({ service: 'cvm', host: 'tcr.tencentcloudapi.com' }), secrets, NOW_MS, 'tcr'),
    ).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
    // An STS request signed for tcr, even at a host whose first label is tcr.
    expect(verifyTc3(signed({ service: 'tcr' }), secrets, NOW_MS, 'sts')).toMatchObject({
      ok: false,
      code: 'AuthFailure.SignatureFailure',
    });
    expect(
      verifyTc3(signed({ service: 'tcr', host: 'tcr.tencentcloudapi.com' }), secrets, NOW_MS, 'sts'),
    ).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });

  it('accepts the request’s own service, and the label the SDK takes from an address that names no service', () => {
    expect(verifyTc3(signed({ service: 'tcr' }), secrets, NOW_MS, 'tcr')).toMatchObject({ ok: true, service: 'tcr' });
    expect(verifyTc3(signed({ service: 'sts' }), secrets, NOW_MS, 'sts')).toMatchObject({ ok: true, service: 'sts' });
    // The SDK pointed at 127.0.0.1:PORT or localhost:PORT scopes to the endpoint's first label.
    expect(verifyTc3(signed(), secrets, NOW_MS, 'sts')).toMatchObject({ ok: true, service: '127' });
    expect(
      verifyTc3(signed({ service: 'localhost:51234', host: 'localhost:51234' }), secrets, NOW_MS, 'tcr'),
    ).toMatchObject({ ok: true, service: 'localhost:51234' });
    // …but not a label that the host does not give.
    expect(verifyTc3(signed({ service: '10' }), secrets, NOW_MS, 'tcr')).toMatchObject({
      ok: false,
      code: 'AuthFailure.SignatureFailure',
    });
  });

  it('rejects a credential date that is not the timestamp’s UTC date', () => {
    const request = signed();
    const authorization = String(request.headers.authorization).replace('/2026-11-28/', '/2026-11-27/');
    expect(
      verifyTc3({ ...request, headers: { ...request.headers, authorization } }, secrets, NOW_MS, 'tcr'),
    ).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });
});
