// `npm run sandbox -- --port <n> --credentials-out <file>`: builds if needed, then runs the
// standalone sandbox (out/main/sandbox.cjs) until SIGTERM, SIGINT or SIGHUP to this process,
// which it passes on (see run-child.mjs); exits as the sandbox did. As the app's embedded demo,
// its instances are backed by in-process registries unless `--registries none` is given (the
// e2e tests run sandbox.cjs directly, with the in-memory content only).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuiltInChild, exitLike, runChild } from './run-child.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const registries = args.some((a) => a === '--registries' || a.startsWith('--registries='))
  ? []
  : ['--registries', 'in-process'];
await ensureBuiltInChild();
exitLike(await runChild(process.execPath, [path.join(root, 'out/main/sandbox.cjs'), ...registries, ...args]));
