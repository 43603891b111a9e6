/**
 * Test helpers around real keyrings: is one usable here, start a private one in a given state
 * (scripts/with-keyring.sh), and look at its contents from outside the app (secret-tool).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../../src-main/accounts/keychain-types.js';
import { startProcess } from '../../shared/child-process.js';
import { REPO_ROOT } from '../../shared/repo-root.js';

const ci = process.env.CI;
/** In CI (or when asked) a missing keyring is a failure, not a reason to skip. */
export const KEYRING_REQUIRED =
  (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') || process.env.REQUIRE_KEYRING === '1';

const HOW_TO = 'Run the tests via: bash scripts/with-keyring.sh npx vitest run --project integration';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion; never throws (a missing program is exit code 127). */
export function run(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  return new Promise<RunResult>((resolve) => {
    const child = execFile(
      file,
      args,
      { env: options.env ?? process.env, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
        resolve({ code, stdout, stderr: stderr || (error && code === 127 ? error.message : '') });
      },
    );
    // A program that exits without reading its input (dbus-send) makes this write fail with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

function busCall(env: NodeJS.ProcessEnv, dest: string, path: string, method: string, ...args: string[]) {
  return run('dbus-send', ['--session', '--print-reply', `--dest=${dest}`, path, method, ...args], { env });
}

export async function nameHasOwner(env: NodeJS.ProcessEnv, name: string): Promise<boolean> {
  const reply = await busCall(
    env,
    'org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.NameHasOwner',
    `string:${name}`,
  );
  return reply.stdout.includes('boolean true');
}

/** Why the ambient session has no usable keyring for the tests, or null if it has one. */
export async function whyNoKeyring(): Promise<string | null> {
  if (process.platform !== 'linux') return 'these keyring tests only run on Linux';
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return 'DBUS_SESSION_BUS_ADDRESS is not set';
  if ((await run('dbus-send', ['--version'])).code === 127) return 'dbus-send not found (apt-get install -y dbus-bin)';
  if (!(await nameHasOwner(process.env, 'org.freedesktop.secrets'))) {
    return 'nobody owns org.freedesktop.secrets on the session bus';
  }
  if ((await run('secret-tool', ['--version'])).code === 127) {
    return 'secret-tool not found (apt-get install -y libsecret-tools)';
  }
  return null;
}

/**
 * Returns true when the caller should skip its keyring tests. When a keyring is required, it
 * instead registers a failing test that says what is missing.
 */
export function skipWithoutKeyring(reason: string | null): boolean {
  if (reason === null) return false;
  if (!KEYRING_REQUIRED) return true;
  it('has a usable keyring (required because CI or REQUIRE_KEYRING=1 is set)', () => {
    throw new Error(`No usable keyring: ${reason}. ${HOW_TO}`);
  });
  return true;
}

export interface KeyringEnv {
  /** process.env pointing at the private bus; pass it to KeychainClient and helpers. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Starts scripts/with-keyring.sh in the given KEYRING_MODE around a command that only reports
 * the bus address and waits; stop() ends it, and the script tears the keyring down.
 * Resolves a string (the reason) when the environment could not be started.
 */
export async function startKeyringEnv(mode: 'unlocked' | 'locked' | 'none'): Promise<KeyringEnv | string> {
  const script = join(REPO_ROOT, 'scripts/with-keyring.sh');
  try {
    const started = await startProcess(
      'bash',
      [script, 'sh', '-c', 'echo "$DBUS_SESSION_BUS_ADDRESS"; exec cat >/dev/null'],
      {
        name: `with-keyring.sh (KEYRING_MODE=${mode})`,
        env: { ...process.env, KEYRING_MODE: mode },
        ready: /^(.*)\n/,
        readyTimeoutMs: 30_000,
        // Closing stdin ends `cat`; a TERM still lets the script stop the bus and keyring it started.
        stopSteps: ['close-stdin', 'SIGTERM'],
      },
    );
    const address = started.ready[1];
    if (!address) {
      await started.stop();
      return `with-keyring.sh (KEYRING_MODE=${mode}) printed no bus address: ${started.output().trim()}`;
    }
    return { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }, stop: started.stop };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The PID of the process that owns org.freedesktop.secrets (gnome-keyring-daemon). */
export async function secretServicePid(env: NodeJS.ProcessEnv): Promise<number> {
  const reply = await busCall(
    env,
    'org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.GetConnectionUnixProcessID',
    'string:org.freedesktop.secrets',
  );
  const pid = Number(/uint32 (\d+)/.exec(reply.stdout)?.[1]);
  if (!pid) throw new Error(`No Secret Service PID: ${reply.stderr}`);
  return pid;
}

const LOGIN = '/org/freedesktop/secrets/collection/login';

export async function lockLoginKeyring(env: NodeJS.ProcessEnv): Promise<void> {
  const reply = await busCall(
    env,
    'org.freedesktop.secrets',
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.Lock',
    `array:objpath:${LOGIN}`,
  );
  if (reply.code !== 0) throw new Error(`Could not lock the keyring: ${reply.stderr}`);
}

/** Leaves gnome-keyring running with no default collection, as on a desktop without keyrings. */
export async function deleteLoginKeyring(env: NodeJS.ProcessEnv): Promise<void> {
  const reply = await busCall(env, 'org.freedesktop.secrets', LOGIN, 'org.freedesktop.Secret.Collection.Delete');
  if (reply.code !== 0) throw new Error(`Could not delete the keyring: ${reply.stderr}`);
}

/** The secrets stored for an account, as secret-tool sees them (one per keychain item). */
export async function secretsFor(account: string, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const result = await run('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE, 'username', account], {
    env,
  });
  return [...result.stdout.matchAll(/^secret = (.*)$/gm)].map((match) => match[1] ?? '');
}

/** Every account name stored under the app's service. */
export async function accountsInKeyring(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  // secret-tool prints item attributes on stderr and the secret on stdout.
  const result = await run('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], { env });
  return [...result.stderr.matchAll(/^attribute\.username = (.*)$/gm)].map((match) => match[1] ?? '');
}

/** Writes an item the way another program would, bypassing the app. */
export async function storeFromOutside(account: string, secret: string): Promise<void> {
  const result = await run(
    'secret-tool',
    ['store', '--label', `test ${account}`, 'service', KEYCHAIN_SERVICE, 'username', account],
    { input: secret },
  );
  if (result.code !== 0) throw new Error(`secret-tool store failed: ${result.stderr}`);
}
