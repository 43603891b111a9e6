import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../../src-main/contract/index.js';
import { CloudTargets } from '../../../../src-main/services/cloud/cloud-targets.js';
import { SandboxService } from '../../../../src-main/services/cloud/sandbox-service.js';
import { FakeCloud } from '../fakes/fake-cloud.js';
import { demoAccounts, SandboxStarter } from '../fakes/fake-sandbox.js';
import { createInput, idFor, keysFor, ProfileStack, updateInput } from '../fakes/profile-stack.js';
import { failureOf } from '../fakes/failure-of.js';

let stack: ProfileStack;
let starter: SandboxStarter;
let targets: CloudTargets;
/** The gateway stand-in: looks the keys up through `targets.keysFor`, as the real one does. */
let cloud: FakeCloud;

beforeEach(async () => {
  stack = await ProfileStack.create();
  starter = new SandboxStarter();
  targets = new CloudTargets(stack.profiles, stack.vault, stack.keychain, new SandboxService(starter.start));
  cloud = new FakeCloud((id) => targets.keysFor(id));
});
afterEach(() => stack.home.remove());

async function askInstances(profile: ProfileView): Promise<void> {
  await cloud.instances(await targets.targetFor(profile));
}

async function sandboxProfiles(): Promise<ProfileView[]> {
  return stack.profiles.addSandboxAccounts(demoAccounts);
}

describe('CloudTargets: a profile of the cloud', () => {
  it('goes to its own endpoint and region, signed with its keys from the keychain', async () => {
    const prod = await stack.profiles.create(
      createInput('Prod', { ...keysFor(1), endpoint: 'tcr.internal.example.com', region: 'ap-beijing' }),
    );
    await askInstances(prod);
    expect(cloud.sent).toEqual([
      {
        action: 'DescribeInstances',
        profileId: prod.id,
        endpoint: 'tcr.internal.example.com',
        region: 'ap-beijing',
        secretId: keysFor(1).secretId,
      },
    ]);
    await expect(targets.keysFor(prod.id)).resolves.toEqual(keysFor(1));
  });

  it('never starts the sandbox', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    await askInstances(prod);
    expect(starter.starts).toBe(0);
  });

  it('uses the rotated keys once the profile’s keys are rotated', async () => {
    const prod = await stack.profiles.create(createInput('Prod', keysFor(1)));
    await stack.profiles.update(updateInput(prod.id, 'Prod', keysFor(2)));
    await askInstances(prod);
    expect(cloud.sent[0]?.secretId).toBe(keysFor(2).secretId);
  });

  it('answers KEYS_MISSING, naming the profile, when the keychain holds no keys for it', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    stack.secrets.entries.clear();
    const error = await failureOf(askInstances(prod));
    expect(error.code).toBe('KEYS_MISSING');
    expect(error.message).toContain('“Prod”');
    expect(cloud.sent).toEqual([]);
  });

  it('passes the keychain’s refusal on', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    stack.secrets.failWith('get', 'locked');
    expect((await failureOf(targets.keysFor(prod.id))).code).toBe('KEYCHAIN_LOCKED');
    expect(stack.keychain.status().state).toBe('locked');
  });

  it('reports a damaged keychain entry as a keychain failure, without quoting it', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    stack.secrets.entries.set(`profile:${prod.id}`, '{"secretId": "AKIDhalf-written');
    const error = await failureOf(targets.keysFor(prod.id));
    expect(error.code).toBe('KEYCHAIN_FAILED');
    expect(error.message).not.toContain('AKIDhalf');
  });

  it('answers NOT_FOUND for a profile that no longer exists', async () => {
    expect((await failureOf(targets.keysFor(idFor(77)))).code).toBe('NOT_FOUND');
  });

  it('gives each of two profiles asked at once its own keys', async () => {
    const a = await stack.profiles.create(createInput('A', keysFor(1)));
    const b = await stack.profiles.create(createInput('B', keysFor(2)));
    await Promise.all([askInstances(a), askInstances(b)]);
    expect(Object.fromEntries(cloud.sent.map((s) => [s.profileId, s.secretId]))).toEqual({
      [a.id]: keysFor(1).secretId,
      [b.id]: keysFor(2).secretId,
    });
  });
});

describe('CloudTargets: a sandbox profile', () => {
  it('goes to the running sandbox’s endpoint, with the sandbox’s own keys for its account', async () => {
    const [prod, dev] = await sandboxProfiles();
    await askInstances(prod!);
    await askInstances(dev!);
    expect(cloud.sent).toEqual([
      {
        action: 'DescribeInstances',
        profileId: prod!.id,
        endpoint: 'http://127.0.0.1:41000',
        region: 'ap-guangzhou',
        secretId: demoAccounts[0].secretId,
      },
      {
        action: 'DescribeInstances',
        profileId: dev!.id,
        endpoint: 'http://127.0.0.1:41000',
        region: 'ap-guangzhou',
        secretId: demoAccounts[1].secretId,
      },
    ]);
    await expect(targets.keysFor(dev!.id)).resolves.toEqual({
      secretId: demoAccounts[1].secretId,
      secretKey: demoAccounts[1].secretKey,
    });
  });

  it('never asks the keychain, even when it is unavailable', async () => {
    stack.secrets.failWith('all', 'unavailable');
    const [prod] = await sandboxProfiles();
    await askInstances(prod!);
    expect(cloud.sent[0]?.secretId).toBe(demoAccounts[0].secretId);
    expect(stack.keychain.status().state).toBe('checking');
  });

  it('starts the sandbox once for two profiles asked at once', async () => {
    const [prod, dev] = await sandboxProfiles();
    starter.holdStarts();
    const both = Promise.all([askInstances(prod!), askInstances(dev!)]);
    await new Promise((r) => setTimeout(r, 5));
    starter.finishStarts();
    await both;
    expect(starter.starts).toBe(1);
    expect(new Set(cloud.sent.map((s) => s.endpoint))).toEqual(new Set(['http://127.0.0.1:41000']));
  });

  it('answers SANDBOX_FAILED when the sandbox cannot start, and works on the next try', async () => {
    const [prod] = await sandboxProfiles();
    starter.failNext('no free port');
    expect((await failureOf(targets.targetFor(prod!))).code).toBe('SANDBOX_FAILED');
    await askInstances(prod!);
    expect(cloud.sent).toHaveLength(1);
  });

  it('answers NOT_FOUND when its account is not in the sandbox (its uin was edited)', async () => {
    const [prod] = await sandboxProfiles();
    await stack.profiles.update(updateInput(prod!.id, prod!.name, { uin: '100000000999' }));
    expect((await failureOf(askInstances(prod!))).code).toBe('NOT_FOUND');
  });
});
