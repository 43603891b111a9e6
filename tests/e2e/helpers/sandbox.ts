import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startProcess, type StartedProcess } from '../../shared/child-process.js';
import { REPO_ROOT } from '../../shared/repo-root.js';
import { sandboxControl } from '../../shared/sandbox-control.js';
import { makeTempDir, removeDir } from '../../shared/temp-dir.js';

export interface StandaloneSandbox {
  endpoint: string;
  accounts: {
    name: string;
    uin: string;
    secretId: string;
    secretKey: string;
    instances: {
      registryId: string;
      registryName: string;
      registryType: string;
      regionId: number;
      regionName: string;
    }[];
  }[];
  /** One of the demo accounts, by its index (the test fails when there is none). */
  account(index: number): StandaloneSandbox['accounts'][number];
  /** What a user types to add one of its accounts by hand: a name, its endpoint and the account's keys. */
  profile(name: string, accountIndex: number): { name: string; endpoint: string; secretId: string; secretKey: string };
  /** Replaces the injected faults (`POST /__sandbox/faults`); `[]` clears them. */
  setFaults(rules: object[]): Promise<void>;
  /** What it printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StandaloneSandboxOptions {
  /** How long a sync run takes (`--run-time-ms`); the sandbox's default is 4000. */
  runTimeMs?: number;
  /** `false`: no pushes now and then (`--no-activity`). */
  activity?: boolean;
  /** Faults injected from the start, as for `setFaults`. */
  faults?: object[];
  /** `in-process`: each demo instance with content backed by a real OCI registry (`--registries`). */
  registries?: 'in-process' | 'none';
}

/**
 * Starts the built sandbox the way `npm run sandbox` does and reads its credentials file, which
 * is deleted (with its folder) as soon as it is read.
 */
export async function startStandaloneSandbox(options: StandaloneSandboxOptions = {}): Promise<StandaloneSandbox> {
  const dir = await makeTempDir('tcr-e2e-sandbox-');
  const out = path.join(dir, 'credentials.json');
  const args = [path.join(REPO_ROOT, 'out/main/sandbox.cjs'), '--port', '0', '--credentials-out', out];
  if (options.runTimeMs !== undefined) args.push('--run-time-ms', String(options.runTimeMs));
  if (options.activity === false) args.push('--no-activity');
  if (options.registries !== undefined) args.push('--registries', options.registries);

  let sandbox: StartedProcess | undefined;
  try {
    sandbox = await startProcess(process.execPath, args, { name: 'sandbox', ready: /^Sandbox: /m });
    const credentials = JSON.parse(await readFile(out, 'utf8')) as Pick<StandaloneSandbox, 'endpoint' | 'accounts'>;
    const setFaults = async (rules: object[]) => {
      const response = await sandboxControl(credentials.endpoint, 'faults', rules);
      if (response.status !== 200) throw new Error(`faults refused: ${JSON.stringify(response.body)}`);
    };
    if (options.faults) await setFaults(options.faults);
    const account = (index: number) => {
      const found = credentials.accounts[index];
      if (!found) throw new Error(`the sandbox has no account #${index}`);
      return found;
    };
    const profile = (name: string, accountIndex: number) => {
      const { secretId, secretKey } = account(accountIndex);
      return { name, endpoint: credentials.endpoint, secretId, secretKey };
    };
    return { ...credentials, account, profile, setFaults, output: sandbox.output, stop: sandbox.stop };
  } catch (error) {
    await sandbox?.stop();
    throw error;
  } finally {
    await removeDir(dir);
  }
}
