// `npm run sandbox -- --port <n> --credentials-out <file>`: builds if needed, then runs the
// standalone sandbox (out/main/sandbox.cjs) in this process's place until SIGTERM.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt();
const child = spawn(process.execPath, [path.join(root, 'out/main/sandbox.cjs'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
