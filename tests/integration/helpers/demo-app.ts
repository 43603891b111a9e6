import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createAppCore, type AppCore } from '../../../src-main/app/create-app.js';
import type { AppError, Channel, InputOf, OutputOf } from '../../../src-main/contract/index.js';
import { demoSeed, startSandbox, type RunningSandbox } from '../../../src-main/sandbox/index.js';
import { TcrGateway } from '../../../src-main/tcr/index.js';
import { WORKER_PATH } from './worker-path.js';

/** The demo world's clock: the seed's rules and runs are dated from it. */
export const DEMO_NOW = Date.parse('2026-11-28T10:00:00.000Z');

export type Call = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

/**
 * The app through its own router, with the embedded sandbox (demo seed) as its cloud, in a temp
 * dir; and a gateway that asks the sandbox with each demo account's own keys, to check what the
 * cloud holds without going through the app.
 */
export interface DemoApp {
  sandbox: RunningSandbox;
  dir: string;
  /** The running app (a new one after `restart`). */
  core: AppCore;
  /** Asks the sandbox as the demo account whose uin is the target's `profileId`. */
  gateway: TcrGateway;
  /** A channel's answer, or the error envelope thrown as an Error carrying the AppError's fields. */
  call: Call;
  /** Stops the app and starts a new one on the same user-data dir (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface DemoAppOptions {
  /** Called with each app before it starts (to listen to its events from the first one). */
  onCore?: (core: AppCore) => void;
}

export async function startDemoApp(prefix: string, options: DemoAppOptions = {}): Promise<DemoApp> {
  const sandbox = await startSandbox({ port: 0, runTimeMs: 200, seed: demoSeed(DEMO_NOW) });
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const start = async (): Promise<AppCore> => {
    const core = createAppCore({
      userDataDir: dir,
      host: 'browser',
      systemLocale: 'en-US',
      version: 'test',
      keychainWorkerPath: WORKER_PATH,
      tccliDir: path.join(dir, 'tccli'),
      isTrustedSender: () => true,
      startSandbox: async () => ({ ...sandbox, close: async () => undefined }),
    });
    options.onCore?.(core);
    await core.start();
    return core;
  };
  const keys = new Map(sandbox.accounts.map((a) => [a.uin, { secretId: a.secretId, secretKey: a.secretKey }]));
  const gateway = new TcrGateway({
    keysFor: async (uin) => {
      const pair = keys.get(uin);
      if (!pair) throw new Error(`no keys for ${uin}`);
      return pair;
    },
  });
  const app: DemoApp = {
    sandbox,
    dir,
    core: await start(),
    gateway,
    call: async (channel, input) => {
      const result = await app.core.router.call(channel, input, { origin: 'test' });
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
      return result.value;
    },
    async restart() {
      await app.core.stop();
      app.core = await start();
    },
    async close() {
      gateway.close();
      await app.core.stop();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return app;
}

/** The error a call was refused with (the test fails when it was not). */
export async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as AppError;
}
