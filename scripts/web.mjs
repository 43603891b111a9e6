// `npm run web -- --port <n> --user-data <dir>`: the app in a browser, served on 127.0.0.1, until
// SIGTERM, SIGINT or SIGHUP to this process, which it passes on (see run-child.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuiltInChild, exitLike, runChild } from './run-child.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the browser host (out/main/web-host.cjs) and exits as it did. */
export async function runWebHost(args) {
  exitLike(await runChild(process.execPath, [path.join(root, 'out/main/web-host.cjs'), ...args]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await ensureBuiltInChild();
  await runWebHost(process.argv.slice(2));
}
