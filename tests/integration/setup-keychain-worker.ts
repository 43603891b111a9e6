/**
 * Vitest globalSetup for the integration project: bundles the keychain worker (and the small CLI
 * the tests run as a second process) the way the app ships it, as CommonJS for plain Node.
 * The native keyring module stays external so that the installed binary is loaded.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT, VAULT_CLI_PATH, WORKER_PATH } from './helpers/worker-path.js';

export default async function setup(): Promise<void> {
  const entries: [source: string, outfile: string][] = [
    [join(REPO_ROOT, 'src-main/accounts/keychain-worker.ts'), WORKER_PATH],
    [join(REPO_ROOT, 'tests/integration/fixtures/vault-cli.ts'), VAULT_CLI_PATH],
  ];
  await Promise.all(
    entries.map(([source, outfile]) =>
      build({
        entryPoints: [source],
        outfile,
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        external: ['@napi-rs/keyring'],
        logLevel: 'warning',
      }),
    ),
  );
}
