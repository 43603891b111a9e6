// The composition root as the shell and the web host start it, with a fake keychain worker, a
// fake embedded sandbox and a cloud that keeps one SDK client per profile it was asked about.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../src-main/app/create-app.js';
import type { CloudReader } from '../../../src-main/services/cloud/cloud-port.js';
import { instance } from '../services/fakes/fake-cloud.js';
import { TempDir } from '../services/fakes/user-data-dir.js';

const FAKE_WORKER = fileURLToPath(new URL('../fixtures/fake-keychain-worker.mjs', import.meta.url));

/** A cloud that, like the TCR gateway, keeps a client per profile until told to forget it. */
class ClientKeepingCloud implements CloudReader {
  readonly clients = new Set<string>();
  async callerIdentity(): Promise<never> {
    throw new Error('not used');
  }
  async instances(target: { profileId: string }) {
    this.clients.add(target.profileId);
    return [instance(`of-${target.profileId.slice(0, 4)}`)];
  }
  async rules(): Promise<never[]> {
    return [];
  }
  async setRuleEnabled(): Promise<never> {
    throw new Error('not used');
  }
  async deleteRule(): Promise<never> {
    throw new Error('not used');
  }
  async createRule(): Promise<never> {
    throw new Error('not used');
  }
  async modifyRule(): Promise<never> {
    throw new Error('not used');
  }
  async createLongTermToken(): Promise<never> {
    throw new Error('not used');
  }
  async createTempToken(): Promise<never> {
    throw new Error('not used');
  }
  async createNamespace(): Promise<never> {
    throw new Error('not used');
  }
  async deleteToken(): Promise<never> {
    throw new Error('not used');
  }
  async tokens(): Promise<never[]> {
    return [];
  }
  async runs() {
    return { runs: [], total: 0 };
  }
  async runTasks(): Promise<never[]> {
    return [];
  }
  describeError() {
    return { code: 'X', message: 'x', kind: 'other' as const };
  }
  forgetProfile(profileId: string): void {
    this.clients.delete(profileId);
  }
  close(): void {
    this.clients.clear();
  }
}

let home: TempDir;
let core: AppCore | undefined;
afterEach(async () => {
  await core?.stop();
  await home.remove();
});

async function start(cloud: CloudReader): Promise<AppCore> {
  home = await TempDir.create('tcr-app-');
  core = createAppCore({
    userDataDir: home.dir,
    host: 'browser',
    systemLocale: 'en-US',
    version: 'test',
    keychainWorkerPath: FAKE_WORKER,
    tccliDir: home.path('tccli'),
    isTrustedSender: () => true,
    cloudReader: cloud,
    startSandbox: async () => ({
      endpoint: 'http://127.0.0.1:9',
      accounts: [
        { name: 'Demo A', uin: '100000000001', secretId: 'AKIDdemoA', secretKey: 'demo-a', instances: [] },
        { name: 'Demo B', uin: '100000000002', secretId: 'AKIDdemoB', secretKey: 'demo-b', instances: [] },
      ],
      close: async () => undefined,
    }),
  });
  await core.start();
  return core;
}

const sender = { origin: 'test' };

describe('the composition root', () => {
  it('drops a deleted profile’s SDK clients, and keeps the others’', async () => {
    const cloud = new ClientKeepingCloud();
    const app = await start(cloud);
    const added = await app.router.call('sandbox:addAccounts', undefined, sender);
    if (!added.ok) throw new Error(added.error.message);
    const [a, b] = added.value;
    await app.router.call('instances:refresh', {}, sender);
    expect([...cloud.clients].sort()).toEqual([a!.id, b!.id].sort());
    expect(await app.router.call('profiles:delete', { id: a!.id }, sender)).toEqual({ ok: true, value: null });
    expect([...cloud.clients]).toEqual([b!.id]);
  });

  it('answers every channel of the contract through one handler table, typed', async () => {
    const app = await start(new ClientKeepingCloud());
    const info = await app.router.call('app:info', undefined, sender);
    expect(info).toMatchObject({ ok: true, value: { host: 'browser', defaultEndpoint: 'tcr.tencentcloudapi.com' } });
    const unknown = await app.router.handle('rules:steal', undefined, sender);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('forwards contract events to windows and keeps main-only events inside', async () => {
    const app = await start(new ClientKeepingCloud());
    const forwarded: string[] = [];
    app.events.forwardToWindows((m) => forwarded.push(m.event));
    const added = await app.router.call('sandbox:addAccounts', undefined, sender);
    if (!added.ok) throw new Error(added.error.message);
    await app.router.call('profiles:delete', { id: added.value[0]!.id }, sender);
    expect(forwarded).toContain('profiles:changed');
    expect(forwarded).not.toContain('profile:deleted');
  });
});
