import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedInputOf, ProfileView } from '../../../../src-main/contract/index.js';
import { KeysJournal } from '../../../../src-main/accounts/keys-journal.js';
import { SANDBOX_ENDPOINT } from '../../../../src-main/services/profiles/profile-service.js';
import { UserFacingError } from '../../../../src-main/services/shared/user-facing-error.js';
import { createInput, idFor, keysFor, ProfileStack, updateInput } from '../fakes/profile-stack.js';
import { TempDir } from '../fakes/user-data-dir.js';
import { failureOf } from '../fakes/failure-of.js';

let stack: ProfileStack;

beforeEach(async () => {
  stack = await ProfileStack.create();
});
afterEach(() => stack.home.remove());

/** Everything the user or a file could ever see: the file, every event, every value returned. */
async function everythingVisible(...returned: unknown[]): Promise<string> {
  const file = (await stack.home.exists('profiles.json')) ? await stack.home.read('profiles.json') : '';
  return [file, stack.events.text(), JSON.stringify(returned), JSON.stringify(stack.profiles.list())].join('\n');
}

const demoAccounts = [
  { name: 'Demo Prod', uin: '100000000001', secretId: 'AKIDsandboxDemoProd000000000000000001' },
  { name: 'Demo Dev', uin: '100000000002', secretId: 'AKIDsandboxDemoDev0000000000000000002' },
];

describe('ProfileService.load', () => {
  it('starts with no profile when there is no file', () => {
    expect(stack.profiles.list()).toEqual([]);
    expect(stack.alerts.list()).toEqual([]);
  });

  it('lists what an earlier run saved', async () => {
    const created = await stack.profiles.create(createInput('Prod'));
    const next = await stack.restart();
    expect(next.list()).toEqual([created]);
    expect(next.get(created.id)).toEqual(created);
  });

  it('sets a corrupt profiles file aside, starts empty and raises an alert naming the kept file', async () => {
    const home = await TempDir.create('tcr-profiles-');
    await home.write('profiles.json', '{"version": 1, "profiles": [{"id": "not-a-uuid"}]}');
    const corrupt = await ProfileStack.create(home);
    expect(corrupt.profiles.list()).toEqual([]);
    const [alert] = corrupt.alerts.list();
    expect(alert?.kind).toBe('profiles-corrupt');
    expect(alert?.keptAs).toMatch(/profiles\.corrupt-2026-11-28T10-00-00-000Z\.json$/);
    expect(await home.read(alert!.keptAs.slice(home.dir.length + 1))).toContain('not-a-uuid');
    expect(corrupt.events.last('app:alerts')).toEqual(corrupt.alerts.list());
    // The alert stays until dismissed, also after a restart.
    const again = await ProfileStack.create(home);
    expect(again.alerts.list()).toEqual(corrupt.alerts.list());
    await home.remove();
  });
});

