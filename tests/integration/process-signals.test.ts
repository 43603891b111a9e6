// A signal to the PID a user or a script holds — the process `npm run sandbox`, `npm run web` or
// scripts/with-keyring.sh started — stops the whole tree below it: afterwards nothing it started
// runs and its port accepts no connection. Linux only (reads /proc), like the keyring tests.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type StartedProcess } from '../shared/child-process.js';
import { REPO_ROOT } from '../shared/repo-root.js';
import { makeTempDir, removeDir } from '../shared/temp-dir.js';

/** Within this, everything must be gone after the signal. */
const STOPPED_WITHIN_MS = 8_000;
/** A wrapper builds first when the sources changed since the last build (others edit them). */
const READY_WITHIN_MS = 150_000;
const TEST_TIMEOUT_MS = READY_WITHIN_MS + 30_000;

interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
  name: string;
}

function readStat(pid: number): ProcStat | undefined {
  let line: string;
  try {
    line = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (name) state ppid …": the name may itself hold spaces and parentheses.
  const close = line.lastIndexOf(')');
  const [state = '', ppid = '0'] = line.slice(close + 2).split(' ');
  return { pid, ppid: Number(ppid), state, name: line.slice(line.indexOf('(') + 1, close) };
}

/** Every process below `pid`, as /proc shows them now. */
function descendantsOf(pid: number): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== undefined);
  const found: ProcStat[] = [];
  const queue = [pid];
  for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
    for (const child of all.filter((stat) => stat.ppid === parent)) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** A zombie has ended; only its parent has not collected its status yet. */
function alive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

/**
 * The sockets listening on `port` (by inode), from /proc/net/tcp and tcp6. A socket, not the
 * port number: once the server's socket is closed, another program may be given the same port.
 */
function listeningSockets(port: number): Set<string> {
  const found = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      // sl local_address rem_address st … inode; local_address is HEXIP:HEXPORT, st 0A is LISTEN
      const [, local = '', , state, , , , , , inode] = line.trim().split(/\s+/);
      if (state === '0A' && inode && Number.parseInt(local.split(':')[1] ?? '', 16) === port) found.add(inode);
    }
  }
  return found;
}

/** Polls `check` every 100 ms until it holds or `withinMs` has passed; returns its last answer. */
async function eventually(check: () => boolean | Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** How `started` exits, or undefined if it is still running `withinMs` from now. */
function exitWithin(started: StartedProcess, withinMs: number): Promise<Exit | undefined> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(undefined);
    }, withinMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      resolve({ code, signal });
    };
    child.once('exit', onExit);
  });
}

// What each test started, stopped whatever happened: the wrapper, then anything of its tree left.
let started: StartedProcess | undefined;
let tree: ProcStat[] = [];
const tempDirs: string[] = [];
afterEach(async () => {
  await started?.stop();
  for (const stat of tree) if (alive(stat.pid)) process.kill(stat.pid, 'SIGKILL');
  started = undefined;
  tree = [];
  await Promise.all(tempDirs.splice(0).map(removeDir));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await makeTempDir(prefix);
  tempDirs.push(dir);
  return dir;
}

/**
 * Sends `signal` to the wrapper and checks that within a few seconds the wrapper has exited,
 * nothing of the tree it had runs any more, and `port` refuses connections. Returns its exit.
 */
async function signalAndExpectAllGone(signal: NodeJS.Signals, port: number) {
  const wrapper = started!;
  tree = descendantsOf(wrapper.child.pid!);
  expect(tree.length).toBeGreaterThan(0);
  // An HTTP answer, not just a connection: the server's event loop has run on past the line
  // that said it was ready, so the signal finds it as a user's would, not halfway through it.
  expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBeGreaterThan(0);
  const sockets = listeningSockets(port);
  expect(sockets.size).toBeGreaterThan(0);

  const exited = exitWithin(wrapper, STOPPED_WITHIN_MS);
  wrapper.child.kill(signal);
  const exit = await exited;
  expect(exit, `the wrapper exits after ${signal}`).toBeDefined();
  const allGone = await eventually(() => tree.every((stat) => !alive(stat.pid)), STOPPED_WITHIN_MS);
  const left = tree.filter((stat) => alive(stat.pid)).map((stat) => `${stat.pid} ${stat.name}`);
  expect(allGone, `still running after ${signal}: ${left.join(', ')}`).toBe(true);
  // The port accepts no connection: the socket that listened on it is closed, whoever held it.
  const stillOpen = () => [...listeningSockets(port)].filter((inode) => sockets.has(inode));
  expect(await eventually(() => stillOpen().length === 0, STOPPED_WITHIN_MS), `port ${port} still listens`).toBe(true);
  return exit!;
}

beforeAll(async () => {
  // The wrappers build when out/ is missing or older than the sources; build once up front so
  // that the tests usually start from a fresh build (`npm run build` is what it runs).
  await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', "import { ensureBuilt } from './scripts/ensure-built.mjs'; ensureBuilt();"],
    { cwd: REPO_ROOT, timeout: READY_WITHIN_MS },
  );
  expect(existsSync(path.join(REPO_ROOT, 'out/main/sandbox.cjs'))).toBe(true);
}, READY_WITHIN_MS);

