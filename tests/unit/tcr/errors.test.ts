// Every way a cloud call can fail becomes a TcrError with a code the UI understands.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { normaliseError, redact } from '../../../src-main/tcr/normalise-error.js';
import { describeTcrError, TcrError } from '../../../src-main/tcr/tcr-error.js';

type SdkExceptionClass = new (message: string, requestId?: string, traceId?: string) => Error & { code?: string };
const require = createRequire(import.meta.url);
const SdkException = (
  require('tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception') as {
    default: SdkExceptionClass;
  }
).default;

function cloudError(code: string, message: string, requestId: string): Error {
  const error = new SdkException(message, requestId, 'trace-1');
  error.code = code;
  return error;
}

/** How the SDK wraps a node-fetch failure: the message only, no code, no RequestId. */
function transportError(reason: string): Error {
  return new SdkException(`request to https://tcr.tencentcloudapi.com/ failed, reason: ${reason}`, '', 'trace-2');
}

describe('error normalisation', () => {
  it('keeps the cloud’s code, message and RequestId', () => {
    const error = normaliseError(
      cloudError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.', 'rid-1'),
      'DescribeInstances',
    );
    expect(error).toBeInstanceOf(TcrError);
    expect(error).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated.',
      requestId: 'rid-1',
      action: 'DescribeInstances',
      retryable: false,
    });
  });

  it.each([
    'connect ECONNREFUSED 127.0.0.1:443',
    'getaddrinfo ENOTFOUND tcr.example.invalid',
    'read ECONNRESET',
    'socket hang up',
  ])('reports %s as NetworkError with the reason', (reason) => {
    const error = normaliseError(transportError(reason), 'GetCallerIdentity');
    expect(error).toMatchObject({ code: 'NetworkError', action: 'GetCallerIdentity', retryable: true });
    expect(error.message).toBe(`The endpoint could not be reached: ${reason}`);
    expect(error.requestId).toBeUndefined();
  });

  it('reports node-fetch’s own timeout as Timeout', () => {
    const error = normaliseError(new SdkException('network timeout at: https://tcr.tencentcloudapi.com/'), 'X');
    expect(error).toMatchObject({ code: 'Timeout', retryable: true });
  });

  it('reports a body that is not JSON as InvalidResponse', () => {
    const fetchError = Object.assign(new Error('invalid json response body at http://x/ reason: Unexpected end'), {
      type: 'invalid-json',
    });
    expect(normaliseError(fetchError, 'DescribeInstances').code).toBe('InvalidResponse');
    expect(normaliseError(new SyntaxError('Unexpected token <'), 'DescribeInstances').code).toBe('InvalidResponse');
    const noResponse = new TypeError("Cannot read properties of undefined (reading 'Error')");
    expect(normaliseError(noResponse, 'DescribeInstances').code).toBe('InvalidResponse');
  });

  it('reports an HTTP error status from a proxy or a wrong endpoint', () => {
    const badGateway = Object.assign(new SdkException('Bad Gateway'), { httpCode: 502 });
    expect(normaliseError(badGateway, 'DescribeInstances')).toMatchObject({ code: 'InternalError', retryable: true });
    const notFound = Object.assign(new SdkException('Not Found'), { httpCode: 404 });
    expect(normaliseError(notFound, 'DescribeInstances')).toMatchObject({
      code: 'InvalidResponse',
      message: 'HTTP 404 Not Found',
    });
  });

  it('reports an aborted fetch as Cancelled', () => {
    const aborted = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    expect(normaliseError(aborted, 'DescribeInstances').code).toBe('Cancelled');
  });

  it('masks a secret that found its way into a message', () => {
    const error = new TcrError({ code: 'InvalidParameter', message: 'key AKIDabc / s3cr3tKey refused', action: 'A' });
    expect(redact(error, ['s3cr3tKey', 'AKIDabc']).message).toBe('key *** / *** refused');
  });

  it('keeps the code, action and RequestId of an error it masks', () => {
    const error = new TcrError({
      code: 'AuthFailure.SecretIdNotFound',
      message: 'SecretId AKIDabcd not found',
      action: 'DescribeInstances',
      requestId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
    });
    expect(redact(error, ['AKIDabcd'])).toMatchObject({
      message: 'SecretId *** not found',
      code: 'AuthFailure.SecretIdNotFound',
      action: 'DescribeInstances',
      requestId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
    });
  });
});

describe('describeTcrError', () => {
  it.each([
    ['AuthFailure.SignatureFailure', 'auth'],
    ['AuthFailure.SecretIdNotFound', 'auth'],
    ['AuthFailure.SignatureExpire', 'auth'],
    ['AuthFailure.UnauthorizedOperation', 'permission'],
    ['UnauthorizedOperation', 'permission'],
    ['UnauthorizedOperation.NoPermission', 'permission'],
    ['RequestLimitExceeded', 'throttled'],
    ['RequestLimitExceeded.UinLimitExceeded', 'throttled'],
    ['NetworkError', 'network'],
    ['Timeout', 'timeout'],
    ['ResourceNotFound', 'notFound'],
    ['ResourceNotFound.TcrResourceNotFound', 'notFound'],
    ['FailedOperation.RegistryNotExist', 'notFound'],
    ['InvalidParameter', 'invalid'],
    ['InvalidParameterValue.TooLong', 'invalid'],
    ['MissingParameter', 'invalid'],
    ['InvalidAction', 'invalid'],
    ['UnsupportedOperation', 'invalid'],
    ['InvalidEndpoint', 'invalid'],
    ['InternalError', 'server'],
    ['InternalError.DbError', 'server'],
    ['InvalidResponse', 'server'],
    ['Cancelled', 'cancelled'],
    ['FailedOperation', 'other'],
    ['LimitExceeded', 'other'],
    ['ResourceInUse', 'other'],
  ])('%s is %s', (code, kind) => {
    const view = describeTcrError(new TcrError({ code, message: 'm', action: 'ManageReplication', requestId: 'r' }));
    expect(view).toEqual({ code, message: 'm', action: 'ManageReplication', requestId: 'r', kind });
  });

  it('keeps the code of an error that is not the cloud’s (e.g. the keychain’s)', () => {
    const keychain = Object.assign(new Error('The keychain holds no keys'), { code: 'KEYS_MISSING' });
    expect(describeTcrError(keychain)).toEqual({
      code: 'KEYS_MISSING',
      message: 'The keychain holds no keys',
      kind: 'other',
    });
  });
});
