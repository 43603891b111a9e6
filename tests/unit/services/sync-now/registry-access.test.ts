// Logging in to registries for Sync now: the instance's own profile makes a temporary token, made
// once for callers at once and again only shortly before it expires; a cross-account target with no
// profile uses the rule's stored token (user name = the account's uin); nothing else reaches it.
import { describe, expect, it } from 'vitest';
import type { InstanceRow, ProfileView, RuleRow } from '../../../../src-main/contract/index.js';
import type { RegistryClientOptions } from '../../../../src-main/oci/registry-client.js';
import { RegistryClient } from '../../../../src-main/oci/registry-client.js';
import type { CreatedInstanceToken } from '../../../../src-main/services/cloud/cloud-port.js';
import type { PeerTokenRecord } from '../../../../src-main/services/rules/peer-tokens.js';
import { RegistryAccess } from '../../../../src-main/services/sync-now/registry-access.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

function instanceRow(profileId: string, registryId: string, publicDomain: string): InstanceRow {
  return {
    profileId,
    registryId,
    name: registryId,
    regionId: 1,
    regionName: 'ap-guangzhou',
    status: 'Running',
    spec: 'premium',
    publicDomain,
    createdAt: '',
  };
}

function ruleTo(target: RuleRow['target']): RuleRow {
  return {
    profileId: A,
    source: { registryId: 'tcr-src', name: 'src', regionId: 1, regionName: 'ap-guangzhou' },
    policyId: 1,
    name: 'r',
    description: '',
    filters: [],
    override: false,
    enabled: true,
    target,
    sourceResource: 'tcr-src',
    createdAt: '',
    updatedAt: '',
  };
}

function setup(options: { expiresAt?: number; peer?: PeerTokenRecord[] } = {}) {
  let now = 1_800_000_000_000;
  const made: string[] = [];
  const clients: RegistryClientOptions[] = [];
  const access = new RegistryAccess({
    profiles: { list: () => [{ id: A }, { id: B }] as ProfileView[] },
    targets: {
      targetFor: async (p) => ({ profileId: p.id, endpoint: 'tcr.tencentcloudapi.com', region: 'ap-guangzhou' }),
    },
    instances: {
      view: () => ({
        rows: [
          instanceRow(A, 'tcr-src', '127.0.0.1:5000'),
          instanceRow(A, 'tcr-dst', 'dst.tencentcloudcr.com'),
          instanceRow(B, 'tcr-theirs', 'theirs.tencentcloudcr.com'),
        ],
        profiles: [],
        refreshing: false,
      }),
    },
    reader: {
      createTempToken: async (target, registryId): Promise<CreatedInstanceToken> => {
        made.push(`${target.profileId} ${registryId}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return {
          username: `user-${String(made.length)}`,
          token: `secret-${String(made.length)}`,
          expiresAt: options.expiresAt ?? Math.floor(now / 1000) + 3600,
        };
      },
      createNamespace: async () => undefined,
      describeError: () => ({ code: 'X', message: 'x', kind: 'other' }),
    },
    peerTokens: {
      records: () => options.peer ?? [],
      read: async (key) => (key.uin === '200000000002' ? 'stored-long-term' : null),
    },
    newClient: (o) => {
      clients.push(o);
      return new RegistryClient(o);
    },
    now: () => now,
  });
  return { access, made, clients, advance: (ms: number) => (now += ms) };
}

describe('RegistryAccess', () => {
  it('reaches a target through the profile that owns it, over https, and a loopback source over http', () => {
    const { access } = setup();
    expect(access.sourceOf(ruleTo({ raw: 'tcr-dst' }))).toMatchObject({
      endpoint: 'http://127.0.0.1:5000',
      profileId: A,
    });
    expect(access.targetOf(ruleTo({ raw: 'tcr-dst', registryId: 'tcr-dst' }))).toMatchObject({
      endpoint: 'https://dst.tencentcloudcr.com',
      profileId: A,
    });
    expect(access.targetOf(ruleTo({ raw: 'tcr-theirs', registryId: 'tcr-theirs', profileId: B }))).toMatchObject({
      profileId: B,
    });
  });

  it('makes one temporary token for callers at once, reuses it, and makes a new one before it expires', async () => {
    const { access, made, advance } = setup();
    const side = access.targetOf(ruleTo({ raw: 'tcr-dst', registryId: 'tcr-dst' }))!;
    const [one, two] = await Promise.all([access.credentialsOf(side), access.credentialsOf(side)]);
    expect(one).toEqual({ username: 'user-1', password: 'secret-1' });
    expect(two).toEqual(one);
    advance(40 * 60_000);
    expect(await access.credentialsOf(side)).toEqual(one);
    advance(15 * 60_000); // five minutes before the hour: renewed
    expect(await access.credentialsOf(side)).toEqual({ username: 'user-2', password: 'secret-2' });
    expect(made).toEqual([`${A} tcr-dst`, `${A} tcr-dst`]);
  });

  it('shares one client per instance and identity, and never puts the token in its options', async () => {
    const { access, clients } = setup();
    const side = access.targetOf(ruleTo({ raw: 'tcr-dst', registryId: 'tcr-dst' }))!;
    expect(access.clientFor(side)).toBe(access.clientFor({ ...side }));
    expect(clients).toHaveLength(1);
    expect(JSON.stringify(clients[0])).not.toContain('secret');
  });

  it('uses the rule’s stored token with the account id for a target of another account', async () => {
    const peer: PeerTokenRecord = {
      profileId: A,
      registryId: 'tcr-src',
      uin: '200000000002',
      targetRegistryId: 'tcr-far',
      savedAt: '',
    };
    const { access, made } = setup({ peer: [peer] });
    const side = access.targetOf(ruleTo({ raw: 'tcr-far', registryId: 'tcr-far', name: 'far' }));
    expect(side).toMatchObject({ endpoint: 'https://far.tencentcloudcr.com', peer: { uin: '200000000002' } });
    expect(await access.credentialsOf(side!)).toEqual({ username: '200000000002', password: 'stored-long-term' });
    expect(made).toEqual([]);
  });

  it('cannot reach a target no profile owns and no stored token opens', () => {
    const { access } = setup();
    expect(access.targetOf(ruleTo({ raw: 'tcr-far', registryId: 'tcr-far', name: 'far' }))).toBeUndefined();
    expect(access.targetOf(ruleTo({ raw: 'cos://bucket' }))).toBeUndefined();
  });
});
