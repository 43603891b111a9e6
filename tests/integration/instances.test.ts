// The Instances story through the app's own router, against the real sandbox over the real SDK:
// demo accounts in one click, every instance of every account, a wrong key failing on its own,
// test connection, and the last known data when the endpoint goes away.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, InputOf, InstancesView, OutputOf } from '../../src-main/contract/index.js';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { createAppCore, type AppCore } from '../../src-main/app/create-app.js';
import { WORKER_PATH } from './helpers/worker-path.js';

let embedded: RunningSandbox;
let other: RunningSandbox;
let dir: string;
const cores: AppCore[] = [];

beforeAll(async () => {
  embedded = await startSandbox({ port: 0, runTimeMs: 200 });
  other = await startSandbox({ port: 0, runTimeMs: 200 });
});
afterAll(async () => {
  await embedded.close();
  await other.close().catch(() => undefined);
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  await rm(dir, { recursive: true, force: true });
});

async function app(userDataDir?: string): Promise<{ call: Call; dir: string; events: InstancesView[] }> {
  dir = userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tcr-instances-')));
  const core = createAppCore({
    userDataDir: dir,
    host: 'browser',
    systemLocale: 'en-US',
    version: 'test',
    keychainWorkerPath: WORKER_PATH,
    tccliDir: path.join(dir, 'tccli'),
    isTrustedSender: () => true,
    // The app's embedded sandbox; closing the app must not stop the test's instance.
    startSandbox: async () => ({ ...embedded, close: async () => undefined }),
  });
  cores.push(core);
  const events: InstancesView[] = [];
  core.events.on('instances:changed', (view) => events.push(view));
  await core.start();
  const call: Call = async (channel, input) => {
    const result = await core.router.call(channel, input, { origin: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value;
  };
  return { call, dir, events };
}
type Call = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

describe('instances across accounts', () => {
  it('adds the sandbox accounts in one click and lists every instance of both', async () => {
    const { call } = await app();
    const added = await call('sandbox:addAccounts', undefined);
    expect(added.map((p) => p.uin).sort()).toEqual(embedded.accounts.map((a) => a.uin).sort());
    expect(added.every((p) => p.source === 'sandbox')).toBe(true);
    expect(await call('sandbox:addAccounts', undefined)).toEqual([]);

    const view = await call('instances:refresh', {});
    for (const account of embedded.accounts) {
      const profile = added.find((p) => p.uin === account.uin)!;
      const ids = view.rows.filter((r) => r.profileId === profile.id).map((r) => r.registryId);
      expect(ids.sort()).toEqual(account.instances.map((i) => i.registryId).sort());
    }
    expect(view.profiles.every((p) => p.state === 'ok')).toBe(true);
    const regions = new Set(view.rows.map((r) => r.regionName));
    expect(regions.size).toBeGreaterThanOrEqual(3);
  });

  it('shows a wrong key’s error on its own profile while the others load', async () => {
    const { call } = await app();
    await call('sandbox:addAccounts', undefined);
    const wrong = await call('profiles:create', {
      name: 'Wrong key',
      uin: '',
      region: 'ap-guangzhou',
      endpoint: other.endpoint,
      colour: 'red',
      secretId: other.accounts[0]!.secretId,
      secretKey: 'wrong-secret-key-000000000000000',
    });
    const view = await call('instances:refresh', {});
    const failed = view.profiles.find((p) => p.profileId === wrong.id)!;
    expect(failed.state).toBe('error');
    expect(failed.error).toMatchObject({ code: 'AuthFailure.SignatureFailure', kind: 'auth' });
    expect(failed.error?.requestId).toMatch(/\S/);
    expect(view.rows.filter((r) => r.profileId !== wrong.id).length).toBeGreaterThan(0);
    await call('profiles:delete', { id: wrong.id });
  });

  it('tests a connection: fills an empty account ID, warns on a different one', async () => {
    const { call } = await app();
    const account = other.accounts[0]!;
    const created = await call('profiles:create', {
      name: 'Team',
      uin: '',
      region: 'ap-guangzhou',
      endpoint: other.endpoint,
      colour: 'blue',
      secretId: account.secretId,
      secretKey: account.secretKey,
    });
    const first = await call('profiles:test', { id: created.id });
    expect(first).toMatchObject({ accountId: account.uin, uinFilled: true, instanceCount: account.instances.length });
    expect((await call('profiles:list', undefined)).find((p) => p.id === created.id)?.uin).toBe(account.uin);

    await call('profiles:update', { ...created, uin: '999', id: created.id });
    const second = await call('profiles:test', { id: created.id });
    expect(second.uinMismatch).toEqual({ saved: '999', actual: account.uin });
    expect((await call('profiles:list', undefined)).find((p) => p.id === created.id)?.uin).toBe('999');
    await call('profiles:delete', { id: created.id });
  });

  it('cancels a connection test at once, and its late answer changes nothing', async () => {
    const { call } = await app();
    const account = other.accounts[0]!;
    other.setFaults([{ kind: 'latency', action: 'GetCallerIdentity', latencyMs: 1500 }]);
    try {
      const created = await call('profiles:create', {
        name: 'Slow',
        uin: '',
        region: 'ap-guangzhou',
        endpoint: other.endpoint,
        colour: 'blue',
        secretId: account.secretId,
        secretKey: account.secretKey,
      });
      const testing = call('profiles:test', { id: created.id }).then(
        () => 'finished',
        (error: unknown) => (error as { cloud?: { kind: string } }).cloud?.kind,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const cancelledAt = Date.now();
      await call('profiles:cancelTest', { id: created.id });
      expect(await testing).toBe('cancelled');
      expect(Date.now() - cancelledAt).toBeLessThan(500);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      expect((await call('profiles:list', undefined)).find((p) => p.id === created.id)?.uin).toBe('');
      await call('profiles:delete', { id: created.id });
    } finally {
      other.setFaults([]);
    }
  });

  it('keeps the last known instances, from disk too, when the endpoint is gone', async () => {
    const gone = await startSandbox({ port: 0 });
    const account = gone.accounts[0]!;
    const first = await app();
    const created = await first.call('profiles:create', {
      name: 'Soon offline',
      uin: '',
      region: 'ap-guangzhou',
      endpoint: gone.endpoint,
      colour: 'green',
      secretId: account.secretId,
      secretKey: account.secretKey,
    });
    const online = await first.call('instances:refresh', {});
    const known = online.rows.filter((r) => r.profileId === created.id).length;
    expect(known).toBe(account.instances.length);
    await gone.close();

    const offline = await first.call('instances:refresh', {});
    const state = offline.profiles.find((p) => p.profileId === created.id)!;
    expect(state).toMatchObject({ state: 'error', error: { kind: 'network' } });
    expect(state.fetchedAt).toBeDefined();
    expect(offline.rows.filter((r) => r.profileId === created.id)).toHaveLength(known);

    await cores.pop()!.stop();
    const restarted = await app(first.dir);
    const cached = await restarted.call('instances:view', undefined);
    expect(cached.rows.filter((r) => r.profileId === created.id)).toHaveLength(known);
    await restarted.call('profiles:delete', { id: created.id });
  });
});
