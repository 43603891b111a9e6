import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../../src-main/contract/index.js';
import { CloudTargets } from '../../../../src-main/services/cloud/cloud-targets.js';
import { SandboxService } from '../../../../src-main/services/cloud/sandbox-service.js';
import { ConnectionService } from '../../../../src-main/services/connection/connection-service.js';
import { InstanceCache } from '../../../../src-main/services/instances/instance-cache.js';
import { InstanceService } from '../../../../src-main/services/instances/instance-service.js';
import { deferred, FakeCloud, identity, instance, NetworkDown, type CloudInstance } from '../fakes/fake-cloud.js';
import { demoAccounts, SandboxStarter } from '../fakes/fake-sandbox.js';
import { createInput, idFor, keysFor, ProfileStack, updateInput } from '../fakes/profile-stack.js';
import { failureOf } from '../fakes/failure-of.js';

let stack: ProfileStack;
let cloud: FakeCloud;
let instances: InstanceService;
let connection: ConnectionService;
let prod: ProfileView;

beforeEach(async () => {
  stack = await ProfileStack.create();
  const targets = new CloudTargets(
    stack.profiles,
    stack.vault,
    stack.keychain,
    new SandboxService(new SandboxStarter().start),
  );
  cloud = new FakeCloud((id) => targets.keysFor(id));
  instances = new InstanceService({
    profiles: stack.profiles,
    targets,
    reader: cloud,
    cache: new InstanceCache(stack.home.dir),
    events: stack.hub,
    clock: stack.clock,
  });
  await instances.load();
  connection = new ConnectionService(stack.profiles, targets, cloud, instances);
  prod = await stack.profiles.create(createInput('Prod', keysFor(1)));
  stack.events.clear();
});
afterEach(() => stack.home.remove());

const tick = () => new Promise((r) => setTimeout(r, 5));

function answers(profileId: string, accountId: string, rows: CloudInstance[]): void {
  cloud.identities.set(profileId, async () => identity(accountId, '200000000009'));
  cloud.answers.set(profileId, async () => rows);
}

/** The rows the instance list shows for a profile. */
const shownFor = (profileId: string) =>
  instances
    .view()
    .rows.filter((r) => r.profileId === profileId)
    .map((r) => r.name);

