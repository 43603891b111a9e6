// The e2e tests' standalone sandbox reads the demo keys from a credentials file: that file and its
// folder must be gone as soon as it is read, never left in /tmp after a run.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { startStandaloneSandbox } from '../e2e/helpers/sandbox.js';
import { REPO_ROOT } from '../shared/repo-root.js';

const leftovers = async () => (await readdir(os.tmpdir())).filter((name) => name.startsWith('tcr-e2e-sandbox-'));

beforeAll(async () => {
  // The helper runs the built sandbox (out/main/sandbox.cjs); build it if it is missing or stale.
  await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', "import { ensureBuilt } from './scripts/ensure-built.mjs'; ensureBuilt();"],
    { cwd: REPO_ROOT, timeout: 150_000 },
  );
}, 150_000);

describe('the e2e sandbox helper', () => {
  it('leaves no credentials file or folder in the temp dir, while running or after', async () => {
    const before = await leftovers();
    const sandbox = await startStandaloneSandbox({ activity: false });
    try {
      expect(sandbox.accounts.length).toBeGreaterThan(0);
      expect(await leftovers()).toEqual(before);
    } finally {
      await sandbox.stop();
    }
    expect(await leftovers()).toEqual(before);
  });
});
