/**
 * Child-process entry (started by KeychainClient with child_process.fork). The OS keychain can
 * block for as long as an unlock prompt stays open, and @napi-rs/keyring can block its thread
 * (the Linux constructor connects to D-Bus synchronously); in a child process that can be
 * killed, none of that can freeze the app.
 *
 * Protocol: one KeychainWorkerRequest per message, one KeychainWorkerResponse per request.
 * Secrets travel only over the IPC channel and are never logged.
 */
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import {
  KEYCHAIN_SERVICE,
  type KeychainFailure,
  type KeychainWorkerRequest,
  type KeychainWorkerResponse,
} from './keychain-types.js';

/**
 * Without a pinned store the library silently falls back to the kernel keyring on Linux, which
 * forgets everything at logout: a "saved" key would vanish. Pinned, it fails loudly instead.
 */
const ENTRY_OPTIONS: EntryOptions | undefined =
  process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;

const MAX_DETAIL_LENGTH = 300;

/**
 * Each entry object opens its own D-Bus connection (on Linux) and closes it only when the garbage
 * collector frees the entry — otherwise connections pile up by the dozen (measured: 30 operations,
 * 30 sockets) against the bus's per-user limit. So every request ends with a collection: in a
 * process this small it takes a millisecond, and the connection count stays at one.
 */
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;
const releaseConnections = (): Promise<void> =>
  new Promise((resolve) => {
    collectGarbage();
    setImmediate(resolve); // native finalizers run after the collection
  });

class ProbeMismatchError extends Error {}

function entry(account: string): AsyncEntry {
  return new AsyncEntry(KEYCHAIN_SERVICE, account, ENTRY_OPTIONS);
}

/**
 * Writes, reads back and deletes a throwaway entry. Always under one name: a probe cut short (the
 * app quit, the worker was killed at a timeout) leaves at most that one entry, which the next
 * probe overwrites and deletes — never a growing pile in the user's keychain.
 */
async function probe(): Promise<void> {
  const probeEntry = entry('__probe__');
  const value = randomBytes(16).toString('hex');
  await probeEntry.setPassword(value);
  let readBack: string | null;
  try {
    readBack = await probeEntry.getPassword();
  } catch (error) {
    // Still try to remove the entry; the read failure is the one worth reporting.
    await probeEntry.deleteCredential().catch(() => undefined);
    throw error;
  }
  await probeEntry.deleteCredential();
  if (readBack !== value) throw new ProbeMismatchError('The keychain returned a different value than was saved.');
}

async function perform(request: ValidRequest): Promise<string | boolean | null> {
  switch (request.op) {
    case 'set':
      await entry(request.account).setPassword(request.secret);
      return null;
    case 'get':
      return await entry(request.account).getPassword();
    case 'delete':
      return await entry(request.account).deleteCredential();
    case 'probe':
      await probe();
      return null;
  }
}

/**
 * The library rejects with code 'GenericFailure' for everything; only the message (keyring-core's
 * error text) tells failures apart. Observed on Linux with gnome-keyring:
 * - no bus:            "Platform failure: DBus error: Failed to connect to socket …"
 * - no Secret Service: "Platform failure: DBus error: The name org.freedesktop.secrets was not
 *                       provided by any .service files"
 * - service hangs:     "Platform failure: DBus error: Did not receive a reply. …" (after 2 s)
 * - locked:            "Couldn't access platform storage: Secret Service: unlock prompt was dismissed"
 * - no default keyring:"Couldn't access platform storage: Secret Service: no result found"
 * Other platforms use the same two prefixes (PlatformFailure / NoStorageAccess).
 */
function classify(detail: string): { kind: KeychainFailure; summary: string } {
  if (/IsLocked|object locked|prompt (was )?dismissed/i.test(detail)) {
    return { kind: 'locked', summary: 'The keychain is locked, or access to it was refused.' };
  }
  if (/no result found/i.test(detail)) {
    return { kind: 'unavailable', summary: 'The Secret Service has no default keyring to store keys in.' };
  }
  if (/^Couldn't access platform storage/i.test(detail)) {
    return { kind: 'locked', summary: 'The keychain could not be accessed; it may be locked.' };
  }
  if (/Failed to connect to socket|DBUS_SESSION_BUS_ADDRESS|autolaunch|No DBus session/i.test(detail)) {
    return { kind: 'unavailable', summary: 'There is no D-Bus session, so no Secret Service can be reached.' };
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|NameHasNoOwner|Secret Service provider/i.test(detail)) {
    return { kind: 'unavailable', summary: 'No Secret Service is running (for example GNOME Keyring or KWallet).' };
  }
  if (/Did not receive a reply|NoReply|Timed ?out/i.test(detail)) {
    return { kind: 'unavailable', summary: 'The keychain service did not answer.' };
  }
  if (/^Platform failure/i.test(detail)) {
    return { kind: 'unavailable', summary: 'The system keychain could not be used.' };
  }
  return { kind: 'failed', summary: 'The keychain reported an error.' };
}

function failure(id: number, error: unknown, secret: string | undefined): KeychainWorkerResponse {
  if (error instanceof ProbeMismatchError) return { id, ok: false, kind: 'failed', message: error.message };
  let detail = error instanceof Error ? error.message : String(error);
  // Belt and braces: library messages carry no secrets today, but the text is logged upstream.
  if (secret) detail = detail.split(secret).join('[redacted]');
  if (detail.length > MAX_DETAIL_LENGTH) detail = `${detail.slice(0, MAX_DETAIL_LENGTH)}…`;
  const { kind, summary } = classify(detail);
  return { id, ok: false, kind, message: `${summary} (${detail})` };
}

type ValidRequest =
  | { id: number; op: 'set'; account: string; secret: string }
  | { id: number; op: 'get' | 'delete'; account: string }
  | { id: number; op: 'probe' };

function validate(message: unknown): ValidRequest | string {
  if (typeof message !== 'object' || message === null) return 'not an object';
  const { id, op, account, secret } = message as Partial<Record<keyof KeychainWorkerRequest, unknown>>;
  if (typeof id !== 'number') return 'no id';
  if (op === 'probe') return { id, op };
  if (op !== 'set' && op !== 'get' && op !== 'delete') return 'unknown op';
  if (typeof account !== 'string' || account === '') return 'no account';
  if (op !== 'set') return { id, op, account };
  if (typeof secret !== 'string') return 'no secret';
  return { id, op, account, secret };
}

async function handle(message: unknown): Promise<void> {
  const request = validate(message);
  let response: KeychainWorkerResponse;
  if (typeof request === 'string') {
    const id = (message as { id?: unknown } | null)?.id;
    if (typeof id !== 'number') return; // Nobody could match an answer to it.
    response = { id, ok: false, kind: 'failed', message: `Invalid keychain request: ${request}.` };
  } else {
    try {
      response = { id: request.id, ok: true, value: await perform(request) };
    } catch (error) {
      response = failure(request.id, error, request.op === 'set' ? request.secret : undefined);
    }
    await releaseConnections();
  }
  // A closed channel means the parent is gone; 'disconnect' below ends this process.
  process.send?.(response, undefined, undefined, () => undefined);
}

if (!process.send) {
  process.stderr.write('keychain-worker: start me with child_process.fork (no IPC channel).\n');
  process.exit(2);
}
process.on('message', (message: unknown) => void handle(message));
// The parent closed the channel or died: nobody is left to answer, and we must not linger.
process.on('disconnect', () => process.exit(0));
