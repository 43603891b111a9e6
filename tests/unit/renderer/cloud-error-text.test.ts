// What the user reads when a cloud call fails, in both languages: what to do, and the code and
// RequestId that support asks for.
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudErrorView } from '../../../src-main/contract/index.js';
import { cloudErrorText } from '../../../src-renderer/lib/cloud-errors.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';

afterEach(() => {
  i18n.language = 'en';
});

const refused: CloudErrorView = {
  code: 'UnauthorizedOperation.ErrorNoPermission',
  message: 'you are not authorized',
  action: 'DescribeReplicationPolicies',
  requestId: 'f1d2c3b4-0000-4000-8000-000000000001',
  kind: 'permission',
};

describe('cloudErrorText', () => {
  it('names the refused action and what a sub-account needs, with the RequestId', () => {
    const text = cloudErrorText(refused);
    expect(text).toContain('Not allowed to call DescribeReplicationPolicies');
    expect(text).toContain('A sub-account needs TCR permissions for this instance');
    expect(text).toContain('RequestId: f1d2c3b4-0000-4000-8000-000000000001');
    i18n.language = 'zh-CN';
    expect(cloudErrorText(refused)).toContain('无权调用 DescribeReplicationPolicies。子账号需要该实例的 TCR 权限');
  });

  it('tells refused keys by their code and the cloud’s message', () => {
    const text = cloudErrorText({
      code: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated.',
      requestId: 'r-1',
      kind: 'auth',
    });
    expect(text).toBe(
      'The keys were refused (AuthFailure.SignatureFailure). Check the SecretId and SecretKey of this profile. ' +
        '(The provided credentials could not be validated. · RequestId: r-1)',
    );
  });

  it('names the endpoint that cannot be reached', () => {
    const offline: CloudErrorView = { code: 'NetworkError', message: 'ECONNREFUSED', kind: 'network' };
    expect(cloudErrorText(offline, 'http://127.0.0.1:9')).toBe(
      'Cannot reach http://127.0.0.1:9. Check the network or the endpoint.',
    );
    expect(cloudErrorText(offline)).toBe('Cannot reach Tencent Cloud (offline?).');
  });

  it('says the cloud failed, not the user, for a server error', () => {
    const text = cloudErrorText({ code: 'InternalError', message: 'oops', requestId: 'r-2', kind: 'server' });
    expect(text).toContain('Tencent Cloud could not answer (InternalError). Try again in a moment.');
    expect(text).toContain('RequestId: r-2');
  });

  it('explains the app’s own failures on the way in the user’s language', () => {
    const missing: CloudErrorView = {
      code: 'KEYS_MISSING',
      message: 'The keychain holds no keys for “x”',
      kind: 'other',
    };
    expect(cloudErrorText(missing)).toBe(
      'The keychain holds no keys for this profile. On Accounts, edit it, tick “Replace keys” and enter its SecretId and SecretKey.',
    );
    i18n.language = 'zh-CN';
    expect(cloudErrorText(missing)).not.toContain('keychain');
  });

  it('falls back to the cloud’s code and message for what it does not know', () => {
    expect(cloudErrorText({ code: 'FailedOperation', message: 'busy', kind: 'other' })).toBe('FailedOperation: busy');
  });
});