describe('ProfileService.create', () => {
  it('stores the fields in profiles.json and the keys only in the keychain', async () => {
    const keys = keysFor(7);
    const created = await stack.profiles.create(
      createInput('Prod', { ...keys, uin: '100012345678', region: 'ap-shanghai', colour: 'green' }),
    );
    const at = '2026-11-28T10:00:00.000Z';
    const expected: ProfileView = {
      id: idFor(1),
      name: 'Prod',
      uin: '100012345678',
      region: 'ap-shanghai',
      endpoint: 'tcr.tencentcloudapi.com',
      colour: 'green',
      production: false,
      secretIdMasked: `AKID…${keys.secretId.slice(-4)}`,
      source: 'manual',
      createdAt: at,
      updatedAt: at,
      keysUpdatedAt: at,
    };
    expect(created).toEqual(expected);
    expect(stack.profiles.list()).toEqual([expected]);
    expect(await stack.stored()).toEqual([expected]);
    expect(await stack.keysOf(created.id)).toEqual(keys);
    expect(stack.events.of('profiles:changed')).toEqual([[expected]]);
  });

  it('never lets the SecretId or the SecretKey out: not in the file, an event, or a reply', async () => {
    const keys = keysFor(7);
    const created = await stack.profiles.create(createInput('Prod', keys));
    const seen = await everythingVisible(created, stack.profiles.get(created.id));
    expect(seen).not.toContain(keys.secretId);
    expect(seen).not.toContain(keys.secretKey);
    expect(seen).toContain(created.secretIdMasked);
    expect(stack.events.toWindows.map((m) => m.event)).toContain('profiles:changed');
  });

  it('keeps the source it is told (an import from tccli)', async () => {
    const created = await stack.profiles.create(createInput('From CLI'), 'tccli');
    expect((await stack.stored())[0]).toMatchObject({ id: created.id, source: 'tccli' });
  });

  it.each(['Prod', 'PROD', 'prod', '  Prod  ', 'Ｐｒｏｄ'])(
    'refuses the name %j when “Prod” exists, and saves nothing',
    async (name) => {
      await stack.profiles.create(createInput('Prod', keysFor(1)));
      stack.events.clear();
      const error = await failureOf(stack.profiles.create({ ...createInput('other', keysFor(2)), name }));
      expect(error.code).toBe('VALIDATION');
      expect(error.fields).toEqual({ name: 'name.taken' });
      expect(error.toAppError()).toMatchObject({ field: 'name', fields: { name: 'name.taken' } });
      expect(stack.profiles.list().map((p) => p.name)).toEqual(['Prod']);
      expect((await stack.stored()).map((p) => p.name)).toEqual(['Prod']);
      expect(stack.secrets.dump()).not.toContain(keysFor(2).secretId);
      expect(stack.events.all).toEqual([]);
    },
  );

  it('accepts a name that only looks alike', async () => {
    await stack.profiles.create(createInput('Prod'));
    await stack.profiles.create(createInput('Prod 2'));
    await stack.profiles.create(createInput('Pr od'));
    expect(stack.profiles.list().map((p) => p.name)).toEqual(['Prod', 'Prod 2', 'Pr od']);
  });

  it('saves nothing when the keychain refuses the keys', async () => {
    stack.secrets.failWith('set', 'locked', 'Collection is locked');
    await stack.keychain.probe();
    const error = await failureOf(stack.profiles.create(createInput('Prod')));
    expect(error.code).toBe('KEYCHAIN_LOCKED');
    expect(stack.profiles.list()).toEqual([]);
    expect(await stack.home.exists('profiles.json')).toBe(false);
    expect(stack.events.of('profiles:changed')).toEqual([]);
    expect(stack.keychain.status().state).toBe('locked');
  });

  it('saves nothing while the keychain is unavailable', async () => {
    stack.secrets.failWith('probe', 'unavailable');
    await stack.keychain.probe();
    expect((await failureOf(stack.profiles.create(createInput('Prod')))).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(stack.secrets.entries.size).toBe(0);
    expect(await stack.home.exists('profiles.json')).toBe(false);
  });

  it('takes the keys back out of the keychain when profiles.json cannot be written', async () => {
    const first = await stack.profiles.create(createInput('Prod', keysFor(1)));
    await stack.home.breakWrites('profiles.json');
    stack.events.clear();
    const error = await failureOf(stack.profiles.create(createInput('Dev', keysFor(2))));
    expect(error.code).toBe('STORE_FAILED');
    expect(error.message).toContain(stack.file);
    expect(stack.profiles.list()).toEqual([first]);
    expect([...stack.secrets.entries.keys()]).toEqual([`profile:${first.id}`]);
    expect(stack.events.all).toEqual([]);
    // Once the disk works again, the same name can be used: nothing half-made is left over.
    await stack.home.healWrites('profiles.json');
    await stack.profiles.create(createInput('Dev', keysFor(2)));
    expect((await stack.stored()).map((p) => p.name)).toEqual(['Prod', 'Dev']);
  });

  it('still reports the failed write when the keychain cannot take the keys back either', async () => {
    await stack.keychain.probe();
    await stack.home.breakWrites('profiles.json');
    stack.secrets.failWith('delete', 'timeout');
    expect((await failureOf(stack.profiles.create(createInput('Prod')))).code).toBe('STORE_FAILED');
    expect(stack.profiles.list()).toEqual([]);
  });
});

describe('ProfileService.update', () => {
  let prod: ProfileView;
  beforeEach(async () => {
    prod = await stack.profiles.create(createInput('Prod', keysFor(1)));
    stack.clock.advance(60_000);
    stack.events.clear();
  });

  it('changes the fields and keeps the keys when none are given', async () => {
    const updated = await stack.profiles.update(
      updateInput(prod.id, 'Production', {
        uin: '100012345678',
        region: 'ap-beijing',
        endpoint: 'tcr.internal.example.com',
        colour: 'red',
      }),
    );
    const expected: ProfileView = {
      ...prod,
      name: 'Production',
      uin: '100012345678',
      region: 'ap-beijing',
      endpoint: 'tcr.internal.example.com',
      colour: 'red',
      updatedAt: '2026-11-28T10:01:00.000Z',
    };
    expect(updated).toEqual(expected);
    expect(await stack.stored()).toEqual([expected]);
    expect(await stack.keysOf(prod.id)).toEqual(keysFor(1));
    expect(stack.events.of('profiles:changed')).toEqual([[expected]]);
  });

  it('rotates the keys when both are given: one entry, the new keys, a new masked id and time', async () => {
    const fresh = keysFor(2);
    const updated = await stack.profiles.update(updateInput(prod.id, 'Prod', fresh));
    expect(await stack.keysOf(prod.id)).toEqual(fresh);
    expect([...stack.secrets.entries.keys()]).toEqual([`profile:${prod.id}`]);
    expect(stack.secrets.dump()).not.toContain(keysFor(1).secretKey);
    expect(updated.secretIdMasked).toBe(`AKID…${fresh.secretId.slice(-4)}`);
    expect(updated.keysUpdatedAt).toBe('2026-11-28T10:01:00.000Z');
    const seen = await everythingVisible(updated);
    for (const secret of [...Object.values(fresh), ...Object.values(keysFor(1))]) expect(seen).not.toContain(secret);
  });

  it.each([
    ['only a SecretId', { secretId: keysFor(2).secretId }],
    ['only a SecretKey', { secretKey: keysFor(2).secretKey }],
  ])('does not touch the keys when given %s', async (_what, half) => {
    const input = { ...updateInput(prod.id, 'Prod'), ...half } as ParsedInputOf<'profiles:update'>;
    const updated = await stack.profiles.update(input);
    expect(await stack.keysOf(prod.id)).toEqual(keysFor(1));
    expect(updated.secretIdMasked).toBe(prod.secretIdMasked);
    expect(updated.keysUpdatedAt).toBe(prod.keysUpdatedAt);
  });

  it('lets a profile keep its own name in another case, and refuses another profile’s name', async () => {
    const dev = await stack.profiles.create(createInput('Dev'));
    await stack.profiles.update(updateInput(prod.id, 'PROD'));
    const error = await failureOf(stack.profiles.update(updateInput(dev.id, ' prod')));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({ name: 'name.taken' });
    expect((await stack.stored()).map((p) => p.name)).toEqual(['PROD', 'Dev']);
  });

  it('changes nothing when the keychain refuses the new keys', async () => {
    stack.secrets.failWith('set', 'timeout');
    const error = await failureOf(stack.profiles.update(updateInput(prod.id, 'Renamed', keysFor(2))));
    expect(error.code).toBe('KEYCHAIN_TIMEOUT');
    expect(stack.profiles.list()).toEqual([prod]);
    expect(await stack.stored()).toEqual([prod]);
    expect(await stack.keysOf(prod.id)).toEqual(keysFor(1));
    expect(stack.events.of('profiles:changed')).toEqual([]);
  });

  it('reports a profile that no longer exists', async () => {
    const error = await failureOf(stack.profiles.update(updateInput(idFor(99), 'Ghost')));
    expect(error.code).toBe('NOT_FOUND');
    expect(() => stack.profiles.get(idFor(99))).toThrow(UserFacingError);
  });

  it('a failed write leaves the profile as it was', async () => {
    await stack.home.breakWrites('profiles.json');
    expect((await failureOf(stack.profiles.update(updateInput(prod.id, 'Renamed')))).code).toBe('STORE_FAILED');
    expect(stack.profiles.get(prod.id).name).toBe('Prod');
  });
});

describe('ProfileService: sandbox profiles', () => {
  it('adds each demo account, without the keychain, marked as sandbox', async () => {
    // The keychain is not even there: demo accounts use the sandbox's own keys.
    stack.secrets.failWith('probe', 'unavailable');
    await stack.keychain.probe();
    const added = await stack.profiles.addSandboxAccounts(demoAccounts);
    expect(added.map((p) => [p.name, p.uin, p.endpoint, p.source, p.region])).toEqual([
      ['Demo Prod', '100000000001', SANDBOX_ENDPOINT, 'sandbox', 'ap-guangzhou'],
      ['Demo Dev', '100000000002', SANDBOX_ENDPOINT, 'sandbox', 'ap-guangzhou'],
    ]);
    expect(added[0]?.secretIdMasked).toBe('AKID…0001');
    expect(stack.secrets.entries.size).toBe(0);
    expect(await stack.stored()).toEqual(added);
    expect(stack.events.last('profiles:changed')).toEqual(added);
    expect(await everythingVisible(added)).not.toContain(demoAccounts[0]!.secretId);
  });

  it('adds each demo account once: a second time adds and writes nothing', async () => {
    await stack.profiles.addSandboxAccounts(demoAccounts.slice(0, 1));
    stack.events.clear();
    const again = await stack.profiles.addSandboxAccounts(demoAccounts);
    expect(again.map((p) => p.name)).toEqual(['Demo Dev']);
    stack.events.clear();
    expect(await stack.profiles.addSandboxAccounts(demoAccounts)).toEqual([]);
    expect(stack.events.all).toEqual([]);
    expect(stack.profiles.list().map((p) => p.uin)).toEqual(['100000000001', '100000000002']);
  });

  it('gives a demo account a free name, and does not count a manual profile of the same uin as added', async () => {
    await stack.profiles.create(createInput('demo prod', { uin: '100000000001' }));
    const added = await stack.profiles.addSandboxAccounts(demoAccounts.slice(0, 1));
    expect(added.map((p) => p.name)).toEqual(['Demo Prod (2)']);
  });

  it('refuses new keys for a sandbox profile, and keeps its sandbox endpoint', async () => {
    const [demo] = await stack.profiles.addSandboxAccounts(demoAccounts);
    const error = await failureOf(stack.profiles.update(updateInput(demo!.id, 'Demo', keysFor(3))));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({ secretId: 'sandbox.keysFixed' });
    expect(stack.secrets.entries.size).toBe(0);
    const renamed = await stack.profiles.update(
      updateInput(demo!.id, 'My demo', { endpoint: 'tcr.tencentcloudapi.com', colour: 'purple' }),
    );
    expect(renamed).toMatchObject({ name: 'My demo', colour: 'purple', endpoint: SANDBOX_ENDPOINT, source: 'sandbox' });
  });

  it('deletes a sandbox profile without asking the keychain', async () => {
    const [demo] = await stack.profiles.addSandboxAccounts(demoAccounts);
    stack.secrets.failWith('all', 'locked');
    await stack.profiles.delete(demo!.id);
    expect(stack.profiles.list().map((p) => p.name)).toEqual(['Demo Dev']);
    expect(stack.events.last('profile:deleted')).toEqual({ profileId: demo!.id });
  });
});

describe('ProfileService.delete', () => {
  let prod: ProfileView;
  let dev: ProfileView;
  beforeEach(async () => {
    prod = await stack.profiles.create(createInput('Prod', keysFor(1)));
    dev = await stack.profiles.create(createInput('Dev', keysFor(2)));
    stack.events.clear();
  });

  it('removes the keys and the profile, and tells main (only main) it is gone', async () => {
    await stack.profiles.delete(prod.id);
    expect(await stack.keysOf(prod.id)).toBeNull();
    expect(await stack.keysOf(dev.id)).toEqual(keysFor(2));
    expect(stack.profiles.list()).toEqual([dev]);
    expect(await stack.stored()).toEqual([dev]);
    expect(stack.events.names()).toEqual(['profiles:changed', 'profile:deleted']);
    expect(stack.events.last('profile:deleted')).toEqual({ profileId: prod.id });
    expect(stack.events.toWindows).toEqual([{ event: 'profiles:changed', payload: [dev] }]);
    expect((await stack.restart()).list()).toEqual([dev]);
  });

  it('keeps the profile (and its keys) when the keychain refuses to delete them', async () => {
    stack.secrets.failWith('delete', 'locked');
    const error = await failureOf(stack.profiles.delete(prod.id));
    expect(error.code).toBe('KEYCHAIN_LOCKED');
    expect(stack.profiles.list()).toEqual([prod, dev]);
    expect(await stack.stored()).toEqual([prod, dev]);
    stack.secrets.heal();
    await stack.keychain.probe();
    expect(await stack.keysOf(prod.id)).toEqual(keysFor(1));
    expect(stack.events.of('profile:deleted')).toEqual([]);
  });

  it('deletes a profile whose keys are already gone from the keychain', async () => {
    stack.secrets.entries.clear();
    await stack.profiles.delete(prod.id);
    expect(stack.profiles.list()).toEqual([dev]);
  });

  it('reports a profile that no longer exists', async () => {
    await stack.profiles.delete(prod.id);
    expect((await failureOf(stack.profiles.delete(prod.id))).code).toBe('NOT_FOUND');
  });
});

describe('ProfileService.setUin', () => {
  it('fills in the account ID, saves it and tells every window; the keys stay', async () => {
    const prod = await stack.profiles.create(createInput('Prod', keysFor(1)));
    stack.clock.advance(1000);
    const updated = await stack.profiles.setUin(prod.id, '100012345678');
    expect(updated).toEqual({ ...prod, uin: '100012345678', updatedAt: '2026-11-28T10:00:01.000Z' });
    expect(await stack.stored()).toEqual([updated]);
    expect(stack.events.last('profiles:changed')).toEqual([updated]);
    expect(await stack.keysOf(prod.id)).toEqual(keysFor(1));
  });

  it('reports a profile that no longer exists', async () => {
    expect((await failureOf(stack.profiles.setUin(idFor(42), '1'))).code).toBe('NOT_FOUND');
  });
});

describe('ProfileService.check', () => {
  const draft = {
    name: 'Prod',
    uin: '',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    ...keysFor(1),
  };

  it('finds nothing wrong with a good draft', () => {
    expect(stack.profiles.check(draft)).toEqual({ errors: {}, warnings: {} });
  });

  it('names every field that is wrong, with a message key', () => {
    const result = stack.profiles.check({
      name: '   ',
      uin: '12a',
      region: 'mars-1',
      endpoint: 'not a host',
      colour: 'pink',
      secretId: 'AKID with space',
      secretKey: '',
    });
    expect(result.errors).toEqual({
      name: 'name.required',
      uin: 'uin.digits',
      region: 'region.invalid',
      endpoint: 'endpoint.invalid',
      colour: 'colour.invalid',
      secretId: 'secretId.whitespace',
      secretKey: 'secretKey.required',
    });
    // No "not AKID" warning on a SecretId that is already an error.
    expect(result.warnings).toEqual({});
  });

  it('wants both keys for a new profile', () => {
    const { secretId: _id, secretKey: _key, ...noKeys } = draft;
    expect(stack.profiles.check(noKeys).errors).toEqual({
      secretId: 'secretId.required',
      secretKey: 'secretKey.required',
    });
  });

  it('warns about a SecretId that does not look like the cloud’s, without refusing it', () => {
    expect(stack.profiles.check({ ...draft, secretId: 'sts-temporary-id-123' })).toEqual({
      errors: {},
      warnings: { secretId: 'secretId.notAkid' },
    });
  });

  it('reports a taken name as the user types it, but not the profile’s own name when editing', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    expect(stack.profiles.check({ ...draft, name: ' PROD ' }).errors).toEqual({ name: 'name.taken' });
    const { secretId: _id, secretKey: _key, ...noKeys } = draft;
    expect(stack.profiles.check({ ...noKeys, id: prod.id, name: 'prod' })).toEqual({ errors: {}, warnings: {} });
  });

  it('when editing, keys are optional, but one alone asks for the other', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    const editing = { ...draft, id: prod.id, secretId: undefined, secretKey: undefined };
    expect(stack.profiles.check(editing).errors).toEqual({});
    expect(stack.profiles.check({ ...editing, secretId: keysFor(2).secretId }).errors).toEqual({
      secretKey: 'secretKey.required',
    });
    expect(stack.profiles.check({ ...editing, secretKey: keysFor(2).secretKey }).errors).toEqual({
      secretId: 'secretId.required',
    });
  });

  it('refuses a name with control characters in it', () => {
    expect(stack.profiles.check({ ...draft, name: 'Prod\u001b[31m' }).errors).toEqual({ name: 'name.control' });
    expect(stack.profiles.check({ ...draft, name: 'Pro\u0000d' }).errors).toEqual({ name: 'name.control' });
  });

  it('says nothing about the id of a draft being edited', () => {
    expect(stack.profiles.check({ ...draft, id: 'not-a-uuid' }).errors).toEqual({});
  });

  it('saves nothing', async () => {
    stack.profiles.check(draft);
    stack.profiles.check({ ...draft, name: '' });
    expect(await stack.home.exists('profiles.json')).toBe(false);
    expect(stack.secrets.entries.size).toBe(0);
    expect(stack.events.all).toEqual([]);
  });
});

