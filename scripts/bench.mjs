// `npm run bench -- <name> [options]`: bundles bench/<name>.ts (esbuild, as the app's main
// process is built) into out/bench/<name>.cjs and runs it with the same Node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(path.join(root, 'bench', `${name}.ts`))) {
  console.error('usage: npm run bench -- <name> [options]   (e.g. npm run bench -- refresh)');
  process.exit(2);
}
const outfile = path.join(root, 'out', 'bench', `${name}.cjs`);
await build({
  absWorkingDir: root,
  entryPoints: [path.join('bench', `${name}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [outfile, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
