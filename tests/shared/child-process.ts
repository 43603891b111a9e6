/**
 * A program the tests start and stop: the browser host, the standalone sandbox, a private
 * keyring. Started, it has said on stdout that it is ready; stopped, it has exited — asked
 * politely first, then killed, so that no test leaves a process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** How to ask a process to stop: close its stdin, or send a signal. */
export type StopStep = 'close-stdin' | NodeJS.Signals;

export interface ProcessOptions {
  /** What to call it in errors, e.g. 'web host'. */
  name: string;
  env?: NodeJS.ProcessEnv;
  /** It is ready once its stdout matches this. */
  ready: RegExp;
  /** How long it may take to get ready before it is stopped and the start fails. */
  readyTimeoutMs?: number;
  /** What stop() tries, in order, each given `graceMs` to work; SIGKILL comes last anyway. */
  stopSteps?: StopStep[];
  graceMs?: number;
}

export interface StartedProcess {
  readonly child: ChildProcess;
  /** The match of `ready` on its stdout. */
  readonly ready: RegExpExecArray;
  /** Its stdout and stderr so far, in the order they arrived. */
  output: () => string;
  /** Stops it (see `stopSteps`) and resolves once it has exited. Safe to call again. */
  stop: () => Promise<void>;
}

/** Resolves after `ms`, or as soon as `promise` settles; leaves no timer behind. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export async function startProcess(file: string, args: string[], options: ProcessOptions): Promise<StartedProcess> {
  const steps = options.stopSteps ?? ['SIGTERM'];
  const graceMs = options.graceMs ?? 5_000;
  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
  const child = spawn(file, args, {
    env: options.env ?? process.env,
    stdio: [steps.includes('close-stdin') ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  // A program that exits without reading its stdin makes writes and the final close fail with EPIPE.
  child.stdin?.on('error', () => undefined);

  let log = '';
  let stdout = '';
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    // A program that cannot be started at all emits 'error' (and maybe no 'exit').
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  const running = () => spawnError === undefined && child.exitCode === null && child.signalCode === null;

  const stop = async (): Promise<void> => {
    for (const step of [...steps, 'SIGKILL' as const]) {
      if (!running()) return;
      if (step === 'close-stdin') child.stdin?.end();
      else child.kill(step);
      await within(exited, step === 'SIGKILL' ? 60_000 : graceMs);
    }
  };

  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${options.name} was not ready within ${readyTimeoutMs} ms:\n${log}`));
    }, readyTimeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      stdout += chunk.toString();
      const match = options.ready.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      const how = spawnError?.message ?? `exited with ${child.exitCode ?? child.signalCode}`;
      reject(new Error(`${options.name} ${how}:\n${log}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  return { child, ready, output: () => log, stop };
}
