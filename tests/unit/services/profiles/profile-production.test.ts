// The production mark of a profile: saved in profiles.json, read as false from files that predate
// it, kept by every change that does not set it — also when changes run at once.
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileCheckSchema, profileUpdateSchema } from '../../../../src-main/contract/index.js';
import { TempDir } from '../fakes/user-data-dir.js';
import { createInput, idFor, keysFor, ProfileStack, updateInput } from '../fakes/profile-stack.js';

let stack: ProfileStack;

beforeEach(async () => {
  stack = await ProfileStack.create();
});
afterEach(() => stack.home.remove());

const productionOf = (id: string) => stack.profiles.get(id).production;

describe('the production mark', () => {
  it('reads a profiles.json from before the mark as not production, and saves the mark from then on', async () => {
    const home = await TempDir.create('tcr-profiles-old-');
    const old = {
      id: idFor(1),
      name: 'Old',
      uin: '100012345678',
      region: 'ap-guangzhou',
      endpoint: 'tcr.tencentcloudapi.com',
      colour: 'blue',
      secretIdMasked: 'AKID…3456',
      source: 'manual',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      keysUpdatedAt: '2026-01-01T00:00:00.000Z',
    };
    await writeFile(home.path('profiles.json'), JSON.stringify({ version: 1, profiles: [old] }));
    const loaded = await ProfileStack.create(home);
    expect(loaded.profiles.list()).toEqual([{ ...old, production: false }]);
    expect(loaded.alerts.list()).toEqual([]); // not taken for a corrupt file

    await loaded.profiles.update(updateInput(old.id, 'Old', { uin: old.uin, production: true }));
    expect((await loaded.stored())[0]).toMatchObject({ name: 'Old', production: true });
    expect((await loaded.restart()).get(old.id).production).toBe(true);
    await home.remove();
  });

  it('is false unless asked on create; kept when an update leaves it out; changed when an update sets it', async () => {
    const plain = await stack.profiles.create(createInput('Dev', keysFor(1)));
    const prod = await stack.profiles.create(createInput('Prod', { ...keysFor(2), production: true }));
    expect(plain.production).toBe(false);
    expect(prod.production).toBe(true);
    expect((await stack.stored()).map((p) => p['production'])).toEqual([false, true]);

    // An edit of other fields (an older caller that does not know the mark) keeps it.
    await stack.profiles.update(updateInput(prod.id, 'Prod renamed', { colour: 'red' }));
    expect(productionOf(prod.id)).toBe(true);
    // Rotating the keys keeps it too.
    await stack.profiles.update(updateInput(prod.id, 'Prod renamed', { ...keysFor(3) }));
    expect(productionOf(prod.id)).toBe(true);
    await stack.profiles.update(updateInput(prod.id, 'Prod renamed', { production: false }));
    expect(productionOf(prod.id)).toBe(false);
    await stack.profiles.update(updateInput(plain.id, 'Dev', { production: true }));
    expect(productionOf(plain.id)).toBe(true);
    expect((await stack.restart()).list().map((p) => [p.name, p.production])).toEqual([
      ['Dev', true],
      ['Prod renamed', false],
    ]);
  });

  it('survives changes at once: marking, renaming, a found account ID and another profile created', async () => {
    const prod = await stack.profiles.create(createInput('Prod', keysFor(1)));
    await Promise.all([
      stack.profiles.update(updateInput(prod.id, 'Prod', { production: true })),
      stack.profiles.setUin(prod.id, '100012345678'),
      stack.profiles.create(createInput('Other', keysFor(2))),
      stack.profiles.addSandboxAccounts([{ name: 'Demo', uin: '100000000001', secretId: keysFor(3).secretId }]),
    ]);
    expect(productionOf(prod.id)).toBe(true);
    expect(stack.profiles.get(prod.id).uin).toBe('100012345678');
    const again = await stack.restart();
    expect(again.list().map((p) => [p.name, p.production])).toEqual([
      ['Prod', true],
      ['Other', false],
      ['Demo', false],
    ]);

    // Two windows editing at once, one marking and one renaming: the later edit, written in
    // full, decides the mark; the profile is never left half of each.
    await Promise.all([
      stack.profiles.update(updateInput(prod.id, 'Prod A', { production: false })),
      stack.profiles.update(updateInput(prod.id, 'Prod B')),
    ]);
    expect(stack.profiles.get(prod.id)).toMatchObject({ name: 'Prod B', production: false });
  });

  it('accepts only a boolean from the renderer', () => {
    const parsed = profileUpdateSchema.safeParse({
      id: idFor(1),
      name: 'Prod',
      uin: '',
      region: 'ap-guangzhou',
      endpoint: 'tcr.tencentcloudapi.com',
      colour: 'blue',
      production: 'yes',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['production', 'production.invalid'],
    ]);
    expect(
      profileCheckSchema.safeParse({ name: '', uin: '', region: '', endpoint: '', colour: '', production: true })
        .success,
    ).toBe(true);
  });
});
