// Profile changes from two windows, a background task and a user at once; and what a crash in
// the middle of a change leaves for the next start. Every acknowledged change must survive.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInput, idFor, keysFor, ProfileStack, updateInput } from '../fakes/profile-stack.js';

let stack: ProfileStack;

beforeEach(async () => {
  stack = await ProfileStack.create();
});
afterEach(() => stack.home.remove());

const names = () =>
  stack.profiles
    .list()
    .map((p) => p.name)
    .sort();

describe('ProfileService: changes at once', () => {
  it('two creates at once: both are kept, on disk too, and no key is orphaned', async () => {
    await Promise.all([
      stack.profiles.create(createInput('A', keysFor(1))),
      stack.profiles.create(createInput('B', keysFor(2))),
    ]);
    expect(names()).toEqual(['A', 'B']);
    expect(
      (await stack.restart())
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['A', 'B']);
    expect(stack.secrets.entries.size).toBe(2);
  });

  it('five creates of one name at once: one is kept, four are refused with name.taken and leave no keys', async () => {
    const results = await Promise.allSettled(
      ['Prod', 'prod', ' PROD ', 'Prod', 'pRoD'].map((name, i) => stack.profiles.create(createInput(name, keysFor(i)))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect(r.reason).toMatchObject({ code: 'VALIDATION', fields: { name: 'name.taken' } });
    }
    expect(stack.profiles.list()).toHaveLength(1);
    expect(stack.secrets.entries.size).toBe(1);
  });

  it('two deletes at once: both profiles are gone, none comes back without keys', async () => {
    const a = await stack.profiles.create(createInput('A', keysFor(1)));
    const b = await stack.profiles.create(createInput('B', keysFor(2)));
    await Promise.all([stack.profiles.delete(a.id), stack.profiles.delete(b.id)]);
    expect(stack.profiles.list()).toEqual([]);
    expect(await stack.stored()).toEqual([]);
    expect(stack.secrets.entries.size).toBe(0);
  });

  it('a create and a delete at once: the created profile stays', async () => {
    const a = await stack.profiles.create(createInput('A', keysFor(1)));
    await Promise.all([stack.profiles.create(createInput('B', keysFor(2))), stack.profiles.delete(a.id)]);
    expect(names()).toEqual(['B']);
    expect([...stack.secrets.entries.keys()]).toEqual([`profile:${idFor(2)}`]);
  });

  it('an edit and a filled-in uin at once: both are kept, in either order', async () => {
    const a = await stack.profiles.create(createInput('A'));
    await Promise.all([
      stack.profiles.update(updateInput(a.id, 'Renamed', { colour: 'green' })),
      stack.profiles.setUin(a.id, '100012345678'),
    ]);
    expect(stack.profiles.get(a.id)).toMatchObject({ name: 'Renamed', colour: 'green', uin: '100012345678' });
    await Promise.all([
      stack.profiles.setUin(a.id, '100087654321'),
      stack.profiles.update(updateInput(a.id, 'Again', { uin: '100087654321' })),
    ]);
    expect(stack.profiles.get(a.id)).toMatchObject({ name: 'Again', uin: '100087654321' });
  });

  it('a burst of creates, edits and deletes ends as if they ran one by one, in the order asked', async () => {
    const a = await stack.profiles.create(createInput('A', keysFor(1)));
    const b = await stack.profiles.create(createInput('B', keysFor(2)));
    const burst = [
      stack.profiles.update(updateInput(a.id, 'A1')),
      stack.profiles.delete(b.id),
      stack.profiles.create(createInput('C', keysFor(3))),
      stack.profiles.update(updateInput(a.id, 'A2')),
      stack.profiles.create(createInput('D', keysFor(4))),
      stack.profiles.update(updateInput(a.id, 'A3', { colour: 'red' })),
    ];
    await Promise.all(burst);
    expect(names()).toEqual(['A3', 'C', 'D']);
    expect(stack.profiles.get(a.id).colour).toBe('red');
    expect((await stack.stored()).map((p) => p.name)).toEqual(['A3', 'C', 'D']);
    expect(stack.secrets.entries.size).toBe(3);
    expect(stack.secrets.entries.has(`profile:${b.id}`)).toBe(false);
  });

  it('two account IDs filled in at once (two connection tests finishing together): both are kept', async () => {
    const a = await stack.profiles.create(createInput('A', keysFor(1)));
    const b = await stack.profiles.create(createInput('B', keysFor(2)));
    await Promise.all([stack.profiles.setUin(a.id, '100000000011'), stack.profiles.setUin(b.id, '100000000022')]);
    expect(stack.profiles.list().map((p) => p.uin)).toEqual(['100000000011', '100000000022']);
  });

  it('“Try the sandbox” clicked twice: each account once, and what each call returned exists', async () => {
    const accounts = [{ name: 'Demo A', uin: '100000000001', secretId: 'AKIDsandboxDemoA00000000000000000001' }];
    const [first, second] = await Promise.all([
      stack.profiles.addSandboxAccounts(accounts),
      stack.profiles.addSandboxAccounts(accounts),
    ]);
    expect(stack.profiles.list()).toHaveLength(1);
    for (const p of [...first, ...second]) expect(() => stack.profiles.get(p.id)).not.toThrow();
  });

  it('a listener that throws neither fails the create nor costs the profile its keys', async () => {
    stack.hub.on('profiles:changed', () => {
      throw new Error('listener bug');
    });
    const created = await stack.profiles.create(createInput('Prod', keysFor(1)));
    expect(await stack.keysOf(created.id)).toEqual(keysFor(1));
    expect((await stack.stored()).map((p) => p.name)).toEqual(['Prod']);
  });
});

describe('ProfileService: what a crash mid-change leaves, the next start settles', () => {
  const id = idFor(77);
  const pending = (ids: string[]) => stack.home.write('pending-keys.json', { version: 1, pending: ids });

  it('keys saved for a profile that was never written are removed', async () => {
    stack.secrets.entries.set(`profile:${id}`, JSON.stringify(keysFor(7)));
    await pending([id]);
    const next = await stack.restart();
    await next.recover();
    expect(stack.secrets.entries.has(`profile:${id}`)).toBe(false);
    expect(await stack.home.readJson('pending-keys.json')).toEqual({ version: 1, pending: [] });
  });

  it('a profile whose keys were already deleted is deleted too (the delete is finished)', async () => {
    const a = await stack.profiles.create(createInput('A', keysFor(1)));
    const b = await stack.profiles.create(createInput('B', keysFor(2)));
    stack.secrets.entries.delete(`profile:${a.id}`);
    await pending([a.id]);
    const next = await stack.restart();
    await next.recover();
    expect(next.list().map((p) => p.id)).toEqual([b.id]);
    expect((await stack.stored()).map((p) => p.id)).toEqual([b.id]);
  });

  it('a profile written with its keys is kept as it is', async () => {
    const a = await stack.profiles.create(createInput('A', keysFor(1)));
    await pending([a.id]);
    const next = await stack.restart();
    await next.recover();
    expect(next.list().map((p) => p.id)).toEqual([a.id]);
    expect(await stack.keysOf(a.id)).toEqual(keysFor(1));
    expect(await stack.home.readJson('pending-keys.json')).toEqual({ version: 1, pending: [] });
  });

  it('with the keychain locked nothing is touched, and the next start tries again', async () => {
    stack.secrets.entries.set(`profile:${id}`, JSON.stringify(keysFor(7)));
    await pending([id]);
    stack.secrets.failWith('all', 'locked');
    const next = await stack.restart();
    await next.recover();
    expect(stack.secrets.entries.has(`profile:${id}`)).toBe(true);
    expect(await stack.home.readJson('pending-keys.json')).toEqual({ version: 1, pending: [id] });
  });

  it('a create leaves nothing pending once it is done', async () => {
    await stack.profiles.create(createInput('A', keysFor(1)));
    expect(await stack.home.readJson('pending-keys.json')).toEqual({ version: 1, pending: [] });
  });
});

describe('display names', () => {
  it.each(['a\u0000b', 'tab\there', 'line\nbreak', 'esc\u001b[31m', 'c1\u0085'])(
    'refuse control characters (%j)',
    (name) => {
      expect(stack.profiles.check({ ...createInput('x'), name }).errors.name).toBe('name.control');
      expect(() => createInput(name)).toThrow(/name\.control/);
    },
  );
});

describe('the same account added twice', () => {
  it('warns (does not refuse) when another profile has the account ID, but not for the profile itself', async () => {
    const a = await stack.profiles.create(createInput('A', { uin: '100012345678' }));
    const draft = { ...createInput('B'), uin: '100012345678' };
    expect(stack.profiles.check(draft)).toMatchObject({ errors: {}, warnings: { uin: 'uin.sameAccount' } });
    expect(stack.profiles.check({ ...draft, id: a.id }).warnings.uin).toBeUndefined();
    expect(stack.profiles.check({ ...draft, uin: '' }).warnings.uin).toBeUndefined();
  });
});
