/**
 * What the caller gets when the keychain cannot be used, and how long it takes. Each case starts
 * its own bus/keyring (scripts/with-keyring.sh), so the session keyring is never disturbed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainClient } from '../../src-main/accounts/keychain-client.js';
import type { KeychainWaitState } from '../../src-main/accounts/keychain-types.js';
import { failureOf } from '../shared/failure-of.js';
import { ownNameForever, type BlackHole } from './helpers/dbus-black-hole.js';
import {
  deleteLoginKeyring,
  KEYRING_REQUIRED,
  lockLoginKeyring,
  nameHasOwner,
  secretServicePid,
  startKeyringEnv,
  type KeyringEnv,
} from './helpers/keyring-env.js';
import { WORKER_PATH } from './helpers/worker-path.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function clientFor(env: NodeJS.ProcessEnv, timeoutMs: number, waitNoticeMs?: number): KeychainClient {
  const client = new KeychainClient({
    workerPath: WORKER_PATH,
    timeoutMs: () => timeoutMs,
    env,
    ...(waitNoticeMs === undefined ? {} : { waitNoticeMs }),
  });
  cleanups.push(() => client.close());
  return client;
}

/** Starts a private keyring, or skips the test (fails it in CI) when that is impossible here. */
async function keyringEnv(mode: 'unlocked' | 'locked' | 'none', skip: (note: string) => void): Promise<KeyringEnv> {
  const started = await startKeyringEnv(mode);
  if (typeof started === 'string') {
    if (KEYRING_REQUIRED) throw new Error(started);
    skip(started);
    throw new Error('unreachable: skip() throws');
  }
  cleanups.push(() => started.stop());
  return started;
}

describe.skipIf(process.platform !== 'linux')('keychain failures (Linux Secret Service)', () => {
  it('reports a missing D-Bus session as unavailable within 2 s', async () => {
    const client = clientFor({ ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }, 10_000);

    const { error, elapsedMs } = await failureOf(client.probe());
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/D-Bus/);
    expect(elapsedMs).toBeLessThan(2000);
    await expect(client.get('profile:any')).rejects.toMatchObject({ kind: 'unavailable' });

    // No address at all (and no $XDG_RUNTIME_DIR/bus to fall back on), as on a bare server.
    const { DBUS_SESSION_BUS_ADDRESS: _unused, ...withoutBus } = process.env;
    const bare = clientFor({ ...withoutBus, XDG_RUNTIME_DIR: '/nonexistent' }, 10_000);
    const unset = await failureOf(bare.set('profile:any', 'secret-value'));
    expect(unset.error.kind).toBe('unavailable');
    expect(unset.error.message).toMatch(/D-Bus/);
    expect(unset.elapsedMs).toBeLessThan(2000);
  });

  it('reports a bus without a Secret Service as unavailable within 2 s', async ({ skip }) => {
    const { env } = await keyringEnv('none', skip);
    const client = clientFor(env, 10_000);

    const { error, elapsedMs } = await failureOf(client.probe());
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/org\.freedesktop\.secrets/);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('reports a locked keyring as locked, well within the timeout', async ({ skip }) => {
    const { env } = await keyringEnv('locked', skip);
    const client = clientFor(env, 10_000);

    const { error, elapsedMs } = await failureOf(client.probe());
    expect(error.kind).toBe('locked');
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('reports keys saved earlier as locked once the keyring is locked', async ({ skip }) => {
    const { env } = await keyringEnv('unlocked', skip);
    const client = clientFor(env, 10_000);
    await client.set('profile:locked-later', 'secret-value');
    await lockLoginKeyring(env);

    await expect(client.get('profile:locked-later')).rejects.toMatchObject({ kind: 'locked' });
    await expect(client.set('profile:locked-later', 'other')).rejects.toMatchObject({ kind: 'locked' });
  });

  it('times out on an unlock prompt that nobody answers, then keeps working', async ({ skip }) => {
    const { env } = await keyringEnv('locked', skip);
    const address = env.DBUS_SESSION_BUS_ADDRESS ?? '';
    const hole: BlackHole = await ownNameForever(address, 'org.gnome.keyring.SystemPrompter');
    cleanups.push(() => {
      hole.close();
    });
    await expect.poll(() => nameHasOwner(env, 'org.gnome.keyring.SystemPrompter')).toBe(true);
    const client = clientFor(env, 1500, 300);
    const states: KeychainWaitState[] = [];
    client.onWait((state) => states.push(state));

    const { error, elapsedMs } = await failureOf(client.probe());
    expect(error.kind).toBe('timeout');
    expect(elapsedMs).toBeGreaterThanOrEqual(1400);
    expect(elapsedMs).toBeLessThan(2500);
    expect(states).toEqual([
      { waiting: true, operation: 'probe', since: expect.any(Date), timeoutMs: 1500 },
      { waiting: false },
    ]);
    // A fresh worker answers what needs no unlock: there is no such entry.
    expect(await client.get('profile:none')).toBeNull();
  });

  it('does not hang when the Secret Service stops answering', async ({ skip }) => {
    const { env } = await keyringEnv('unlocked', skip);
    const pid = await secretServicePid(env);
    process.kill(pid, 'SIGSTOP');
    cleanups.push(() => process.kill(pid, 'SIGCONT'));

    const short = await failureOf(clientFor(env, 1000).probe());
    expect(short.error.kind).toBe('timeout');
    expect(short.elapsedMs).toBeLessThan(2000);

    // The library gives up on its own after 2 s of D-Bus silence.
    const long = await failureOf(clientFor(env, 10_000).probe());
    expect(long.error.kind).toBe('unavailable');
    expect(long.error.message).toMatch(/did not answer/);
    expect(long.elapsedMs).toBeLessThan(4000);
  });

  it('reports a Secret Service without a default keyring as unavailable', async ({ skip }) => {
    const { env } = await keyringEnv('unlocked', skip);
    await deleteLoginKeyring(env);
    const client = clientFor(env, 10_000);

    const { error, elapsedMs } = await failureOf(client.probe());
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/no default keyring/);
    expect(elapsedMs).toBeLessThan(2000);
  });
});
