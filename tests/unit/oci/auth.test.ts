import { describe, expect, it } from 'vitest';
import { basicAuthorization, parseChallenge, repositoryScope } from '../../../src-main/oci/auth.js';
import { RegistryError, registryErrorFrom } from '../../../src-main/oci/registry-error.js';

describe('parseChallenge', () => {
  it('reads a Bearer challenge as distribution and Harbor send it', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://tcr.example.com/service/token",service="harbor-registry",scope="repository:ns/app:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://tcr.example.com/service/token',
      service: 'harbor-registry',
      scope: 'repository:ns/app:pull,push',
    });
    expect(parseChallenge('bearer realm=http://127.0.0.1:1/token')).toEqual({
      scheme: 'bearer',
      realm: 'http://127.0.0.1:1/token',
    });
  });

  it('reads Basic, and refuses what it cannot answer', () => {
    expect(parseChallenge('Basic realm="registry"')).toEqual({ scheme: 'basic' });
    expect(parseChallenge('Bearer service="x"')).toBeUndefined();
    expect(parseChallenge('Negotiate abc')).toBeUndefined();
    expect(parseChallenge(null)).toBeUndefined();
    expect(parseChallenge(`Bearer realm="${'x'.repeat(5000)}"`)).toBeUndefined();
  });

  it('builds Basic credentials and repository scopes', () => {
    expect(basicAuthorization('user', 'pa:ss')).toBe(`Basic ${Buffer.from('user:pa:ss').toString('base64')}`);
    expect(repositoryScope('ns/app', false)).toBe('repository:ns/app:pull');
    expect(repositoryScope('ns/app', true)).toBe('repository:ns/app:pull,push');
  });
});

describe('registryErrorFrom', () => {
  it("takes the registry's first error code and message", () => {
    const error = registryErrorFrom(
      404,
      JSON.stringify({ errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown to registry', detail: 'x' }] }),
      'NOT_FOUND',
    );
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ status: 404, code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' });
  });

  it('falls back to the status code for a body that is not the error format', () => {
    expect(registryErrorFrom(502, '<html>bad gateway</html>', 'UNKNOWN')).toMatchObject({
      status: 502,
      code: 'UNKNOWN',
    });
    expect(registryErrorFrom(401, JSON.stringify({ errors: [{ code: 'lower case!' }] }), 'UNAUTHORIZED').code).toBe(
      'UNAUTHORIZED',
    );
  });
});
