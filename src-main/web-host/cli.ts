import path from 'node:path';
import { createAppCore } from '../app/create-app.js';
import { parseWebHostArgs } from './cli-args.js';
import { isAllowedOrigin } from './security.js';
import { startWebHost, type WebHost } from './server.js';
import { defaultTccliDir, defaultUserDataDir } from './user-data-dir.js';

/** `node out/main/web-host.cjs [--port n] [--user-data dir]`: the app in a browser. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseWebHostArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`web host: ${(error as Error).message}`);
    process.exit(2);
  }
  let port = -1;
  const core = createAppCore({
    userDataDir: path.resolve(args.userDataDir ?? defaultUserDataDir()),
    host: 'browser',
    systemLocale:
      process.env.LC_ALL ||
      process.env.LC_MESSAGES ||
      process.env.LANG ||
      Intl.DateTimeFormat().resolvedOptions().locale,
    version: __APP_VERSION__,
    keychainWorkerPath: path.join(__dirname, 'keychain-worker.cjs'),
    tccliDir: path.resolve(args.tccliDir ?? defaultTccliDir()),
    isTrustedSender: (sender) => isAllowedOrigin(sender.origin, port),
    log: (line) => console.error(line),
  });
  // Listening before anything is printed: a script that signals as soon as it reads the URL
  // finds the clean stop in place.
  const running: { host?: WebHost } = {};
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void (running.host?.close() ?? Promise.resolve()).then(() => core.stop()).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop); // the terminal closed
  await core.start();
  const host = await startWebHost({
    core,
    rendererDir: path.resolve(args.rendererDir ?? path.join(__dirname, '..', 'renderer')),
    port: args.port,
    log: (line) => console.error(line),
  });
  running.host = host;
  port = host.port;
  console.log(`URL: ${host.url}`);
}

void main().catch((error: unknown) => {
  console.error(`web host: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
