// Real registries for the OCI client's tests: Debian's `docker-registry` (CNCF distribution 2.8)
// on 127.0.0.1 with a temporary storage directory, behind htpasswd Basic auth or Docker token
// (Bearer) auth with a token service run here in Node. Fixtures go in with `skopeo`.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REGISTRY_USER = 'syncer';
export const REGISTRY_PASSWORD = 'pa55-word';
/** A user the token service lets pull but never push. */
export const READER_USER = 'reader';
export const READER_PASSWORD = 'reader-pass';

export type RegistryAuth = 'basic' | 'bearer';

export interface TestRegistry {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, for skopeo's docker:// references. */
  host: string;
  storageDir: string;
  /** The token service's requests so far (bearer only). */
  tokenRequests: { scopes: string[]; user: string | null | undefined }[];
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startRegistry(auth: RegistryAuth = 'basic'): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'tcr-registry-'));
  const storageDir = join(dir, 'storage');
  const port = await freePort();
  const tokenRequests: TestRegistry['tokenRequests'] = [];
  let tokenServer: Server | undefined;
  let authConfig: string;
  if (auth === 'basic') {
    const { stdout } = await run('htpasswd', ['-Bbn', REGISTRY_USER, REGISTRY_PASSWORD]);
    await writeFile(join(dir, 'htpasswd'), stdout.trim() + '\n');
    authConfig = `auth:\n  htpasswd:\n    realm: test-registry\n    path: ${join(dir, 'htpasswd')}\n`;
  } else {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=test-token-service',
      '-keyout',
      join(dir, 'token.key'),
      '-out',
      join(dir, 'token.crt'),
    ]);
    const key = createPrivateKey(await readFile(join(dir, 'token.key')));
    const cert = new X509Certificate(await readFile(join(dir, 'token.crt')));
    tokenServer = await startTokenService(key, cert, tokenRequests);
    const tokenPort = (tokenServer.address() as AddressInfo).port;
    authConfig =
      `auth:\n  token:\n    realm: http://127.0.0.1:${tokenPort}/token\n    service: test-registry\n` +
      `    issuer: test-token-service\n    rootcertbundle: ${join(dir, 'token.crt')}\n`;
  }
  const config =
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n` +
    `storage:\n  filesystem:\n    rootdirectory: ${storageDir}\n  delete:\n    enabled: true\n` +
    `http:\n  addr: 127.0.0.1:${port}\n  secret: test-secret-${randomUUID()}\n` +
    authConfig;
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
  const stop = async (): Promise<void> => {
    await killTree(child);
    if (tokenServer) await new Promise<void>((resolve) => tokenServer.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, host: `127.0.0.1:${port}`, storageDir, tokenRequests, stop };
}

async function waitUntilUp(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  // Polls /v2/ until it answers (401 is "up"); the registry starts in well under a second.
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr()}`);
    try {
      const response = await fetch(`${url}/v2/`);
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`docker-registry did not start: ${stderr()}`);
}

/** SIGTERM to the registry's whole process group, SIGKILL if it lingers. */
async function killTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

// ---- the token service (Docker token auth, as distribution 2.8 verifies it) ----

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

async function startTokenService(
  key: ReturnType<typeof createPrivateKey>,
  cert: X509Certificate,
  requests: TestRegistry['tokenRequests'],
): Promise<Server> {
  const x5c = [cert.raw.toString('base64')];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scopes = url.searchParams.getAll('scope');
    const user = userOf(req.headers.authorization);
    requests.push({ scopes, user });
    if (user === null) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      return;
    }
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      if (type !== 'repository' || !name || !actions) return [];
      const wanted = actions.split(',');
      // Anonymous users get nothing; the reader only pulls; the syncer pulls and pushes.
      const granted = user === undefined ? [] : user === READER_USER ? wanted.filter((a) => a === 'pull') : wanted;
      return [{ type, name, actions: granted }];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c };
    const claims = {
      iss: 'test-token-service',
      sub: user ?? '',
      aud: url.searchParams.get('service') ?? '',
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), key);
    const token = `${input}.${base64url(signature)}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** The Basic user, undefined when anonymous, null when the password is wrong. */
function userOf(header: string | undefined): string | undefined | null {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !value) return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (user === REGISTRY_USER && password === REGISTRY_PASSWORD) return user;
  if (user === READER_USER && password === READER_PASSWORD) return user;
  return null;
}

// ---- skopeo ----

/**
 * `skopeo copy --all oci:<layout>:<tag> docker://<host>/<ref>` with the test credentials; with
 * `v2s2` skopeo converts the image to a Docker v2 schema 2 manifest (an OCI layout cannot hold one).
 */
export async function skopeoPush(
  layoutDir: string,
  tag: string,
  registry: TestRegistry,
  ref: string,
  format?: 'v2s2',
): Promise<void> {
  await run(
    'skopeo',
    [
      '--insecure-policy',
      'copy',
      '--all',
      '--quiet',
      ...(format ? ['--format', format] : []),
      '--dest-creds',
      `${REGISTRY_USER}:${REGISTRY_PASSWORD}`,
      '--dest-tls-verify=false',
      `oci:${layoutDir}:${tag}`,
      `docker://${registry.host}/${ref}`,
    ],
    { timeout: 60_000 },
  );
}

/** `skopeo inspect --raw`: the manifest bytes exactly as the registry serves them. */
export async function skopeoRawManifest(registry: TestRegistry, ref: string): Promise<Buffer> {
  const { stdout } = await run(
    'skopeo',
    [
      '--insecure-policy',
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      `${REGISTRY_USER}:${REGISTRY_PASSWORD}`,
      `docker://${registry.host}/${ref}`,
    ],
    { timeout: 60_000, encoding: 'buffer', maxBuffer: 8 * 1024 * 1024 },
  );
  return stdout;
}

export function sha256(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Where distribution's filesystem driver keeps a blob's bytes. */
export function blobDataPath(registry: TestRegistry, digest: string): string {
  const hex = digest.slice('sha256:'.length);
  return join(registry.storageDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}
