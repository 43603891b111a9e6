// The health of the tokens cross-account rules depend on, read from the target instance when the
// app has a profile of that account: the token the app made judged by its id, others by the target.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenVault } from '../../../../src-main/accounts/token-vault.js';
import type { Clock } from '../../../../src-main/base/clock.js';
import type { ProfileView } from '../../../../src-main/contract/index.js';
import { InstanceCache } from '../../../../src-main/services/instances/instance-cache.js';
import { InstanceService } from '../../../../src-main/services/instances/instance-service.js';
import { PeerTokens } from '../../../../src-main/services/rules/peer-tokens.js';
import { RuleCache } from '../../../../src-main/services/rules/rule-cache.js';
import { RuleService } from '../../../../src-main/services/rules/rule-service.js';
import { TokenHealth } from '../../../../src-main/services/rules/token-health.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { cloudRule, FakeCloud, instance } from '../fakes/fake-cloud.js';
import { FakeSecretStore } from '../fakes/fake-secret-store.js';
import { TempDir } from '../fakes/user-data-dir.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const NOW = Date.parse('2026-11-28T10:00:00.000Z');
const DAY = 86_400_000;

function profile(id: string, name: string, uin: string): ProfileView {
  return {
    id,
    name,
    uin,
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID…0000',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

let home: TempDir;
let cloud: FakeCloud;
let rules: RuleService;
let tokens: PeerTokens;
let health: TokenHealth;
let now: number;
let list: ProfileView[];

beforeEach(async () => {
  home = await TempDir.create('token-health-');
  now = NOW;
  const clock: Clock = { now: () => now, sleep: () => new Promise(() => undefined) };
  cloud = new FakeCloud();
  list = [profile(A, 'Acme', '100012345678'), profile(B, 'Globex', '200087654321')];
  cloud.answers.set(A, async () => [instance('src'), instance('dr', 8, 'ap-beijing')]);
  cloud.answers.set(B, async () => [instance('globex', 9, 'ap-singapore'), instance('globex2', 4, 'ap-shanghai')]);
  // Two rules towards Globex (one token for both) and one within Acme (no token).
  cloud.setRules('tcr-src', [
    cloudRule(1, 'to-globex', 'globex'),
    cloudRule(2, 'to-globex-2', 'globex'),
    cloudRule(3, 'to-dr', 'dr'),
  ]);
  const hub = new EventHub();
  const targets = {
    targetFor: async (p: ProfileView) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }),
  };
  const instances = new InstanceService({
    profiles: { list: () => list },
    targets,
    reader: cloud,
    cache: new InstanceCache(home.dir),
    events: hub,
    clock,
  });
  rules = new RuleService({
    profiles: { list: () => list },
    targets,
    instances,
    reader: cloud,
    cache: new RuleCache(home.dir),
    events: hub,
    clock,
  });
  const store = new FakeSecretStore();
  tokens = new PeerTokens(home.dir, new TokenVault(store), { use: (call) => call(store) }, clock);
  health = new TokenHealth({ profiles: { list: () => list }, targets, instances, rules, tokens, reader: cloud, clock });
  await instances.refresh();
  await rules.refresh();
});
afterEach(async () => {
  await rules.stop();
  await home.remove();
});

function setTokens(list: { tokenId: string; enabled: boolean; expiresAt: number }[]): void {
  cloud.tokenState.set(
    'tcr-globex',
    list.map((t) => ({ ...t, description: '', registryId: 'tcr-globex', createdAt: '' })),
  );
}

