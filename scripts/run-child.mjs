// The programs behind `npm start`, `npm run web` and `npm run sandbox` run as children of the
// process a user or a script holds (its PID is what they signal). So that SIGINT, SIGTERM or
// SIGHUP to that PID stops everything it started, this module:
// - runs each child in a process group of its own (POSIX) and sends a signal this process gets
//   to that whole group, as Ctrl-C in a terminal does to its foreground group: the build's
//   esbuild and vite, the web host's keychain worker and Electron's helpers get it too;
// - kills the group if it has not stopped GRACE_MS later, and sweeps what the child left in its
//   group when it exits;
// - once a signal came, ends this process the way the child ended (same exit code; 128 + the
//   signal's number if the child died of a signal), and starts nothing more.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** How long a child may take to stop after a signal before its group is killed. */
export const GRACE_MS = 10_000;
const POSIX = process.platform !== 'win32';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The child running now, if any. */
let current;
/** The first signal this process got. */
let received;
let killTimer;

function signalGroup(child, signal) {
  try {
    if (POSIX) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // The group is gone already.
  }
}

/** Ends this process as `result` ended: its exit code, or 128 + the number of its signal. */
export function exitLike({ code, signal }) {
  if (signal) process.exit(128 + (constants.signals[signal] ?? 0));
  process.exit(code ?? 1);
}

function stop(signal) {
  received ??= signal;
  if (!current) exitLike({ code: null, signal });
  signalGroup(current, signal);
  const child = current;
  killTimer ??= setTimeout(() => signalGroup(child, 'SIGKILL'), GRACE_MS);
}

for (const signal of SIGNALS) process.on(signal, () => stop(signal));

// `npm run …` holds its own PID and passes a SIGTERM to the shell it ran this in (sh -c), which
// dies of it without passing it on: this process is left an orphan. A new parent means whoever
// started it is gone, so stop as if told to (POSIX; on Windows the parent id does not change).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 250).unref();

/**
 * Runs `file args` (stdio inherited unless `options` say otherwise) and resolves with how it
 * ended: `{ code, signal }`. After a signal to this process, this process exits as the child did.
 */
export function runChild(file, args, options = {}) {
  if (received) exitLike({ code: null, signal: received });
  const child = spawn(file, args, { stdio: 'inherit', ...options, detached: POSIX });
  current = child;
  return new Promise((resolve) => {
    let ended = false;
    const end = (result) => {
      if (ended) return;
      ended = true;
      current = undefined;
      clearTimeout(killTimer);
      killTimer = undefined;
      // Whatever the child left behind in its group (a worker, a helper) goes with it.
      if (POSIX && child.pid !== undefined) signalGroup(child, 'SIGKILL');
      if (received) exitLike(result);
      resolve(result);
    };
    child.once('error', (error) => {
      console.error(`${path.basename(file)}: ${error.message}`);
      end({ code: 1, signal: null });
    });
    child.once('exit', (code, signal) => end({ code, signal }));
  });
}

/**
 * scripts/ensure-built.mjs in a child rather than in this process: it builds with spawnSync,
 * during which this process could not pass a signal on. Exits as the build did if it failed.
 */
export async function ensureBuiltInChild() {
  const module = pathToFileURL(path.join(root, 'scripts', 'ensure-built.mjs')).href;
  const result = await runChild(process.execPath, [
    '--input-type=module',
    '--eval',
    `import { ensureBuilt } from ${JSON.stringify(module)}; ensureBuilt();`,
  ]);
  if (result.code !== 0) exitLike(result);
}
