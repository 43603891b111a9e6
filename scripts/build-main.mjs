// Bundles the main-process entries with esbuild: only what they import ships (e.g. only the TCR
// client of tencentcloud-sdk-nodejs). `@napi-rs/keyring` stays external: it is a native module.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const mainEntries = {
  shell: 'src-main/shell/main.ts',
  preload: 'src-main/shell/preload.ts',
  'keychain-worker': 'src-main/accounts/keychain-worker.ts',
  'web-host': 'src-main/web-host/cli.ts',
  // Not shipped (see electron-builder.yml): tests, e2e and `npm run sandbox` run it with Node.
  sandbox: 'src-main/sandbox/cli.ts',
};

export async function buildMain({ outDir = path.join(root, 'out/main'), entries = mainEntries } = {}) {
  const version = JSON.parse(
    await (await import('node:fs/promises')).readFile(path.join(root, 'package.json'), 'utf8'),
  ).version;
  await Promise.all(
    Object.entries(entries).map(([name, entry]) =>
      build({
        absWorkingDir: root,
        entryPoints: [entry],
        outfile: path.join(outDir, `${name}.cjs`),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: false,
        minify: false,
        legalComments: 'none',
        external: ['electron', '@napi-rs/keyring'],
        define: { __APP_VERSION__: JSON.stringify(version) },
        logLevel: 'warning',
      }),
    ),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildMain();
}
