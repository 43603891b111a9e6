import { fork, type ChildProcess } from 'node:child_process';
import {
  KeychainError,
  type KeychainFailure,
  type KeychainOperation,
  type KeychainWaitState,
  type KeychainWorkerOp,
  type KeychainWorkerRequest,
  type KeychainWorkerResponse,
  type SecretStore,
} from './keychain-types.js';

export interface KeychainClientOptions {
  /** The bundled keychain-worker.cjs. */
  workerPath: string;
  /** Read at the start of every call, so a changed setting applies to the next call. */
  timeoutMs: () => number;
  /** How long a call may take before onWait listeners hear about it (default 700 ms). */
  waitNoticeMs?: number;
  /** Runtime for the worker (default process.execPath; in Electron that runs as Node). */
  execPath?: string;
  env?: NodeJS.ProcessEnv;
}

type WorkerValue = string | boolean | null;

interface Call {
  request: Omit<KeychainWorkerRequest, 'id'>;
  resolve: (value: WorkerValue) => void;
  reject: (error: KeychainError) => void;
}

interface Running {
  call: Call;
  id: number;
  child: ChildProcess;
  noticed: boolean;
  timers: NodeJS.Timeout[];
}

const OPERATION: Record<KeychainWorkerOp, KeychainOperation> = {
  set: 'save',
  get: 'read',
  delete: 'delete',
  probe: 'probe',
};

const FAILURES: readonly KeychainFailure[] = ['unavailable', 'locked', 'timeout', 'cancelled', 'failed'];
const DEFAULT_WAIT_NOTICE_MS = 700;
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** close() lets an idle worker exit on its own for this long before killing it. */
const CLOSE_GRACE_MS = 1000;

/**
 * SecretStore backed by one long-lived worker process (keychain-worker.ts), forked on first use.
 * Calls run one at a time: an unlock prompt opened by one call would otherwise race the next.
 * A call that outlives the timeout (or is cancelled) has its worker killed, because a native
 * call blocked on a prompt cannot be interrupted any other way; queued calls then get a fresh one.
 */
export class KeychainClient implements SecretStore {
  readonly #options: KeychainClientOptions;
  readonly #queue: Call[] = [];
  readonly #listeners = new Set<(state: KeychainWaitState) => void>();
  #child: ChildProcess | undefined;
  #running: Running | undefined;
  #nextId = 1;

  constructor(options: KeychainClientOptions) {
    this.#options = options;
  }

  async set(account: string, secret: string): Promise<void> {
    await this.#enqueue({ op: 'set', account, secret });
  }

  async get(account: string): Promise<string | null> {
    const value = await this.#enqueue({ op: 'get', account });
    if (value !== null && typeof value !== 'string') throw unexpectedAnswer('read');
    return value;
  }

  async delete(account: string): Promise<boolean> {
    const value = await this.#enqueue({ op: 'delete', account });
    if (typeof value !== 'boolean') throw unexpectedAnswer('delete');
    return value;
  }

  async probe(): Promise<void> {
    await this.#enqueue({ op: 'probe' });
  }

  cancel(): void {
    this.#abortRunning('cancelled', 'The keychain request was cancelled.');
  }

