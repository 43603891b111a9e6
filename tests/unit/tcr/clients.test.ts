// Where each profile's calls go, and one SDK client per (service, profile, region, endpoint, keys).
import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../../src-main/tcr/endpoint.js';
import { SdkClientCache } from '../../../src-main/tcr/sdk-clients.js';

describe('resolveEndpoint', () => {
  it('sends TCR calls to the cloud over https and STS calls to the cloud’s STS', () => {
    expect(resolveEndpoint('tcr.tencentcloudapi.com', 'tcr')).toEqual({
      protocol: 'https://',
      host: 'tcr.tencentcloudapi.com',
      loopback: false,
    });
    expect(resolveEndpoint('tcr.tencentcloudapi.com', 'sts').host).toBe('sts.tencentcloudapi.com');
    expect(resolveEndpoint('', 'sts').host).toBe('sts.tencentcloudapi.com');
    expect(resolveEndpoint('tcr.internal.tencentcloudapi.com', 'sts').host).toBe('sts.internal.tencentcloudapi.com');
  });

  it('sends both services to a custom endpoint or the sandbox, keeping its scheme and port', () => {
    expect(resolveEndpoint('http://127.0.0.1:43123', 'tcr')).toEqual({
      protocol: 'http://',
      host: '127.0.0.1:43123',
      loopback: true,
    });
    expect(resolveEndpoint('http://127.0.0.1:43123', 'sts').host).toBe('127.0.0.1:43123');
    expect(resolveEndpoint('https://tcr.corp.example:8443', 'sts')).toEqual({
      protocol: 'https://',
      host: 'tcr.corp.example:8443',
      loopback: false,
    });
  });

  it('refuses what is not an http(s) endpoint', () => {
    expect(() => resolveEndpoint('ftp://tcr.example', 'tcr')).toThrow(RangeError);
    expect(() => resolveEndpoint('http://', 'tcr')).toThrow(RangeError);
  });
});

describe('SdkClientCache', () => {
  const key = { service: 'tcr' as const, profileId: 'p1', region: 'ap-guangzhou', endpoint: 'http://127.0.0.1:1' };
  const keys = { secretId: 'AKIDone', secretKey: 'one' };

  it('reuses a client for the same profile, region, endpoint and keys', () => {
    const cache = new SdkClientCache();
    const client = cache.get(key, keys);
    expect(cache.get(key, { ...keys })).toBe(client);
    expect(cache.get({ ...key, region: 'ap-shanghai' }, keys)).not.toBe(client);
    expect(cache.get({ ...key, service: 'sts' }, keys)).not.toBe(client);
    expect(cache.get({ ...key, profileId: 'p2' }, keys)).not.toBe(client);
    cache.close();
  });

  it('makes a new client when the keys change, and forgets a profile’s clients', () => {
    const cache = new SdkClientCache();
    const client = cache.get(key, keys);
    const rotated = cache.get(key, { secretId: 'AKIDone', secretKey: 'two' });
    expect(rotated).not.toBe(client);
    expect(cache.get(key, { secretId: 'AKIDone', secretKey: 'two' })).toBe(rotated);
    cache.forget('p1');
    expect(cache.get(key, { secretId: 'AKIDone', secretKey: 'two' })).not.toBe(rotated);
    cache.close();
  });
});
