// `npm start`: the desktop app; where no Electron binary can be had, the same app in a browser.
// SIGTERM, SIGINT or SIGHUP to this process stops whichever runs (see run-child.mjs).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuiltInChild, exitLike, runChild } from './run-child.mjs';
import { runWebHost } from './web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The installed binary, fetching it once if Electron's lazy download has not happened yet. */
async function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  const binary = () =>
    existsSync(pathFile) ? path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
  const found = binary();
  if (found && existsSync(found)) return found;
  if (!existsSync(path.join(electronDir, 'install.js'))) return undefined;
  // Quietly: on machines without internet the download fails with a long stack trace.
  await runChild(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  const fetched = binary();
  return fetched && existsSync(fetched) ? fetched : undefined;
}

await ensureBuiltInChild();
const binary = await electronBinary();
if (binary) {
  exitLike(await runChild(binary, [root, ...process.argv.slice(2)]));
} else {
  console.log('Electron binary not available on this machine: serving the app through the browser host instead.');
  await runWebHost(process.argv.slice(2));
}