describe('ConnectionService.test', () => {
  it('fills in an empty account ID, saved and shown, and counts instances and regions', async () => {
    answers(prod.id, '100012345678', [
      instance('prod-gz', 1, 'ap-guangzhou'),
      instance('prod-gz-2', 1, 'ap-guangzhou'),
      instance('prod-sh', 4, 'ap-shanghai'),
    ]);
    await expect(connection.test(prod.id)).resolves.toEqual({
      accountId: '100012345678',
      userId: '200000000009',
      uinFilled: true,
      instanceCount: 3,
      regionCount: 2,
    });
    expect(stack.profiles.get(prod.id).uin).toBe('100012345678');
    expect((await stack.stored())[0]).toMatchObject({ uin: '100012345678' });
    expect(stack.events.last('profiles:changed')?.[0]?.uin).toBe('100012345678');
  });

  it('asks both questions of the profile’s endpoint, signed with its keys', async () => {
    await connection.test(prod.id);
    expect(cloud.sent.map((s) => [s.action, s.endpoint, s.secretId]).sort()).toEqual([
      ['DescribeInstances', 'tcr.tencentcloudapi.com', keysFor(1).secretId],
      ['GetCallerIdentity', 'tcr.tencentcloudapi.com', keysFor(1).secretId],
    ]);
  });

  it('leaves a matching account ID as it is and writes nothing', async () => {
    const withUin = await stack.profiles.create(createInput('Dev', { ...keysFor(2), uin: '100012345678' }));
    stack.events.clear();
    answers(withUin.id, '100012345678', []);
    const result = await connection.test(withUin.id);
    expect(result).toMatchObject({ uinFilled: false, instanceCount: 0, regionCount: 0 });
    expect(result.uinMismatch).toBeUndefined();
    expect(stack.events.of('profiles:changed')).toEqual([]);
  });

  it('warns when the keys belong to another account, and keeps the saved one', async () => {
    const dev = await stack.profiles.create(createInput('Dev', { ...keysFor(2), uin: '100011111111' }));
    answers(dev.id, '100022222222', []);
    const result = await connection.test(dev.id);
    expect(result).toMatchObject({
      accountId: '100022222222',
      uinFilled: false,
      uinMismatch: { saved: '100011111111', actual: '100022222222' },
    });
    expect(stack.profiles.get(dev.id).uin).toBe('100011111111');
  });

  it('hands the instances it found to the instance list, as a fresh fetch of that profile', async () => {
    answers(prod.id, '100012345678', [instance('prod-gz')]);
    await connection.test(prod.id);
    expect(shownFor(prod.id)).toEqual(['prod-gz']);
    expect(instances.view().profiles).toEqual([{ profileId: prod.id, state: 'ok', fetchedAt: stack.clock.iso() }]);
    expect(stack.events.last('instances:changed')?.rows.map((r) => r.name)).toEqual(['prod-gz']);
    expect(await stack.home.read('cache/instances.json')).toContain('prod-gz');
  });

  it('describes a cloud failure as the reader does, and saves nothing', async () => {
    cloud.identities.set(prod.id, async () => {
      throw new Error('SignatureFailure');
    });
    const error = await failureOf(connection.test(prod.id));
    expect(error.code).toBe('CLOUD');
    expect(error.cloud).toEqual({
      code: 'AuthFailure.SignatureFailure',
      message: 'bad key',
      kind: 'auth',
      requestId: 'req-1',
    });
    expect(error.toAppError()).toMatchObject({ code: 'CLOUD', requestId: 'req-1' });
    expect(stack.profiles.get(prod.id).uin).toBe('');
    expect(shownFor(prod.id)).toEqual([]);
  });

  it('names the action that failed', async () => {
    cloud.answers.set(prod.id, async () => {
      throw new NetworkDown();
    });
    const error = await failureOf(connection.test(prod.id));
    expect(error.message).toBe('DescribeInstances: connect ECONNREFUSED');
    expect(error.cloud?.kind).toBe('network');
  });

  it('passes missing keys on as they are, asking the cloud nothing', async () => {
    stack.secrets.entries.clear();
    const error = await failureOf(connection.test(prod.id));
    expect(error.code).toBe('KEYS_MISSING');
    expect(cloud.sent).toEqual([]);
  });

  it('answers NOT_FOUND for a profile that no longer exists', async () => {
    expect((await failureOf(connection.test(idFor(55)))).code).toBe('NOT_FOUND');
  });

  it('tests a sandbox profile against the sandbox with its demo keys', async () => {
    const [demo] = await stack.profiles.addSandboxAccounts(demoAccounts);
    answers(demo!.id, demoAccounts[0].uin, [instance('demo-1')]);
    const result = await connection.test(demo!.id);
    expect(result).toMatchObject({ accountId: demoAccounts[0].uin, uinFilled: false, instanceCount: 1 });
    expect(cloud.sent.map((s) => [s.endpoint, s.secretId])).toEqual([
      ['http://127.0.0.1:41000', demoAccounts[0].secretId],
      ['http://127.0.0.1:41000', demoAccounts[0].secretId],
    ]);
  });
});

