/**
 * KeychainClient against a fake worker (fixtures/fake-keychain-worker.mjs) that can hang, crash
 * or dawdle on command: timeouts, cancel, wait notices, respawn and queueing, deterministically.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainClient, type KeychainClientOptions } from '../../src-main/accounts/keychain-client.js';
import type { KeychainWaitState } from '../../src-main/accounts/keychain-types.js';
import { failureOf } from '../shared/failure-of.js';
import { REPO_ROOT } from '../shared/repo-root.js';
import { withTempDir } from '../shared/temp-dir.js';

const FAKE_WORKER = fileURLToPath(new URL('./fixtures/fake-keychain-worker.mjs', import.meta.url));

const clients: KeychainClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function makeClient(options: Partial<KeychainClientOptions> = {}): KeychainClient {
  const client = new KeychainClient({ workerPath: FAKE_WORKER, timeoutMs: () => 5000, ...options });
  clients.push(client);
  return client;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function workerPid(client: KeychainClient): Promise<number> {
  return Number(await client.get('pid'));
}

describe('KeychainClient', () => {
  it('saves, reads, deletes and probes through the worker', async () => {
    const client = makeClient();
    await client.set('profile:a', 'secret-a');
    expect(await client.get('profile:a')).toBe('secret-a');
    expect(await client.delete('profile:a')).toBe(true);
    expect(await client.delete('profile:a')).toBe(false);
    expect(await client.get('profile:a')).toBeNull();
    await expect(client.probe()).resolves.toBeUndefined();
  });

  it('runs the worker as Node, with the environment it was given', async () => {
    const client = makeClient({ env: { ...process.env, TCR_TEST_MARKER: 'from-options' } });
    expect(await client.get('env:ELECTRON_RUN_AS_NODE')).toBe('1');
    expect(await client.get('env:TCR_TEST_MARKER')).toBe('from-options');
  });

  it('passes on the failure kind the worker reports, and keeps the worker', async () => {
    const client = makeClient();
    const pid = await workerPid(client);
    for (const kind of ['unavailable', 'locked', 'failed'] as const) {
      const { error } = await failureOf(client.get(`fail:${kind}`));
      expect(error.kind).toBe(kind);
      expect(error.message).toBe(`Fake failure (${kind}).`);
    }
    expect(await workerPid(client)).toBe(pid);
  });

  it('times out a call that gets no answer, kills its worker, and runs queued calls on a new one', async () => {
    const client = makeClient({ timeoutMs: () => 300 });
    const firstPid = await workerPid(client);

    const hung = failureOf(client.get('hang'));
    const queued = workerPid(client);
    const { error, elapsedMs } = await hung;

    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('The keychain did not answer within 300 ms.');
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(800);
    expect(await queued).not.toBe(firstPid);
    await expect.poll(() => isAlive(firstPid)).toBe(false);
  });

  it('reads the timeout afresh for every call', async () => {
    let timeoutMs = 200;
    const client = makeClient({ timeoutMs: () => timeoutMs });
    expect((await failureOf(client.get('hang'))).elapsedMs).toBeLessThan(450);
    timeoutMs = 600;
    expect((await failureOf(client.get('hang'))).elapsedMs).toBeGreaterThanOrEqual(590);
  });

  it('cancels the waiting call at once and carries on with a new worker', async () => {
    const client = makeClient({ timeoutMs: () => 10_000 });
    const firstPid = await workerPid(client);
    const hung = failureOf(client.get('hang'));
    await new Promise((resolve) => setTimeout(resolve, 100));

    client.cancel();
    const { error, elapsedMs } = await hung;

    expect(error.kind).toBe('cancelled');
    expect(elapsedMs).toBeLessThan(500);
    expect(await workerPid(client)).not.toBe(firstPid);
    client.cancel(); // Nothing is waiting: nothing happens.
    expect(await client.get('profile:x')).toBeNull();
  });

  it('tells listeners when a call waits long enough to mention, and when it ends', async () => {
    const client = makeClient({ waitNoticeMs: 100 });
    const states: KeychainWaitState[] = [];
    const unsubscribe = client.onWait((state) => states.push(state));
    const started = Date.now();

    await client.get('slow:300');
    await client.get('profile:fast');

    expect(states).toEqual([
      { waiting: true, operation: 'read', since: expect.any(Date), timeoutMs: 5000 },
      { waiting: false },
    ]);
    expect(Math.abs((states[0]?.since?.getTime() ?? 0) - started)).toBeLessThan(100);

    unsubscribe();
    await client.get('slow:200');
    expect(states).toHaveLength(2);
  });

  it('names the operation that is waiting', async () => {
    const client = makeClient({ waitNoticeMs: 50 });
    const operations: unknown[] = [];
    client.onWait((state) => state.waiting && operations.push(state.operation));

    await client.set('slow:150', 'value');
    await client.delete('slow:150');
    await client.set('probe-mode', 'slow:150');
    await client.probe();

    expect(operations).toEqual(['save', 'delete', 'probe']);
  });

  it('ends the wait notice when the call times out', async () => {
    const client = makeClient({ waitNoticeMs: 100, timeoutMs: () => 300 });
    const states: boolean[] = [];
    client.onWait((state) => states.push(state.waiting));

    await failureOf(client.get('hang'));

    expect(states).toEqual([true, false]);
  });

  it('reports a crashed worker as failed and starts a new one for the next call', async () => {
    const client = makeClient();
    await client.set('profile:kept', 'in-memory');

    const crashed = await failureOf(client.get('crash'));
    expect(crashed.error.kind).toBe('failed');
    expect(crashed.error.message).toMatch(/exit code 3/);
    // The fake keeps its store in memory: a new worker knows nothing of it.
    expect(await client.get('profile:kept')).toBeNull();

    const killed = await failureOf(client.get('selfkill'));
    expect(killed.error.kind).toBe('failed');
    expect(killed.error.message).toMatch(/SIGKILL/);
    expect(await client.get('profile:kept')).toBeNull();
  });

  it('runs one call at a time, in the order they were made', async () => {
    const client = makeClient();
    await client.probe(); // Start the worker first, so only the calls are timed.
    const finished: number[] = [];
    const started = Date.now();

    await Promise.all(
      ['slow:150', 'slow:150', 'slow:150'].map((account, i) => client.get(account).then(() => finished.push(i))),
    );

    expect(Date.now() - started).toBeGreaterThanOrEqual(440);
    expect(finished).toEqual([0, 1, 2]);
  });

  it('rejects an answer of the wrong type as failed', async () => {
    const { error } = await failureOf(makeClient().get('badvalue'));
    expect(error.kind).toBe('failed');
  });

  it('reports a worker that cannot start as failed', async () => {
    const missingScript = await failureOf(makeClient({ workerPath: '/nonexistent/worker.cjs' }).probe());
    expect(missingScript.error.kind).toBe('failed');
    expect(missingScript.error.message).toMatch(/exit code 1/);

    const missingRuntime = await failureOf(makeClient({ execPath: '/nonexistent/node' }).probe());
    expect(missingRuntime.error.kind).toBe('failed');
    expect(missingRuntime.error.message).toMatch(/ENOENT/);
  });

  it('close stops the worker and cancels pending calls; a later call starts a new worker', async () => {
    const client = makeClient({ timeoutMs: () => 10_000 });
    const firstPid = await workerPid(client);
    const hung = failureOf(client.get('hang'));
    const queued = failureOf(client.get('profile:x'));

    await client.close();

    expect((await hung).error.kind).toBe('cancelled');
    expect((await queued).error.kind).toBe('cancelled');
    expect(isAlive(firstPid)).toBe(false);
    expect(await workerPid(client)).not.toBe(firstPid);
  });

  it('does not keep its process alive once idle', async () => {
    await withTempDir('keychain-client-', async (dir) => {
      const script = join(dir, 'idle.mjs');
      const { outputFiles } = await build({
        stdin: {
          contents: [
            "import { KeychainClient } from './src-main/accounts/keychain-client.ts';",
            `const client = new KeychainClient({ workerPath: ${JSON.stringify(FAKE_WORKER)}, timeoutMs: () => 5000 });`,
            "await client.set('a', 'b');",
            "console.log(await client.get('a'));",
          ].join('\n'),
          resolveDir: REPO_ROOT,
          loader: 'ts',
        },
        bundle: true,
        format: 'esm',
        platform: 'node',
        write: false,
      });
      await writeFile(script, outputFiles[0]?.text ?? '');

      const started = Date.now();
      const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 4000 });

      expect(stdout).toBe('b\n');
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
});
