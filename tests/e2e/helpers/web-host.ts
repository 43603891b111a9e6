import type { TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface RunningHost {
  url: string;
  userDataDir: string;
  tccliDir: string;
  output: () => string;
  stop(): Promise<void>;
}

export interface HostOptions {
  userDataDir?: string;
  tccliDir?: string;
  env?: NodeJS.ProcessEnv;
  lang?: string;
}

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Starts the built browser host the way a user does (`npm run web` runs the same file). */
export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tcr-e2e-data-')));
  const tccliDir = options.tccliDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tcr-e2e-tccli-')));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'out/main/web-host.cjs'), '--port', '0', '--user-data', userDataDir, '--tccli-dir', tccliDir],
    {
      env: { ...process.env, LANG: options.lang ?? 'en_US.UTF-8', LC_ALL: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not print its URL:\n${log}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
      const match = /^URL: (\S+)$/m.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    userDataDir,
    tccliDir,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Stops a host after a test; when the test failed, the host's output is attached to its report. */
export async function stopHost(host: RunningHost | undefined, testInfo: TestInfo): Promise<void> {
  if (!host) return;
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('web-host.log', { body: host.output(), contentType: 'text/plain' });
  }
  await host.stop();
}
