// A docker-registry whose Bearer token service is a sandbox (`auth: token` realm = the sandbox's
// /service/token, service = the instance's registry id, trusting the sandbox's certificate), as a
// TCR instance's registry trusts Harbor core. Fixtures go in with skopeo and instance tokens.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningSandbox } from '../../../src-main/sandbox/index.js';
import { freePort } from './registry.js';

const run = promisify(execFile);

export interface SandboxTokenRegistry {
  url: string;
  host: string;
  stop: () => Promise<void>;
}

export async function startSandboxTokenRegistry(
  sandbox: RunningSandbox,
  registryId: string,
): Promise<SandboxTokenRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'tcr-sandbox-registry-'));
  const auth = sandbox.registryTokenAuth();
  await writeFile(join(dir, 'token.crt'), auth.certificatePem);
  const port = await freePort();
  const config =
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n` +
    `storage:\n  filesystem:\n    rootdirectory: ${join(dir, 'storage')}\n` +
    `http:\n  addr: 127.0.0.1:${port}\n  secret: test-secret-${randomUUID()}\n` +
    `auth:\n  token:\n    realm: ${auth.realm}\n    service: ${registryId}\n` +
    `    issuer: ${auth.issuer}\n    rootcertbundle: ${join(dir, 'token.crt')}\n`;
  await writeFile(join(dir, 'config.yml'), config);
  const child = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(`${url}/v2/`);
      await response.body?.cancel();
      break;
    } catch {
      if (child.exitCode !== null || attempt > 200) {
        await stop();
        throw new Error(`docker-registry did not start: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { url, host: `127.0.0.1:${port}`, stop };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/** `skopeo copy --all oci:<layout>:<tag> docker://<host>/<ref>` with an instance token. */
export async function skopeoPushAs(
  layoutDir: string,
  tag: string,
  host: string,
  ref: string,
  creds: { username: string; password: string },
): Promise<void> {
  await run(
    'skopeo',
    [
      '--insecure-policy',
      'copy',
      '--all',
      '--quiet',
      '--dest-creds',
      `${creds.username}:${creds.password}`,
      '--dest-tls-verify=false',
      `oci:${layoutDir}:${tag}`,
      `docker://${host}/${ref}`,
    ],
    { timeout: 60_000 },
  );
}

/** The digest skopeo reads for a reference, with an instance token. */
export async function skopeoDigestAs(
  host: string,
  ref: string,
  creds: { username: string; password: string },
): Promise<string> {
  const { stdout } = await run(
    'skopeo',
    [
      '--insecure-policy',
      'inspect',
      '--format',
      '{{.Digest}}',
      '--tls-verify=false',
      '--creds',
      `${creds.username}:${creds.password}`,
      `docker://${host}/${ref}`,
    ],
    { timeout: 60_000 },
  );
  return stdout.trim();
}
