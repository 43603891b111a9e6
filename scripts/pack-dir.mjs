// Packs the built app (out/) with electron-builder `--dir --linux` against a stand-in Electron
// distribution, so packaging can be checked where the Electron binary cannot be downloaded.
// The result is NOT runnable (its "electron" is a placeholder script); it exists to inspect
// app.asar and the resources folder (tests/integration/packaging.test.ts).
//
//   node scripts/pack-dir.mjs [--output <dir>] [--json]
//
// electron-builder, given a directory as electronDist that does not hold the release zip, copies
// that directory as the unpacked Electron and then only insists on one thing on Linux: an
// executable named `electron`, which it renames to the app's executableName.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes the smallest Electron "distribution" electron-builder accepts for a Linux --dir build. */
export async function makeStandInElectronDist(dir) {
  await mkdir(dir, { recursive: true });
  const executable = path.join(dir, 'electron');
  await writeFile(
    executable,
    '#!/bin/sh\necho "stand-in Electron from scripts/pack-dir.mjs: this package cannot run" >&2\nexit 1\n',
  );
  await chmod(executable, 0o755);
  return dir;
}

// Any download attempt goes to a closed local port and fails at once, instead of silently
// succeeding on a machine that happens to be online: this build must be fully offline.
const offlineEnv = {
  HTTP_PROXY: 'http://127.0.0.1:9',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  http_proxy: 'http://127.0.0.1:9',
  https_proxy: 'http://127.0.0.1:9',
  NO_PROXY: '',
  no_proxy: '',
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  CSC_IDENTITY_AUTO_DISCOVERY: 'false',
};

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}\n${output}`)),
    );
  });
}

/**
 * Packs `projectDir` into `outputDir`/linux-unpacked. Returns where the pieces landed and the
 * electron-builder log.
 */
export async function packDir({ outputDir, projectDir = root }) {
  if (!existsSync(path.join(projectDir, 'out/main/shell.cjs'))) {
    throw new Error('out/main/shell.cjs is missing: run `npm run build` first');
  }
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'tcr-electron-dist-'));
  try {
    const electronDist = await makeStandInElectronDist(path.join(scratch, 'electron'));
    await rm(outputDir, { recursive: true, force: true });
    const cli = createRequire(path.join(projectDir, 'package.json')).resolve('electron-builder/cli.js');
    const log = await run(
      process.execPath,
      [
        cli,
        '--dir',
        '--linux',
        '--projectDir',
        projectDir,
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${outputDir}`,
      ],
      { cwd: projectDir, env: { ...process.env, ...offlineEnv } },
    );
    const appOutDir = path.join(outputDir, 'linux-unpacked');
    const resourcesDir = path.join(appOutDir, 'resources');
    return { appOutDir, resourcesDir, asarPath: path.join(resourcesDir, 'app.asar'), log };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      output: { type: 'string', default: path.join(root, '.test-output/pack-dir') },
      json: { type: 'boolean', default: false },
    },
  });
  try {
    const result = await packDir({ outputDir: path.resolve(values.output) });
    if (values.json) {
      const { log: _log, ...paths } = result;
      console.log(JSON.stringify(paths));
    } else {
      console.log(result.log.trimEnd());
      console.log(`Packed (not runnable: stand-in Electron) into ${result.appOutDir}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
