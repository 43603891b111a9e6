// `npm run web -- --port <n> --user-data <dir>`: the app in a browser, served on 127.0.0.1.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function runWebHost(args) {
  const child = spawn(process.execPath, [path.join(root, 'out/main/web-host.cjs'), ...args], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureBuilt();
  runWebHost(process.argv.slice(2));
}