describe('ProfileService: what it hands out is a copy', () => {
  it('changing a listed profile changes nothing stored', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    stack.profiles.list()[0]!.name = 'Hacked';
    stack.profiles.get(prod.id).colour = 'red';
    expect(stack.profiles.get(prod.id)).toEqual(prod);
  });
});

describe('ProfileService: two calls at once', () => {
  it('two updates of the same profile: the last one wins, in memory and on disk', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    await Promise.all([
      stack.profiles.update(updateInput(prod.id, 'First', { colour: 'red' })),
      stack.profiles.update(updateInput(prod.id, 'Second', { colour: 'green' })),
    ]);
    expect(stack.profiles.get(prod.id)).toMatchObject({ name: 'Second', colour: 'green' });
    expect(await stack.stored()).toEqual(stack.profiles.list());
  });

  it('two deletes of the same profile: it is gone, keys and all, and the second is told so or succeeds', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    const results = await Promise.allSettled([stack.profiles.delete(prod.id), stack.profiles.delete(prod.id)]);
    expect(results[0].status).toBe('fulfilled');
    expect(stack.profiles.list()).toEqual([]);
    expect(await stack.stored()).toEqual([]);
    expect(stack.secrets.entries.size).toBe(0);
  });

  it('a check while a create is being written sees the profiles saved so far', async () => {
    await stack.profiles.create(createInput('Prod'));
    const pending = stack.profiles.create(createInput('Dev'));
    const during = stack.profiles.check({ ...createInput('Prod'), colour: 'blue' });
    await pending;
    expect(during.errors).toEqual({ name: 'name.taken' });
  });

  it('a check while a profile is being deleted still sees it until it is gone', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    const pending = stack.profiles.delete(prod.id);
    expect(stack.profiles.check({ ...createInput('prod'), colour: 'blue' }).errors).toEqual({ name: 'name.taken' });
    await pending;
    expect(stack.profiles.check({ ...createInput('prod'), colour: 'blue' }).errors).toEqual({});
  });
});