describe('token health', () => {
  it('a token the app made: ok, expiring, expired, disabled or deleted, for all rules towards that account', async () => {
    await tokens.keep(
      {
        profileId: A,
        registryId: 'tcr-src',
        uin: '200087654321',
        targetRegistryId: 'tcr-globex',
        targetProfileId: B,
        tokenId: 't1',
      },
      'secret',
    );
    const cases: [{ enabled: boolean; expiresAt: number } | undefined, string][] = [
      [{ enabled: true, expiresAt: (NOW + 400 * DAY) / 1000 }, 'ok'],
      [{ enabled: true, expiresAt: NOW + 3 * DAY }, 'expiring'],
      [{ enabled: true, expiresAt: (NOW - DAY) / 1000 }, 'expired'],
      [{ enabled: false, expiresAt: NOW + 400 * DAY }, 'disabled'],
      [undefined, 'deleted'],
    ];
    for (const [token, state] of cases) {
      setTokens(
        token
          ? [
              { tokenId: 't1', ...token },
              { tokenId: 'other', enabled: true, expiresAt: NOW + 900 * DAY },
            ]
          : [],
      );
      const [view] = await health.list(true);
      expect(view).toMatchObject({
        rules: ['to-globex', 'to-globex-2'],
        kept: true,
        tokenId: 't1',
        state,
        uin: '200087654321',
      });
    }
  });

  it('a token the app did not make: unknown while the target has a valid one, noValidToken when none', async () => {
    setTokens([{ tokenId: 'x', enabled: true, expiresAt: NOW + 30 * DAY }]);
    expect(await health.list(true)).toEqual([
      expect.objectContaining({ state: 'unknown', validTokens: 1, kept: false, targetProfileId: B }),
    ]);
    setTokens([{ tokenId: 'x', enabled: false, expiresAt: NOW + 30 * DAY }]);
    expect((await health.list(true))[0]).toMatchObject({ state: 'noValidToken', validTokens: 0 });
  });

  it('reads a target again only after five minutes, unless asked to', async () => {
    setTokens([{ tokenId: 'x', enabled: true, expiresAt: NOW + 30 * DAY }]);
    await health.list();
    await health.list();
    expect(cloud.sent.filter((s) => s.action === 'DescribeInstanceToken')).toHaveLength(1);
    now += 5 * 60_000;
    await health.list();
    await health.list(true);
    expect(cloud.sent.filter((s) => s.action === 'DescribeInstanceToken')).toHaveLength(3);
  });

  it('a token sent after the target was read is read for at once, not shown as deleted from the old read', async () => {
    setTokens([{ tokenId: 'x', enabled: true, expiresAt: NOW + 30 * DAY }]);
    await health.list();
    now += 1000;
    setTokens([
      { tokenId: 'x', enabled: true, expiresAt: NOW + 30 * DAY },
      { tokenId: 't9', enabled: true, expiresAt: NOW + 400 * DAY },
    ]);
    await tokens.keep(
      {
        profileId: A,
        registryId: 'tcr-src',
        uin: '200087654321',
        targetRegistryId: 'tcr-globex',
        targetProfileId: B,
        tokenId: 't9',
      },
      'secret',
    );
    expect((await health.list())[0]).toMatchObject({ state: 'ok', tokenId: 't9' });
  });

  it('an account whose profile has no uin typed: the token is found by the target profile, whichever rule comes first', async () => {
    list = [list[0]!, { ...list[1]!, uin: '' }];
    // The newest rule, to another instance of Globex, was sent with the token the app made.
    cloud.setRules('tcr-src', [cloudRule(1, 'to-globex', 'globex'), cloudRule(4, 'to-globex2', 'globex2')]);
    await rules.refresh();
    await tokens.keep(
      {
        profileId: A,
        registryId: 'tcr-src',
        uin: '200087654321',
        targetRegistryId: 'tcr-globex2',
        targetProfileId: B,
        tokenId: 't2',
      },
      'secret',
    );
    cloud.tokenState.set('tcr-globex2', [
      {
        tokenId: 't2',
        enabled: true,
        expiresAt: NOW + 400 * DAY,
        description: '',
        registryId: 'tcr-globex2',
        createdAt: '',
      },
    ]);
    expect(await health.list(true)).toEqual([
      expect.objectContaining({
        rules: ['to-globex', 'to-globex2'],
        tokenId: 't2',
        state: 'ok',
        targetRegistryId: 'tcr-globex2',
      }),
    ]);
  });
});
