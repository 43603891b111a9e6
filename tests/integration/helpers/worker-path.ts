import { join } from 'node:path';
import { REPO_ROOT } from '../../shared/repo-root.js';

export { REPO_ROOT };
const OUT_DIR = join(REPO_ROOT, '.test-output');

/** Built by setup-keychain-worker.ts (vitest globalSetup) before the integration tests run. */
export const WORKER_PATH = join(OUT_DIR, 'keychain-worker.cjs');

/** fixtures/vault-cli.ts, built next to the worker: a separate process reading the keychain. */
export const VAULT_CLI_PATH = join(OUT_DIR, 'vault-cli.cjs');
