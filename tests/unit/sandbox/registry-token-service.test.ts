// The sandbox's registry token service without a registry: who gets a token, what it grants,
// and that it is signed by the key of the certificate a registry is told to trust.
import { verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoSeed } from '../../../src-main/sandbox/demo-seed.js';
import { grantedAccess, RegistryTokenService } from '../../../src-main/sandbox/registry-token-service.js';
import { SandboxState } from '../../../src-main/sandbox/state.js';

const NOW = Date.UTC(2026, 11, 4, 12);

function setup() {
  const state = new SandboxState(demoSeed(NOW));
  const owned = state.accounts[0]!.instances[0]!;
  owned.tokens.push({
    id: 't1',
    token: 'secret-token',
    username: '100000000001',
    desc: '',
    kind: 'temp',
    enabled: true,
    createdAt: NOW,
    expiresAt: NOW + 3600_000,
  });
  return { service: new RegistryTokenService(state, () => NOW), registryId: owned.registryId };
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function tokenUrl(registryId: string, ...scopes: string[]): URL {
  const url = new URL('http://sandbox/service/token');
  url.searchParams.set('service', registryId);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  return url;
}

describe('grantedAccess', () => {
  it('grants repository actions and the catalog, nothing else', () => {
    expect(grantedAccess('repository:team/app:pull,push')).toEqual({
      type: 'repository',
      name: 'team/app',
      actions: ['pull', 'push'],
    });
    expect(grantedAccess('registry:catalog:*')).toEqual({ type: 'registry', name: 'catalog', actions: ['*'] });
    expect(grantedAccess('repository:team/app:steal')?.actions).toEqual([]);
    expect(grantedAccess('registry:other:*')).toBeUndefined();
    expect(grantedAccess('nonsense')).toBeUndefined();
  });
});

describe('RegistryTokenService', () => {
  it('signs a JWT for an instance token that the certificate it publishes verifies', () => {
    const { service, registryId } = setup();
    const reply = service.answer(
      tokenUrl(registryId, 'repository:ns/app:pull,push', 'registry:catalog:*'),
      basic('100000000001', 'secret-token'),
    );
    expect(reply.status).toBe(200);
    const { token, expires_in } = reply.body as { token: string; expires_in: number };
    const [header, claims, signature] = token.split('.') as [string, string, string];
    const certificate = new X509Certificate(service.auth('http://127.0.0.1:1').certificatePem);
    expect(
      verify('sha256', Buffer.from(`${header}.${claims}`), certificate.publicKey, Buffer.from(signature, 'base64url')),
    ).toBe(true);
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
    expect(decoded).toMatchObject({
      iss: 'tcr-sandbox',
      aud: registryId,
      sub: '100000000001',
      exp: NOW / 1000 + expires_in,
      access: [
        { type: 'repository', name: 'ns/app', actions: ['pull', 'push'] },
        { type: 'registry', name: 'catalog', actions: ['*'] },
      ],
    });
    const x5c = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { x5c: string[] }).x5c;
    expect(x5c).toEqual([certificate.raw.toString('base64')]);
  });

  it('refuses a wrong secret, an unknown service and an expired or disabled token', () => {
    const { service, registryId } = setup();
    const scope = 'repository:ns/app:pull';
    expect(service.answer(tokenUrl(registryId, scope), basic('100000000001', 'nope')).status).toBe(401);
    expect(service.answer(tokenUrl('tcr-nobody', scope), basic('100000000001', 'secret-token')).status).toBe(400);
    expect(service.answer(tokenUrl(registryId, scope), 'Bearer x').status).toBe(401);
    const later = new RegistryTokenService(
      (() => {
        const state = new SandboxState(demoSeed(NOW));
        state.accounts[0]!.instances[0]!.tokens.push({
          id: 't2',
          token: 'old',
          username: 'u',
          desc: '',
          kind: 'temp',
          enabled: true,
          createdAt: NOW - 7200_000,
          expiresAt: NOW - 3600_000,
        });
        return state;
      })(),
      () => NOW,
    );
    expect(later.answer(tokenUrl(registryId, scope), basic('u', 'old')).status).toBe(401);
  });

  it('gives an anonymous caller a token granting nothing', () => {
    const { service, registryId } = setup();
    const reply = service.answer(tokenUrl(registryId, 'repository:ns/app:pull'), undefined);
    const claims = (reply.body as { token: string }).token.split('.')[1]!;
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toMatchObject({ sub: '', access: [] });
  });
});
