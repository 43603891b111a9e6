import { readdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonDocument } from '../../../src-main/storage/json-document.js';
import { TempDir } from '../services/fakes/user-data-dir.js';

let home: TempDir;
beforeEach(async () => {
  home = await TempDir.create('tcr-doc-');
});
afterEach(() => home.remove());

const schema = z.object({ n: z.number() });
const doc = () => new JsonDocument(home.path('profiles.json'), schema, () => ({ n: 0 }));

/** A pid no process has: above Linux's pid_max (4194304 at most). */
const DEAD_PID = 4_194_999;

describe('JsonDocument after a crash mid-write', () => {
  it('removes the temp copies a dead process left, and keeps those of a live one', async () => {
    await writeFile(home.path('profiles.json'), '{"n":1}');
    await writeFile(home.path(`profiles.json.${DEAD_PID}.0a1b2c3d.tmp`), '{"n":2}');
    await writeFile(home.path(`profiles.json.${process.pid}.deadbeef.tmp`), '{"n":3}');
    await writeFile(home.path('settings.json.4194998.0a1b2c3d.tmp'), '{}'); // another document's
    expect(await doc().load()).toEqual({ kind: 'loaded', value: { n: 1 } });
    expect((await readdir(home.dir)).sort()).toEqual([
      'profiles.json',
      `profiles.json.${process.pid}.deadbeef.tmp`,
      'settings.json.4194998.0a1b2c3d.tmp',
    ]);
  });

  it('never leaves a temp file after its own saves, even many at once', async () => {
    const d = doc();
    await Promise.all(Array.from({ length: 20 }, (_, n) => d.save({ n })));
    expect(await readdir(home.dir)).toEqual(['profiles.json']);
    expect(await d.load()).toEqual({ kind: 'loaded', value: { n: 19 } });
  });
});