  onWait(listener: (state: KeychainWaitState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops the worker and rejects pending calls as cancelled; a later call starts a new worker. */
  async close(): Promise<void> {
    const child = this.#running?.child ?? this.#child;
    for (const call of this.#queue.splice(0)) {
      call.reject(new KeychainError('cancelled', 'The keychain helper was closed.'));
    }
    this.#abortRunning('cancelled', 'The keychain helper was closed.');
    this.#child = undefined;
    if (child) await stop(child);
  }

  #enqueue(request: Call['request']): Promise<WorkerValue> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.#next();
    });
  }

  #next(): void {
    if (this.#running) return;
    const call = this.#queue.shift();
    if (!call) {
      // An idle worker must not keep the app (or a CLI script) alive.
      this.#child?.unref();
      this.#child?.channel?.unref();
      return;
    }
    let child: ChildProcess;
    try {
      child = this.#spawnedChild();
    } catch (error) {
      call.reject(new KeychainError('failed', `Could not start the keychain helper: ${describe(error)}`));
      this.#next();
      return;
    }
    child.ref();
    child.channel?.ref();

    const id = this.#nextId++;
    const timeoutMs = clampTimeout(this.#options.timeoutMs());
    const since = new Date();
    const operation = OPERATION[call.request.op];
    const running: Running = { call, id, child, noticed: false, timers: [] };
    running.timers.push(
      setTimeout(() => {
        running.noticed = true;
        this.#emit({ waiting: true, operation, since, timeoutMs });
      }, this.#options.waitNoticeMs ?? DEFAULT_WAIT_NOTICE_MS),
      setTimeout(() => {
        this.#abortRunning('timeout', `The keychain did not answer within ${formatMs(timeoutMs)}.`);
      }, timeoutMs),
    );
    this.#running = running;
    child.send({ id, ...call.request } satisfies KeychainWorkerRequest, (error) => {
      if (error && this.#running === running) {
        this.#discard(child);
        this.#finish(running, new KeychainError('failed', `Could not reach the keychain helper: ${error.message}`));
      }
    });
  }

  #spawnedChild(): ChildProcess {
    if (this.#child) return this.#child;
    const child = fork(this.#options.workerPath, [], {
      ...(this.#options.execPath ? { execPath: this.#options.execPath } : {}),
      // The parent's flags (Electron's, a test runner's loaders) mean nothing to the worker.
      execArgv: [],
      env: { ...(this.#options.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.on('message', (message: unknown) => this.#onMessage(child, message));
    child.on('exit', (code, signal) => {
      this.#onGone(child, `The keychain helper stopped unexpectedly (${exitDescription(code, signal)}).`);
    });
    // 'error' covers a failed spawn or a broken channel; 'exit' may or may not follow it.
    child.on('error', (error) => {
      this.#discard(child);
      this.#onGone(child, `The keychain helper failed: ${error.message}`);
    });
    this.#child = child;
    return child;
  }

  #onMessage(child: ChildProcess, message: unknown): void {
    const running = this.#running;
    if (!running || running.child !== child || !isResponse(message) || message.id !== running.id) return;
    if (message.ok) {
      this.#finish(running, message.value);
    } else {
      const kind = FAILURES.includes(message.kind) ? message.kind : 'failed';
      this.#finish(running, new KeychainError(kind, message.message));
    }
  }

  #onGone(child: ChildProcess, message: string): void {
    if (this.#child === child) this.#child = undefined;
    const running = this.#running;
    if (running?.child === child) this.#finish(running, new KeychainError('failed', message));
  }

  #abortRunning(kind: KeychainFailure, message: string): void {
    const running = this.#running;
    if (!running) return;
    this.#discard(running.child);
    this.#finish(running, new KeychainError(kind, message));
  }

  /** Forgets the worker before killing it, so its exit is not reported as a crash. */
  #discard(child: ChildProcess): void {
    if (this.#child === child) this.#child = undefined;
    child.kill('SIGKILL');
  }

  #finish(running: Running, outcome: WorkerValue | KeychainError): void {
    if (this.#running !== running) return;
    this.#running = undefined;
    running.timers.forEach(clearTimeout);
    if (running.noticed) this.#emit({ waiting: false });
    if (outcome instanceof KeychainError) running.call.reject(outcome);
    else running.call.resolve(outcome);
    this.#next();
  }

  #emit(state: KeychainWaitState): void {
    for (const listener of this.#listeners) {
      // A broken listener must not break the keychain call it is watching.
      try {
        listener(state);
      } catch (error) {
        console.error('KeychainClient: an onWait listener threw', error);
      }
    }
  }
}

function isResponse(message: unknown): message is KeychainWorkerResponse {
  return typeof message === 'object' && message !== null && 'id' in message && 'ok' in message;
}

function unexpectedAnswer(operation: KeychainOperation): KeychainError {
  return new KeychainError('failed', `The keychain helper gave an unexpected answer to ${operation}.`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function exitDescription(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`;
}

/** setTimeout fires at once for Infinity or anything above 2^31-1 ms; treat those as "very long". */
function clampTimeout(ms: number): number {
  return Number.isNaN(ms) ? DEFAULT_TIMEOUT_MS : Math.min(Math.max(ms, 1), MAX_TIMER_MS);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} seconds`;
}

/**
 * Lets an idle worker exit by closing its channel and kills it if it does not. Gives up waiting
 * after a second grace period: a process that never started sends no 'exit'.
 */
function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timers = [setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS), setTimeout(done, 2 * CLOSE_GRACE_MS)];
    function done(): void {
      timers.forEach(clearTimeout);
      resolve();
    }
    child.once('exit', done);
    if (child.connected) child.disconnect();
  });
}
