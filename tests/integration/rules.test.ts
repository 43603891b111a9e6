// The Rules list through the app's own router, against the real sandbox over the real SDK: every
// sync rule of every account's instances (Basic ones have none), a cross-account rule resolved to
// the other account's instance, a wrong key failing on its own profile, and the rules from disk.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, InputOf, OutputOf, RulesView } from '../../src-main/contract/index.js';
import { demoSeed, startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { goTime } from '../../src-main/sandbox/time-format.js';
import { createAppCore, type AppCore } from '../../src-main/app/create-app.js';
import { WORKER_PATH } from './helpers/worker-path.js';

const NOW = Date.parse('2026-11-28T10:00:00.000Z');
const seed = demoSeed(NOW);

let embedded: RunningSandbox;
let other: RunningSandbox;
let dir: string;
const cores: AppCore[] = [];

beforeAll(async () => {
  embedded = await startSandbox({ port: 0, runTimeMs: 200, seed: demoSeed(NOW) });
  other = await startSandbox({ port: 0, runTimeMs: 200 });
});
afterAll(async () => {
  await embedded.close();
  await other.close();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  await rm(dir, { recursive: true, force: true });
});

async function app(userDataDir?: string): Promise<{ call: Call; dir: string; events: RulesView[] }> {
  dir = userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tcr-rules-')));
  const core = createAppCore({
    userDataDir: dir,
    host: 'browser',
    systemLocale: 'en-US',
    version: 'test',
    keychainWorkerPath: WORKER_PATH,
    tccliDir: path.join(dir, 'tccli'),
    isTrustedSender: () => true,
    startSandbox: async () => ({ ...embedded, close: async () => undefined }),
  });
  cores.push(core);
  const events: RulesView[] = [];
  core.events.on('rules:changed', (view) => events.push(view));
  await core.start();
  const call: Call = async (channel, input) => {
    const result = await core.router.call(channel, input, { origin: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value;
  };
  return { call, dir, events };
}
type Call = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

/** The demo accounts as profiles: uin → profile id. */
async function demoProfiles(call: Call): Promise<Map<string, string>> {
  const added = await call('sandbox:addAccounts', undefined);
  return new Map(added.map((p) => [p.uin, p.id]));
}

describe('sync rules across accounts', () => {
  it('lists every rule the sandbox holds, on its source instance, cross-account included', async () => {
    const { call, events } = await app();
    const byUin = await demoProfiles(call);
    const view = await call('rules:refresh', {});
    expect(view.profiles.map((p) => p.state)).toEqual(['ok', 'ok']);
    expect(view.refreshing).toBe(false);
    expect(events.at(-1)).toEqual(view);
    expect(await call('rules:list', undefined)).toEqual(view);

    const owner = new Map<string, { profileId: string; name: string; regionName: string; regionId: number }>();
    for (const account of seed.accounts) {
      for (const i of account.instances) {
        const info = embedded.accounts
          .find((a) => a.uin === account.uin)!
          .instances.find((x) => x.registryId === i.registryId)!;
        owner.set(i.registryId, {
          profileId: byUin.get(account.uin)!,
          name: i.registryName,
          regionName: i.regionName,
          regionId: info.regionId,
        });
      }
    }
    const expected = seed.rules.map((r) => {
      const source = owner.get(r.sourceRegistryId)!;
      const target = owner.get(r.destinationRegistryId)!;
      return {
        profileId: source.profileId,
        source: {
          registryId: r.sourceRegistryId,
          name: source.name,
          regionId: source.regionId,
          regionName: source.regionName,
        },
        policyId: r.id,
        name: r.name,
        description: r.description,
        filters: r.filters.map((f) => ({ type: f.Type, value: f.Value })),
        override: r.override,
        enabled: r.enabled,
        target: {
          raw: r.destinationRegistryId,
          registryId: r.destinationRegistryId,
          name: target.name,
          regionId: target.regionId,
          regionName: target.regionName,
          profileId: target.profileId,
        },
        sourceResource: r.sourceRegistryId,
        createdAt: goTime(r.createdAt),
        updatedAt: goTime(r.updatedAt),
      };
    });
    const key = (r: { profileId: string; policyId: number }) => `${r.profileId}:${String(r.policyId)}`;
    const rows = [...view.rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(rows.map(({ console: _console, ...rest }) => rest)).toEqual(
      expected.sort((a, b) => key(a).localeCompare(key(b))),
    );

    // The cross-account rule: on Acme's instance, towards Globex's (another profile).
    const cross = view.rows.find((r) => r.name === 'release-to-globex')!;
    expect(cross.profileId).toBe(byUin.get('100012345678'));
    expect(cross.target.profileId).toBe(byUin.get('200087654321'));
    expect(cross.console).toEqual({ namespace: 'platform', repository: 'api-gateway', tag: 'v*', resource: 'image' });
    // Console fields where the filters fit them.
    expect(view.rows.find((r) => r.name === 'platform-to-shanghai')?.console).toEqual({
      namespace: 'platform',
      repository: '',
      tag: '',
      resource: 'image',
    });
  });

  it('shows a wrong key’s error (with its RequestId) on its own profile while the others load', async () => {
    const { call } = await app();
    await demoProfiles(call);
    const wrong = await call('profiles:create', {
      name: 'Wrong key',
      uin: '',
      region: 'ap-guangzhou',
      endpoint: other.endpoint,
      colour: 'red',
      secretId: other.accounts[0]!.secretId,
      secretKey: 'wrong-secret-key-000000000000000',
    });
    const view = await call('rules:refresh', {});
    const failed = view.profiles.find((p) => p.profileId === wrong.id)!;
    expect(failed.state).toBe('error');
    expect(failed.error).toMatchObject({ code: 'AuthFailure.SignatureFailure', kind: 'auth' });
    expect(failed.error?.requestId).toMatch(/\S/);
    expect(view.profiles.filter((p) => p.profileId !== wrong.id).every((p) => p.state === 'ok')).toBe(true);
    expect(view.rows).toHaveLength(seed.rules.length);
    await call('profiles:delete', { id: wrong.id });
  });

  it('shows the last known rules, from disk, after a restart, and drops a deleted profile’s', async () => {
    const first = await app();
    const byUin = await demoProfiles(first.call);
    const online = await first.call('rules:refresh', {});
    expect(online.rows).toHaveLength(seed.rules.length);
    await cores.pop()!.stop();

    const restarted = await app(first.dir);
    const cached = await restarted.call('rules:list', undefined);
    expect(cached.rows).toEqual(online.rows);
    expect(cached.profiles.every((p) => p.state === 'ok' && p.fetchedAt)).toBe(true);

    await restarted.call('profiles:delete', { id: byUin.get('200087654321')! });
    const after = await restarted.call('rules:list', undefined);
    expect(after.rows.every((r) => r.profileId === byUin.get('100012345678'))).toBe(true);
    const acme = new Set(seed.accounts.find((a) => a.uin === '100012345678')!.instances.map((i) => i.registryId));
    expect(after.rows).toHaveLength(seed.rules.filter((r) => acme.has(r.sourceRegistryId)).length);
  });
});
