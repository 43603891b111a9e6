// No SecretId or SecretKey of any profile reaches a file, a reply or an event — after create,
// key rotation, rename and delete — through the app's own router, with the real OS keychain.
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, InputOf, OutputOf, ProfileView } from '../../src-main/contract/index.js';
import { createAppCore, type AppCore } from '../../src-main/app/create-app.js';
import { WORKER_PATH } from './helpers/worker-path.js';

let core: AppCore | undefined;
let dir: string;
afterEach(async () => {
  await core?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function everyFile(root: string): Promise<string> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8')),
  );
  return texts.join('\n');
}

const keys = (n: number) => ({
  secretId: `AKIDleakTest${String(n).repeat(24).slice(0, 24)}`,
  secretKey: `leakTestSecretKey${String(n).repeat(15).slice(0, 15)}`,
});

describe('secrets stay in the keychain', () => {
  it('after create, rotate, rename and delete: not in any file, reply or event', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tcr-secrets-'));
    core = createAppCore({
      userDataDir: path.join(dir, 'data'),
      host: 'browser',
      systemLocale: 'en-US',
      version: 'test',
      keychainWorkerPath: WORKER_PATH,
      tccliDir: path.join(dir, 'tccli'),
      isTrustedSender: () => true,
    });
    const seen: string[] = [];
    core.events.forwardToWindows((message) => seen.push(JSON.stringify(message)));
    await core.start();
    const app = core;
    const call = async <C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
      const result = await app.router.call(channel, input, { origin: 'test' });
      seen.push(JSON.stringify(result));
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    const fields = { uin: '', region: 'ap-guangzhou', endpoint: 'tcr.tencentcloudapi.com', colour: 'blue' } as const;

    const a: ProfileView = await call('profiles:create', { name: 'A', ...fields, ...keys(1) });
    const b: ProfileView = await call('profiles:create', { name: 'B', ...fields, ...keys(2) });
    await call('profiles:update', { id: a.id, name: 'A', ...fields, ...keys(3) }); // rotation
    await call('profiles:update', { id: b.id, name: 'B renamed', ...fields }); // rename, keys kept
    await call('profiles:list', undefined);
    await call('profiles:check', { name: 'C', ...fields, ...keys(4) });
    await call('profiles:delete', { id: a.id });
    await call('profiles:list', undefined);

    const everything = [...seen, await everyFile(path.join(dir, 'data'))].join('\n');
    expect(everything).toContain('B renamed'); // what was looked at is real
    for (const n of [1, 2, 3, 4]) {
      expect(everything).not.toContain(keys(n).secretKey);
      expect(everything).not.toContain(keys(n).secretId);
      // Nor a long piece of one: only the masked form (AKID…last 4) may appear.
      expect(everything).not.toContain(keys(n).secretKey.slice(4, 20));
      expect(everything).not.toContain(keys(n).secretId.slice(4, 20));
    }
  });
});
