import { describe, expect, it } from 'vitest';
import { isSafeTccliName, parseTccliCredential, parseTccliRegion } from '../../../src-main/domain/tccli.js';

describe('tccli files', () => {
  it('reads keys from a credential file', () => {
    expect(parseTccliCredential('{"secretId":" AKIDx ","secretKey":"k","token":""}')).toEqual({
      ok: true,
      value: { secretId: 'AKIDx', secretKey: 'k' },
    });
  });
  it('names what is wrong with a bad credential file', () => {
    expect(parseTccliCredential('secretId=AKID')).toEqual({ ok: false, problem: 'tccli.notJson' });
    expect(parseTccliCredential('{"secretId":"AKID"}')).toEqual({ ok: false, problem: 'tccli.noKeys' });
    expect(parseTccliCredential('[]')).toEqual({ ok: false, problem: 'tccli.notJson' });
  });
  it('reads the region from either configure layout', () => {
    expect(parseTccliRegion('{"_sys_param":{"region":"ap-shanghai","output":"json"}}')).toBe('ap-shanghai');
    expect(parseTccliRegion('{"region":"ap-beijing"}')).toBe('ap-beijing');
    expect(parseTccliRegion('{}')).toBeUndefined();
    expect(parseTccliRegion('nope')).toBeUndefined();
  });
  it('refuses names that could reach outside ~/.tccli', () => {
    expect(isSafeTccliName('default')).toBe(true);
    expect(isSafeTccliName('prod.sh-1')).toBe(true);
    expect(isSafeTccliName('../etc/passwd')).toBe(false);
    expect(isSafeTccliName('.hidden')).toBe(false);
    expect(isSafeTccliName('a/b')).toBe(false);
  });
});
