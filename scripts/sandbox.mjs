// `npm run sandbox -- --port <n> --credentials-out <file>`: builds if needed, then runs the
// standalone sandbox (out/main/sandbox.cjs) until SIGTERM, SIGINT or SIGHUP to this process,
// which it passes on (see run-child.mjs); exits as the sandbox did.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuiltInChild, exitLike, runChild } from './run-child.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await ensureBuiltInChild();
exitLike(await runChild(process.execPath, [path.join(root, 'out/main/sandbox.cjs'), ...process.argv.slice(2)]));