describe('scripts/sandbox.mjs (npm run sandbox)', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(
      `${signal} to its PID stops the sandbox: the port closes, no child is left, it exits 0 as the sandbox did`,
      async () => {
        started = await startProcess(
          process.execPath,
          [path.join(REPO_ROOT, 'scripts/sandbox.mjs'), '--port', '0', '--no-activity'],
          { name: 'sandbox', ready: /Sandbox: http:\/\/127\.0\.0\.1:(\d+)/, readyTimeoutMs: READY_WITHIN_MS },
        );
        const exit = await signalAndExpectAllGone(signal, Number(started.ready[1]));
        expect(exit, started.output()).toEqual({ code: 0, signal: null });
      },
      TEST_TIMEOUT_MS,
    );
  }
});

describe('npm run sandbox (the PID a script holds is npm’s)', () => {
  it(
    'SIGTERM to npm’s own PID stops the sandbox too, though npm’s shell does not pass it on',
    async () => {
      started = await startProcess('npm', ['run', '--silent', 'sandbox', '--', '--port', '0', '--no-activity'], {
        name: 'npm run sandbox',
        ready: /Sandbox: http:\/\/127\.0\.0\.1:(\d+)/,
        readyTimeoutMs: READY_WITHIN_MS,
      });
      const exit = await signalAndExpectAllGone('SIGTERM', Number(started.ready[1]));
      expect(exit, started.output()).toBeDefined();
    },
    TEST_TIMEOUT_MS,
  );
});

