// An instance's registry over https, plain http only on a loopback address (the sandbox's).
import { describe, expect, it } from 'vitest';
import { registryEndpoint } from '../../../../src-main/services/sync-now/registry-endpoint.js';

describe('registryEndpoint', () => {
  it('is https for a domain on the network', () => {
    expect(registryEndpoint('acme-prod.tencentcloudcr.com')).toBe('https://acme-prod.tencentcloudcr.com');
    expect(registryEndpoint('10.0.0.8:5000')).toBe('https://10.0.0.8:5000');
  });

  it('is http for loopback addresses only', () => {
    expect(registryEndpoint('127.0.0.1:40123')).toBe('http://127.0.0.1:40123');
    expect(registryEndpoint('localhost:5000')).toBe('http://localhost:5000');
    expect(registryEndpoint('[::1]:5000')).toBe('http://[::1]:5000');
    expect(registryEndpoint('localhost.evil.com')).toBe('https://localhost.evil.com');
  });

  it('refuses what is not a host', () => {
    for (const bad of ['', 'http://x.com', 'x.com/path', 'x.com:99999', 'a b.com', 'user@x.com']) {
      expect(registryEndpoint(bad), bad).toBeUndefined();
    }
  });
});
