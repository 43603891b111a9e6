import { describe, expect, it } from 'vitest';
import {
  channels,
  profileCreateSchema,
  profileUpdateSchema,
  settingsSchema,
} from '../../../src-main/contract/index.js';
import { issuesToFields } from '../../../src-main/services/shared/field-issues.js';

const good = {
  name: 'Prod',
  uin: '100012345678',
  region: 'ap-guangzhou',
  endpoint: 'tcr.tencentcloudapi.com',
  colour: 'blue',
  secretId: 'AKIDabcdefghijklmnopqrstuvwxyz123456',
  secretKey: 'k'.repeat(32),
};

function fieldsOf(schema: typeof profileCreateSchema | typeof profileUpdateSchema, input: unknown) {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : issuesToFields(parsed.error.issues);
}

describe('profile input validation', () => {
  it('accepts a complete profile', () => {
    expect(profileCreateSchema.safeParse(good).success).toBe(true);
  });

  it.each([
    ['uin', '12a45', 'uin.digits'],
    ['uin', '１２３', 'uin.digits'],
    ['secretKey', '', 'secretKey.required'],
    ['secretId', 'AKID abc', 'secretId.whitespace'],
    ['secretId', 'AKIDabc\n', 'secretId.whitespace'],
    ['name', '   ', 'name.required'],
    ['endpoint', 'not a host/path?x', 'endpoint.invalid'],
    ['region', 'mars-1', 'region.invalid'],
    ['colour', 'pink', 'colour.invalid'],
  ])('rejects %s=%j with %s on that field', (field, value, code) => {
    expect(fieldsOf(profileCreateSchema, { ...good, [field]: value })).toEqual({ [field]: code });
  });

  it('reports every bad field at once, not only the first', () => {
    const fields = fieldsOf(profileCreateSchema, { ...good, uin: 'x', secretKey: '' });
    expect(fields).toEqual({ uin: 'uin.digits', secretKey: 'secretKey.required' });
  });

  it('allows an empty account ID (filled in later) and custom endpoints', () => {
    expect(profileCreateSchema.safeParse({ ...good, uin: '' }).success).toBe(true);
    expect(profileCreateSchema.safeParse({ ...good, endpoint: 'http://127.0.0.1:8443' }).success).toBe(true);
  });

  it('on update, keys are optional but come as a pair', () => {
    const id = '2b0f4c8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    const { secretId: _i, secretKey: _k, ...fields } = good;
    expect(profileUpdateSchema.safeParse({ ...fields, id }).success).toBe(true);
    expect(fieldsOf(profileUpdateSchema, { ...fields, id, secretId: good.secretId })).toEqual({
      secretKey: 'secretKey.required',
    });
  });

  it('rejects unknown shapes on channels that take no input', () => {
    expect(channels['profiles:list'].input.safeParse({ evil: 1 }).success).toBe(false);
    expect(channels['profiles:list'].input.safeParse(undefined).success).toBe(true);
  });

  it('keeps the keychain timeout within bounds', () => {
    const parsed = settingsSchema.partial().safeParse({ keychainTimeoutSeconds: 1 });
    expect(parsed.success ? {} : issuesToFields(parsed.error.issues)).toEqual({
      keychainTimeoutSeconds: 'keychainTimeout.range',
    });
  });
});