describe('scripts/web.mjs (npm run web)', () => {
  for (const [signal, status] of [
    ['SIGTERM', 0], // the web host stops cleanly and exits 0
    ['SIGHUP', 0], // a closed terminal: the same clean stop
  ] as const) {
    it(
      `${signal} to its PID stops the web host and its keychain worker: the port closes, exit ${status}`,
      async () => {
        const dir = await tempDir('tcr-signals-web-');
        started = await startProcess(
          process.execPath,
          [
            path.join(REPO_ROOT, 'scripts/web.mjs'),
            '--port',
            '0',
            '--user-data',
            path.join(dir, 'data'),
            '--tccli-dir',
            path.join(dir, 'tccli'),
          ],
          { name: 'web host', ready: /URL: http:\/\/127\.0\.0\.1:(\d+)\//, readyTimeoutMs: READY_WITHIN_MS },
        );
        const pid = started.child.pid!;
        const worker = () => descendantsOf(pid).some((stat) => commandLine(stat.pid).includes('keychain-worker.cjs'));
        expect(await eventually(worker, 5_000), 'the keychain worker runs').toBe(true);
        const exit = await signalAndExpectAllGone(signal, Number(started.ready[1]));
        expect(exit, started.output()).toEqual({ code: status, signal: null });
      },
      TEST_TIMEOUT_MS,
    );
  }
});

describe('scripts/run-child.mjs (what the wrappers run their steps with)', () => {
  it('SIGTERM while a step waits in spawnSync (as the build does) stops that step and what it runs', async () => {
    const dir = await tempDir('tcr-signals-step-');
    const step = path.join(dir, 'step.cjs');
    // Like ensureBuilt(): the step blocks in spawnSync, here on a server instead of the build.
    await writeFile(
      step,
      `require('node:child_process').spawnSync(process.execPath, ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('READY ' + this.address().port); })"], { stdio: 'inherit' });`,
    );
    const runChild = pathToFileURL(path.join(REPO_ROOT, 'scripts/run-child.mjs')).href;
    started = await startProcess(
      process.execPath,
      [
        '--input-type=module',
        '--eval',
        `import { exitLike, runChild } from ${JSON.stringify(runChild)}; exitLike(await runChild(process.execPath, [${JSON.stringify(step)}]));`,
      ],
      { name: 'step', ready: /READY (\d+)/ },
    );
    const exit = await signalAndExpectAllGone('SIGTERM', Number(started.ready[1]));
    // The step died of the signal (spawnSync leaves no room for a handler): so says the wrapper.
    expect(exit).toEqual({ code: 143, signal: null });
  });
});

describe('scripts/with-keyring.sh CMD', () => {
  /** with-keyring.sh with its temp folder in a folder of the test's, to see that it is removed. */
  async function withKeyring(command: string[], ready: RegExp) {
    const tmp = await tempDir('tcr-signals-keyring-');
    started = await startProcess('bash', [path.join(REPO_ROOT, 'scripts/with-keyring.sh'), ...command], {
      name: 'with-keyring',
      ready,
      env: { ...process.env, TMPDIR: tmp, KEYRING_MODE: 'unlocked' },
    });
    return tmp;
  }

  it('SIGTERM stops CMD with the server its child runs, the private bus and the keyring, and removes its files', async () => {
    const dir = await tempDir('tcr-signals-cmd-');
    const script = path.join(dir, 'parent.cjs');
    // A parent without a SIGTERM handler and a child server: the parent's death alone leaves
    // the server running.
    await writeFile(
      script,
      `const { spawn } = require('node:child_process');
      spawn(process.execPath, ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('READY ' + this.address().port); })"], { stdio: 'inherit' });
      setInterval(() => {}, 60_000);`,
    );
    const tmp = await withKeyring([process.execPath, script], /READY (\d+)/);
    const names = descendantsOf(started!.child.pid!).map((stat) => stat.name);
    expect(names).toEqual(expect.arrayContaining(['dbus-daemon', 'gnome-keyring-d']));

    const exit = await signalAndExpectAllGone('SIGTERM', Number(started!.ready[1]));
    expect(exit).toEqual({ code: 143, signal: null });
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('SIGINT and SIGHUP stop a shell CMD and the long sleep it waits for', async () => {
    for (const [signal, status] of [
      ['SIGINT', 130],
      ['SIGHUP', 129],
    ] as const) {
      const tmp = await withKeyring(['sh', '-c', 'echo READY; sleep 300; echo never'], /READY/);
      // The shell forks its sleep right after the echo.
      expect(await eventually(() => descendantsOf(started!.child.pid!).some((s) => s.name === 'sleep'), 5_000)).toBe(
        true,
      );
      tree = descendantsOf(started!.child.pid!);
      const exited = exitWithin(started!, STOPPED_WITHIN_MS);
      started!.child.kill(signal);
      expect(await exited).toEqual({ code: status, signal: null });
      const left = () => tree.filter((stat) => alive(stat.pid)).map((stat) => stat.name);
      expect(await eventually(() => left().length === 0, STOPPED_WITHIN_MS), `left: ${left().join(', ')}`).toBe(true);
      expect(readdirSync(tmp)).toEqual([]);
      tree = [];
      started = undefined;
    }
  });
});
