import type { TestInfo } from '@playwright/test';
import path from 'node:path';
import { startProcess } from '../../shared/child-process.js';
import { REPO_ROOT } from '../../shared/repo-root.js';
import { makeTempDir } from '../../shared/temp-dir.js';
import { attachOnFailure } from './attach.js';

export interface RunningHost {
  url: string;
  userDataDir: string;
  tccliDir: string;
  output: () => string;
  stop(): Promise<void>;
}

export interface HostOptions {
  /** Made in the OS temp folder when not given (and then left there: the `host` fixture removes its own). */
  userDataDir?: string;
  tccliDir?: string;
  env?: NodeJS.ProcessEnv;
  lang?: string;
}

/** Starts the built browser host the way a user does (`npm run web` runs the same file). */
export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const userDataDir = options.userDataDir ?? (await makeTempDir('tcr-e2e-data-'));
  const tccliDir = options.tccliDir ?? (await makeTempDir('tcr-e2e-tccli-'));
  const host = await startProcess(
    process.execPath,
    [path.join(REPO_ROOT, 'out/main/web-host.cjs'), '--port', '0', '--user-data', userDataDir, '--tccli-dir', tccliDir],
    {
      name: 'web host',
      // The language is set last: `env` may be a whole environment (e.g. a keyring's), with its own LANG.
      env: { ...process.env, ...options.env, LANG: options.lang ?? 'en_US.UTF-8', LC_ALL: '' },
      ready: /^URL: (\S+)$/m,
    },
  );
  return { url: host.ready[1] ?? '', userDataDir, tccliDir, output: host.output, stop: host.stop };
}

/**
 * The host of one test (the `host` fixture): the same data and tccli folders and environment
 * across restarts, and one log of every run.
 */
export class TestHost implements RunningHost {
  private running: RunningHost | undefined;
  private earlierOutput = '';

  constructor(private readonly options: HostOptions & { userDataDir: string; tccliDir: string }) {}

  get userDataDir(): string {
    return this.options.userDataDir;
  }

  get tccliDir(): string {
    return this.options.tccliDir;
  }

  /** Where the page opens the app; it changes at every start. */
  get url(): string {
    if (!this.running) throw new Error('the web host is not running');
    return this.running.url;
  }

  output(): string {
    return this.earlierOutput + (this.running?.output() ?? '');
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('the web host is already running');
    this.running = await startHost(this.options);
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    await running.stop();
    this.earlierOutput += `${running.output()}--- stopped ---\n`;
    this.running = undefined;
  }

  /** Stops the host and starts it again on the same data, as a user quitting and reopening the app. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

/** Stops a host after a test; when the test failed, the host's output is attached to its report. */
export async function stopHost(host: RunningHost | undefined, testInfo: TestInfo): Promise<void> {
  if (!host) return;
  await host.stop();
  await attachOnFailure(testInfo, 'web-host.log', host.output());
}