describe('ProfileService: the keys journal (crash leftovers: see profile-service-concurrency.test.ts)', () => {
  async function journalled(): Promise<string[]> {
    return new KeysJournal(stack.home.dir).load();
  }

  it('a completed create or delete leaves nothing to recover', async () => {
    const prod = await stack.profiles.create(createInput('Prod'));
    await stack.profiles.create(createInput('Dev', keysFor(2)));
    await stack.profiles.delete(prod.id);
    expect(await journalled()).toEqual([]);
  });

  it('a delete whose file write failed is finished at the next start', async () => {
    const prod = await stack.profiles.create(createInput('Prod', keysFor(1)));
    await stack.home.breakWrites('profiles.json');
    expect((await failureOf(stack.profiles.delete(prod.id))).code).toBe('STORE_FAILED');
    expect(await stack.keysOf(prod.id)).toBeNull();
    await stack.home.healWrites('profiles.json');
    const next = await stack.restart();
    await next.recover();
    expect(next.list()).toEqual([]);
    expect(await stack.stored()).toEqual([]);
  });

  it('changes no key when the journal cannot be written', async () => {
    const prod = await stack.profiles.create(createInput('Prod', keysFor(1)));
    await stack.home.breakWrites('pending-keys.json');
    expect((await failureOf(stack.profiles.create(createInput('Dev', keysFor(2))))).code).toBe('STORE_FAILED');
    expect((await failureOf(stack.profiles.delete(prod.id))).code).toBe('STORE_FAILED');
    expect(stack.secrets.dump()).not.toContain(keysFor(2).secretId);
    expect(await stack.keysOf(prod.id)).toEqual(keysFor(1));
    expect(stack.profiles.list()).toEqual([prod]);
  });
});