describe('ConnectionService: cancel', () => {
  it('a cancelled test reports cancelled and saves nothing, even when the answers come later', async () => {
    const gate = deferred();
    cloud.identities.set(prod.id, async () => {
      await gate.promise;
      return identity('100012345678');
    });
    cloud.answers.set(prod.id, async () => {
      await gate.promise;
      return [instance('late')];
    });
    const pending = connection.test(prod.id);
    await tick();
    connection.cancel(prod.id);
    const error = await failureOf(pending);
    gate.resolve();
    await tick();
    expect(error.code).toBe('CLOUD');
    expect(error.cloud).toEqual({ code: 'Cancelled', message: 'The connection test was cancelled', kind: 'cancelled' });
    expect(stack.profiles.get(prod.id).uin).toBe('');
    expect(shownFor(prod.id)).toEqual([]);
    expect(stack.events.of('profiles:changed')).toEqual([]);
    expect(stack.events.of('instances:changed')).toEqual([]);
  });

  it('ends at once even when the cloud ignores the cancel', async () => {
    cloud.answers.set(prod.id, () => new Promise(() => {}));
    cloud.identities.set(prod.id, () => new Promise(() => {}));
    const pending = connection.test(prod.id);
    await tick();
    connection.cancel(prod.id);
    expect((await failureOf(pending)).cloud?.kind).toBe('cancelled');
  });

  it('a second test of the same profile replaces the first: the first is cancelled, only the second is saved', async () => {
    const first = deferred<CloudInstance[]>();
    cloud.answers.set(prod.id, () => first.promise);
    cloud.identities.set(prod.id, async () => identity('100011111111'));
    const earlier = connection.test(prod.id);
    await tick();
    answers(prod.id, '100022222222', [instance('second')]);
    const later = connection.test(prod.id);
    first.resolve([instance('first')]);
    const [earlierError, result] = await Promise.all([failureOf(earlier), later]);
    expect(earlierError.cloud?.kind).toBe('cancelled');
    expect(result).toMatchObject({ accountId: '100022222222', uinFilled: true, instanceCount: 1 });
    expect(stack.profiles.get(prod.id).uin).toBe('100022222222');
    expect(shownFor(prod.id)).toEqual(['second']);
  });

  it('cancelling one profile’s test leaves another profile’s test running', async () => {
    const dev = await stack.profiles.create(createInput('Dev', keysFor(2)));
    const gate = deferred();
    for (const p of [prod, dev]) {
      cloud.identities.set(p.id, async () => {
        await gate.promise;
        return identity(p.id === prod.id ? '100000000011' : '100000000022');
      });
    }
    const testProd = connection.test(prod.id);
    const testDev = connection.test(dev.id);
    await tick();
    connection.cancel(prod.id);
    gate.resolve();
    expect((await failureOf(testProd)).cloud?.kind).toBe('cancelled');
    await expect(testDev).resolves.toMatchObject({ accountId: '100000000022', uinFilled: true });
    expect(stack.profiles.list().map((p) => p.uin)).toEqual(['', '100000000022']);
  });

  it('two tests of different profiles at once each show their own instances and fill their account IDs', async () => {
    const dev = await stack.profiles.create(createInput('Dev', keysFor(2)));
    answers(prod.id, '100000000011', [instance('p')]);
    answers(dev.id, '100000000022', [instance('d')]);
    await Promise.all([connection.test(prod.id), connection.test(dev.id)]);
    expect(shownFor(prod.id)).toEqual(['p']);
    expect(shownFor(dev.id)).toEqual(['d']);
    expect(stack.profiles.list().map((p) => p.uin)).toEqual(['100000000011', '100000000022']);
  });

  it('cancelAll (the app stopping) cancels every running test', async () => {
    const dev = await stack.profiles.create(createInput('Dev', keysFor(2)));
    for (const p of [prod, dev]) cloud.identities.set(p.id, () => new Promise(() => {}));
    const tests = [connection.test(prod.id), connection.test(dev.id)];
    await tick();
    connection.cancelAll();
    const errors = await Promise.all(tests.map(failureOf));
    expect(errors.map((e) => e.cloud?.kind)).toEqual(['cancelled', 'cancelled']);
  });

  it('a profile deleted while its test runs: the test says so, and nothing of it is shown', async () => {
    stack.hub.on('profiles:changed', (list) => instances.profilesChanged(list));
    const gate = deferred();
    cloud.identities.set(prod.id, async () => {
      await gate.promise;
      return identity('100000000011');
    });
    cloud.answers.set(prod.id, async () => [instance('orphan-row')]);
    const pending = connection.test(prod.id);
    await tick();
    await stack.profiles.delete(prod.id);
    gate.resolve();
    expect((await failureOf(pending)).code).toBe('NOT_FOUND');
    expect(stack.profiles.list()).toEqual([]);
    expect(await stack.stored()).toEqual([]);
    expect(instances.view().rows).toEqual([]);
    // No cache file at all is fine too: nothing of the deleted profile was written.
    expect(await stack.home.read('cache/instances.json').catch(() => '')).not.toContain('orphan-row');
  });

  it('a test finishing while the user saves an edit keeps both the edit and the account ID', async () => {
    const gate = deferred();
    cloud.identities.set(prod.id, async () => {
      await gate.promise;
      return identity('100012345678');
    });
    const pending = connection.test(prod.id);
    await tick();
    const edit = stack.profiles.update(updateInput(prod.id, 'Production', { colour: 'red' }));
    gate.resolve();
    await Promise.all([pending, edit]);
    expect(stack.profiles.get(prod.id)).toMatchObject({ name: 'Production', colour: 'red', uin: '100012345678' });
  });

  it('cancel with no test running does nothing', () => {
    expect(() => {
      connection.cancel(prod.id);
      connection.cancelAll();
    }).not.toThrow();
  });
});
