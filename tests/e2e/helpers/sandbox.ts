import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

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
  /** Replaces the injected faults (`POST /__sandbox/faults`); `[]` clears them. */
  setFaults(rules: object[]): Promise<void>;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Starts the built sandbox the way `npm run sandbox` does and reads its credentials file. */
export async function startStandaloneSandbox(): Promise<StandaloneSandbox> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tcr-e2e-sandbox-'));
  const out = path.join(dir, 'credentials.json');
  const child = spawn(
    process.execPath,
    [path.join(root, 'out/main/sandbox.cjs'), '--port', '0', '--credentials-out', out],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${log}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      log += d.toString();
      if (/^Sandbox: /m.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}:\n${log}`));
    });
  });
  const credentials = JSON.parse(await readFile(out, 'utf8')) as Omit<StandaloneSandbox, 'stop'>;
  return {
    ...credentials,
    setFaults: async (rules) => {
      const response = await fetch(`${credentials.endpoint}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(rules),
      });
      if (!response.ok) throw new Error(`faults refused: ${await response.text()}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
