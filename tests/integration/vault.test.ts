/**
 * Vault against the real Secret Service of the session (run under scripts/with-keyring.sh).
 * Every claim is checked from outside the process that made it: by a second Node process and by
 * secret-tool, so a cache or the kernel-keyring fallback could not pass for the OS keychain.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainClient } from '../../src-main/accounts/keychain-client.js';
import { KeychainError } from '../../src-main/accounts/keychain-types.js';
import { Vault } from '../../src-main/accounts/vault.js';
import {
  accountsInKeyring,
  run,
  secretsFor,
  skipWithoutKeyring,
  storeFromOutside,
  whyNoKeyring,
} from './helpers/keyring-env.js';
import { VAULT_CLI_PATH, WORKER_PATH } from './helpers/worker-path.js';

const skip = skipWithoutKeyring(await whyNoKeyring());

/** Runs vault-cli.ts in a new Node process against the same keyring. */
async function inNewProcess(command: 'read' | 'delete', profileId: string): Promise<unknown> {
  const result = await run(process.execPath, [VAULT_CLI_PATH, WORKER_PATH, command, profileId]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe.skipIf(skip)('Vault with the session keyring', () => {
  let client: KeychainClient;
  let vault: Vault;
  const profileIds: string[] = [];
  const newProfileId = () => {
    const id = `test-${randomUUID()}`;
    profileIds.push(id);
    return id;
  };

  beforeAll(() => {
    client = new KeychainClient({ workerPath: WORKER_PATH, timeoutMs: () => 10_000 });
    vault = new Vault(client);
  });

  afterAll(async () => {
    for (const id of profileIds) await vault.deleteKeys(id).catch(() => undefined);
    await client.close();
  });

  it('probes the keyring and leaves no probe entry behind', async () => {
    await client.probe();
    expect((await accountsInKeyring()).filter((account) => account.startsWith('__probe__'))).toEqual([]);
  });

  it('saves keys that a new process reads back', async () => {
    const id = newProfileId();
    const keys = { secretId: 'AKIDsaveTest0001', secretKey: 'k3y-with/odd+chars=ü' };
    await vault.saveKeys(id, keys);

    expect(await inNewProcess('read', id)).toEqual({ ok: true, value: keys });
    expect((await secretsFor(`profile:${id}`)).map((secret): unknown => JSON.parse(secret))).toEqual([keys]);
  });

  it('rotates keys in place: one entry, old keys gone', async () => {
    const id = newProfileId();
    const oldKeys = { secretId: 'AKIDrotateOld', secretKey: 'old-secret-key' };
    const newKeys = { secretId: 'AKIDrotateNew', secretKey: 'new-secret-key' };
    await vault.saveKeys(id, oldKeys);
    await vault.saveKeys(id, newKeys);

    const stored = await secretsFor(`profile:${id}`);
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0] ?? '')).toEqual(newKeys);
    expect(stored.join('\n')).not.toContain('old-secret-key');
    expect(await inNewProcess('read', id)).toEqual({ ok: true, value: newKeys });
  });

  it('deletes keys so that nobody finds them any more', async () => {
    const id = newProfileId();
    await vault.saveKeys(id, { secretId: 'AKIDdelete', secretKey: 'delete-me' });

    expect(await vault.deleteKeys(id)).toBe(true);

    const lookup = await run('secret-tool', ['lookup', 'service', 'tcr-sync-desktop', 'username', `profile:${id}`]);
    expect(lookup.stdout).toBe('');
    expect(lookup.code).toBe(1);
    expect(await inNewProcess('read', id)).toEqual({ ok: true, value: null });
    expect(await vault.deleteKeys(id)).toBe(false);
  });

  it('deletes keys saved by another process', async () => {
    const id = newProfileId();
    await vault.saveKeys(id, { secretId: 'AKIDcrossDelete', secretKey: 'cross-delete' });

    expect(await inNewProcess('delete', id)).toEqual({ ok: true, value: true });
    expect(await vault.readKeys(id)).toBeNull();
  });

  it('reports a garbled entry as failed without quoting it', async () => {
    const id = newProfileId();
    await storeFromOutside(`profile:${id}`, '{"secretId":"AKIDgarbled", not json');

    const error = await vault.readKeys(id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeychainError);
    expect((error as KeychainError).kind).toBe('failed');
    expect((error as KeychainError).message).not.toContain('AKIDgarbled');

    await storeFromOutside(`profile:${id}`, JSON.stringify({ secretId: 'AKIDonlyHalf' }));
    await expect(vault.readKeys(id)).rejects.toMatchObject({ kind: 'failed' });
  });

  it('keeps one D-Bus connection, however many profiles it saves (the bus limits them per user)', async () => {
    const socketsOfWorker = (): number => {
      const worker = readdirSync('/proc')
        .filter((pid) => /^\d+$/.test(pid))
        .find((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('keychain-worker');
          } catch {
            return false; // gone meanwhile
          }
        });
      if (!worker) throw new Error('no keychain worker process');
      return readdirSync(`/proc/${worker}/fd`).filter((fd) => {
        try {
          return readlinkSync(`/proc/${worker}/fd/${fd}`).startsWith('socket:');
        } catch {
          return false;
        }
      }).length;
    };
    await vault.readKeys(newProfileId()); // the worker is running
    const before = socketsOfWorker();
    for (let i = 0; i < 40; i += 1) {
      const id = newProfileId();
      await vault.saveKeys(id, { secretId: `AKIDsockets${i}`, secretKey: `key-${i}` });
      await vault.readKeys(id);
      await vault.deleteKeys(id);
    }
    expect(socketsOfWorker()).toBeLessThanOrEqual(before + 1);
  });

  it('reads null for a profile that never had keys', async () => {
    expect(await vault.readKeys(newProfileId())).toBeNull();
  });
});
