// TC3-HMAC-SHA256 as the sandbox checks it, against requests signed by the SDK's own signer.
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

describe('TC3 verification', () => {
  it('accepts what the SDK signs, with the service taken from the scope as sent', () => {
    expect(verifyTc3(signed(), secrets, NOW_MS)).toEqual({ ok: true, secretId: SECRET_ID, service: '127' });
    expect(verifyTc3(signed({ service: 'tcr', host: 'tcr.tencentcloudapi.com' }), secrets, NOW_MS)).toMatchObject({
      ok: true,
      service: 'tcr',
    });
  });

  it('signs the host without its port, so another port still verifies but another host does not', () => {
    const request = signed();
    expect(verifyTc3({ ...request, headers: { ...request.headers, host: '127.0.0.1:9' } }, secrets, NOW_MS).ok).toBe(
      true,
    );
    expect(
      verifyTc3({ ...request, headers: { ...request.headers, host: 'localhost:51234' } }, secrets, NOW_MS),
    ).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
  });

  it('rejects a wrong key and an unknown SecretId with the cloud codes', () => {
    expect(verifyTc3(signed({ secretKey: 'another-key-another-key-another-k' }), secrets, NOW_MS)).toMatchObject({
      ok: false,
      code: 'AuthFailure.SignatureFailure',
    });
    expect(verifyTc3(signed(), () => undefined, NOW_MS)).toMatchObject({
      ok: false,
      code: 'AuthFailure.SecretIdNotFound',
    });
  });

  it('hashes the body as received: tampering, even whitespace only, breaks the signature', () => {
    const request = signed({ body: '{"RegistryId":"tcr-8kq3m2zd"}' });
    const tampered = { ...request, body: Buffer.from('{"RegistryId":"tcr-5hv7p1wc"}') };
    const reformatted = { ...request, body: Buffer.from('{ "RegistryId": "tcr-8kq3m2zd" }') };
    expect(verifyTc3(tampered, secrets, NOW_MS)).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
    expect(verifyTc3(reformatted, secrets, NOW_MS)).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('rejects a changed signed header', () => {
    const request = signed();
    const changed = { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } };
    expect(verifyTc3(changed, secrets, NOW_MS)).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('allows five minutes of clock skew, no more', () => {
    const at = NOW_MS / 1000;
    expect(verifyTc3(signed({ timestamp: at - 299 }), secrets, NOW_MS).ok).toBe(true);
    expect(verifyTc3(signed({ timestamp: at + 299 }), secrets, NOW_MS).ok).toBe(true);
    expect(verifyTc3(signed({ timestamp: at - 301 }), secrets, NOW_MS)).toMatchObject({
      code: 'AuthFailure.SignatureExpire',
    });
    expect(verifyTc3(signed({ timestamp: at + 3600 }), secrets, NOW_MS)).toMatchObject({
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
      expect(verifyTc3({ ...request, headers: { ...request.headers, authorization } }, secrets, NOW_MS)).toMatchObject({
        ok: false,
        code: 'AuthFailure.InvalidAuthorization',
      });
    }
  });

  it('rejects a credential date that is not the timestamp’s UTC date', () => {
    const request = signed();
    const authorization = String(request.headers.authorization).replace('/2026-11-28/', '/2026-11-27/');
    expect(verifyTc3({ ...request, headers: { ...request.headers, authorization } }, secrets, NOW_MS)).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });
});
