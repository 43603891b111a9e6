import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** What a TC3-HMAC-SHA256 check needs from an HTTP request. */
export interface Tc3Request {
  method: string;
  /** Path and query exactly as requested, e.g. `/` (the SDK signs an empty query string). */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as received: the signature covers these bytes, not a re-serialisation. */
  body: Uint8Array;
}

export type Tc3Result =
  { ok: true; secretId: string; service: string } | { ok: false; code: Tc3FailureCode; message: string };

export type Tc3FailureCode =
  | 'AuthFailure.InvalidAuthorization'
  | 'AuthFailure.SecretIdNotFound'
  | 'AuthFailure.SignatureExpire'
  | 'AuthFailure.SignatureFailure'
  | 'MissingParameter'
  | 'InvalidParameterValue';

/** The cloud accepts a timestamp up to five minutes either side of its own clock. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

function header(headers: Tc3Request['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The host as the SDK signs it: `new URL(url).hostname`, i.e. without the port. */
function hostWithoutPort(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The services a request's credential scope may name. The cloud knows which service it is by its
 * host (`tcr.tencentcloudapi.com` is tcr) and refuses a signature scoped to another one, so that
 * a signature made for one service (cvm) cannot be spent on another (tcr). The sandbox serves tcr
 * and sts at one address, so the service is the one the action belongs to. The SDK, pointed at
 * an address that names no service (`127.0.0.1:PORT`, `localhost:PORT`), scopes its signature
 * to the endpoint's first dot-separated label (`127`, `localhost:PORT`): no service's name
 * either, so that label is accepted too — for such an address only.
 */
function servicesFor(service: string, host: string | undefined): string[] {
  const hostname = host === undefined ? undefined : hostWithoutPort(host);
  if (hostname === undefined || host === undefined) return [service];
  const namesNoService = hostname === 'localhost' || isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
  return namesNoService ? [service, host.split('.')[0] ?? host] : [service];
}

function fail(code: Tc3FailureCode, message: string): Tc3Result {
  return { ok: false, code, message };
}

/** The signing key and signature of TencentCloud API 3.0 (TC3-HMAC-SHA256). */
export function tc3Signature(secretKey: string, date: string, service: string, stringToSign: string): string {
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

/**
 * Verifies a request for `service` (tcr, sts) the way the cloud does: the credential scope must
 * name that service (see servicesFor), and the signature is recomputed from that scope, the
 * signed headers as sent (host without its port) and the raw body — never from a hash the
 * request claims for it (X-TC-Content-SHA256).
 */
export function verifyTc3(
  request: Tc3Request,
  secretFor: (secretId: string) => string | undefined,
  nowMs: number,
  service: string,
): Tc3Result {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return fail('AuthFailure.InvalidAuthorization', 'The Authorization header is missing.');
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) {
    return fail('AuthFailure.InvalidAuthorization', 'The Authorization header is not a TC3-HMAC-SHA256 authorization.');
  }
  const [, secretId = '', date = '', scopeService = '', signedHeaderList = '', signature = ''] = match;
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('content-type') || !signedHeaders.includes('host')) {
    return fail('AuthFailure.InvalidAuthorization', 'SignedHeaders must include content-type and host.');
  }

  const timestampText = header(request.headers, 'x-tc-timestamp');
  if (timestampText === undefined) return fail('MissingParameter', 'The X-TC-Timestamp header is missing.');
  if (!/^\d{1,12}$/.test(timestampText)) {
    return fail('InvalidParameterValue', 'X-TC-Timestamp must be a Unix time in seconds.');
  }
  const timestamp = Number(timestampText);
  if (Math.abs(nowMs / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    return fail(
      'AuthFailure.SignatureExpire',
      `The request timestamp ${timestamp} is more than ${MAX_CLOCK_SKEW_SECONDS} seconds away from the server time.`,
    );
  }
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) {
    return fail('AuthFailure.SignatureFailure', 'The credential date does not match X-TC-Timestamp.');
  }
  if (!servicesFor(service, header(request.headers, 'host')).includes(scopeService)) {
    return fail(
      'AuthFailure.SignatureFailure',
      `The credential scope names the service ${scopeService}; this request is for ${service}.`,
    );
  }

  const secretKey = secretFor(secretId);
  if (secretKey === undefined) return fail('AuthFailure.SecretIdNotFound', 'The SecretId was not found.');

  let canonicalHeaders = '';
  for (const name of signedHeaders) {
    const raw = header(request.headers, name);
    const value = name === 'host' && raw !== undefined ? hostWithoutPort(raw) : raw;
    if (value === undefined) {
      return fail('AuthFailure.SignatureFailure', `The signed header ${name} is missing from the request.`);
    }
    canonicalHeaders += `${name}:${value.trim().toLowerCase()}\n`;
  }
  const queryAt = request.url.indexOf('?');
  const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : request.url.slice(queryAt + 1);
  const canonicalRequest = [
    request.method.toUpperCase(),
    path,
    query,
    canonicalHeaders,
    signedHeaderList,
    sha256Hex(request.body),
  ].join('\n');
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${scopeService}/tc3_request\n${sha256Hex(canonicalRequest)}`;
  const expected = Buffer.from(tc3Signature(secretKey, date, scopeService, stringToSign), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
  }
  return { ok: true, secretId, service: scopeService };
}

/** Signs a request like the SDK does; for callers (tests, tools) that send raw requests. */
export function signTc3(input: {
  secretId: string;
  secretKey: string;
  host: string;
  service: string;
  body: string | Uint8Array;
  timestamp: number;
  contentType?: string;
}): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const contentType = input.contentType ?? 'application/json';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:${hostWithoutPort(input.host) ?? input.host}\n`,
    'content-type;host',
    sha256Hex(input.body),
  ].join('\n');
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${date}/${input.service}/tc3_request\n${sha256Hex(canonicalRequest)}`;
  const signature = tc3Signature(input.secretKey, date, input.service, stringToSign);
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${date}/${input.service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`;
}
