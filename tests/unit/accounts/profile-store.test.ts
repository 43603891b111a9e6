import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore, type StoredProfile } from '../../../src-main/accounts/profile-store.js';

function profile(n: number, extra = ''): StoredProfile {
  return {
    id: `2b0f4c8e-1a2b-4c3d-8e9f-${String(n).padStart(12, '0')}`,
    name: `Profile ${n}${extra}`,
    uin: '100012345678',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID…3456',
    source: 'manual',
    createdAt: '2026-11-28T00:00:00.000Z',
    updatedAt: '2026-11-28T00:00:00.000Z',
    keysUpdatedAt: '2026-11-28T00:00:00.000Z',
  };
}

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'tcr-store-'));

describe('ProfileStore', () => {
  it('starts empty when there is no file, and reads back what it saved', async () => {
    const dir = await tempDir();
    const store = new ProfileStore(dir);
    expect(await store.load()).toEqual({ kind: 'missing', value: [] });
    await store.save([profile(1), profile(2)]);
    expect(await new ProfileStore(dir).load()).toEqual({ kind: 'loaded', value: [profile(1), profile(2)] });
  });

  it('reads a file from before key save times were kept, with an empty one', async () => {
    const dir = await tempDir();
    const { keysUpdatedAt: _dropped, ...old } = profile(1);
    await writeFile(path.join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [old] }));
    expect(await new ProfileStore(dir).load()).toEqual({ kind: 'loaded', value: [{ ...old, keysUpdatedAt: '' }] });
  });

  it('never lets a reader see a half-written file, and leaves no temp files', async () => {
    const dir = await tempDir();
    const store = new ProfileStore(dir);
    const big = 'x'.repeat(20_000);
    await store.save([profile(0, big)]);
    let done = false;
    let reads = 0;
    const reader = (async () => {
      while (!done) {
        const text = await readFile(store.file, 'utf8');
        expect(() => JSON.parse(text) as unknown).not.toThrow();
        reads++;
      }
    })();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.save(Array.from({ length: 20 }, (_, j) => profile(i * 100 + j, big)))),
    );
    done = true;
    await reader;
    expect(reads).toBeGreaterThan(0);
    // Writes are queued: the last save wins, whole.
    const last = await new ProfileStore(dir).load();
    expect(last.kind).toBe('loaded');
    expect(last.value[0]?.id).toBe(profile(3900).id);
    expect((await readdir(dir)).sort()).toEqual(['profiles.json']);
  });

  it.each([
    ['not JSON', '{"version":1,"profiles":[{"id":'],
    ['the wrong shape', '{"version":1,"profiles":[{"id":"x"}]}'],
  ])('keeps a corrupt file (%s) aside and reports it instead of overwriting it', async (_label, content) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'profiles.json'), content);
    const store = new ProfileStore(dir, {
      now: () => Date.parse('2026-11-28T10:00:00.000Z'),
      sleep: async () => undefined,
    });
    const outcome = await store.load();
    expect(outcome).toMatchObject({
      kind: 'corrupt',
      value: [],
      keptAs: path.join(dir, 'profiles.corrupt-2026-11-28T10-00-00-000Z.json'),
    });
    expect(await readFile(path.join(dir, 'profiles.corrupt-2026-11-28T10-00-00-000Z.json'), 'utf8')).toBe(content);
    await store.save([profile(1)]);
    expect(await readFile(path.join(dir, 'profiles.corrupt-2026-11-28T10-00-00-000Z.json'), 'utf8')).toBe(content);
  });
});
