/**
 * The e2e tests' fixtures: import `test` and `expect` from here instead of '@playwright/test'.
 *
 * - `host`: the built browser host, started for the test with its own temp data and tccli
 *   folders, stopped after it (its log attached when the test failed) and the folders removed.
 * - `keyring`: the keychain the host talks to; `keyringMode` chooses which (see `KeyringMode`).
 * - `sandbox`: a standalone sandbox standing in for Tencent Cloud (started only for the tests
 *   that ask for it), stopped after the test.
 * - `app`, `accounts`, `instances`, `settings`: the page objects on `page`.
 *
 * Variants through `test.use({...})`: `keyringMode`, `unlockPrompt`, `hostLang`, `tccliFiles`,
 * `sandboxOptions`. Everything a fixture starts is stopped and removed even when the test fails.
 */
import { test as base, expect } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ownNameForever, type BlackHole } from '../integration/helpers/dbus-black-hole.js';
import { nameHasOwner, startKeyringEnv, type KeyringEnv } from '../integration/helpers/keyring-env.js';
import { makeTempDir, removeDir } from '../shared/temp-dir.js';
import { attachOnFailure } from './helpers/attach.js';
import { startStandaloneSandbox, type StandaloneSandbox, type StandaloneSandboxOptions } from './helpers/sandbox.js';
import { stopHost, TestHost } from './helpers/web-host.js';
import { AccountsPage } from './pages/accounts-page.js';
import { AppPage } from './pages/app-page.js';
import { InstancesPage } from './pages/instances-page.js';
import { SettingsPage } from './pages/settings-page.js';

/**
 * - `unlocked`: the run's own keyring (scripts/with-keyring.sh starts it, unlocked), which
 *   `keychainEntry` in helpers/keychain.ts reads too;
 * - `locked`: a private keyring, locked; its unlock prompt see `unlockPrompt`;
 * - `none`: a private D-Bus session in which nobody provides the Secret Service;
 * - `no-bus`: no D-Bus session at all (the address points nowhere), as on a bare server.
 */
export type KeyringMode = 'unlocked' | 'locked' | 'none' | 'no-bus';

export interface Keyring {
  mode: KeyringMode;
  /** The environment for a process that should use this keyring (the host gets it). */
  env: NodeJS.ProcessEnv;
}

export interface Options {
  keyringMode: KeyringMode;
  /**
   * `dismissed`: an unlock prompt is dismissed at once (nobody shows it), as gnome-keyring does
   * without a prompter. `unanswered`: a prompter exists but never answers, like a desktop prompt
   * nobody looks at, so a keychain call waits until it is cancelled or times out. Needs a
   * private bus (`keyringMode` `locked` or `none`).
   */
  unlockPrompt: 'dismissed' | 'unanswered';
  /** The host's `LANG`. */
  hostLang: string;
  /** Files (name → content) in the host's tccli folder before it starts. */
  tccliFiles: Record<string, string>;
  /** How the `sandbox` fixture is started. */
  sandboxOptions: StandaloneSandboxOptions;
}

export interface Fixtures {
  keyring: Keyring;
  host: TestHost;
  sandbox: StandaloneSandbox;
  app: AppPage;
  accounts: AccountsPage;
  instances: InstancesPage;
  settings: SettingsPage;
}

const PROMPTER = 'org.gnome.keyring.SystemPrompter';

export const test = base.extend<Options & Fixtures>({
  keyringMode: ['unlocked', { option: true }],
  unlockPrompt: ['dismissed', { option: true }],
  hostLang: ['en_US.UTF-8', { option: true }],
  tccliFiles: [{}, { option: true }],
  sandboxOptions: [{}, { option: true }],

  keyring: async ({ keyringMode: mode, unlockPrompt }, use) => {
    let started: KeyringEnv | undefined;
    let prompter: BlackHole | undefined;
    try {
      let env: NodeJS.ProcessEnv;
      if (mode === 'unlocked') env = process.env;
      else if (mode === 'no-bus') env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
      else {
        const result = await startKeyringEnv(mode);
        if (typeof result === 'string') throw new Error(result);
        started = result;
        env = started.env;
      }
      if (unlockPrompt === 'unanswered') {
        if (!started) throw new Error(`unlockPrompt 'unanswered' needs a private bus, not keyringMode '${mode}'`);
        prompter = await ownNameForever(env.DBUS_SESSION_BUS_ADDRESS ?? '', PROMPTER);
        await expect.poll(() => nameHasOwner(env, PROMPTER)).toBe(true);
      }
      await use({ mode, env });
    } finally {
      prompter?.close();
      await started?.stop();
    }
  },

  host: async ({ keyring, hostLang, tccliFiles }, use, testInfo) => {
    const dirs: string[] = [];
    let host: TestHost | undefined;
    try {
      const userDataDir = await makeTempDir('tcr-e2e-data-');
      dirs.push(userDataDir);
      const tccliDir = await makeTempDir('tcr-e2e-tccli-');
      dirs.push(tccliDir);
      for (const [name, content] of Object.entries(tccliFiles)) {
        await writeFile(path.join(tccliDir, name), content);
      }
      host = new TestHost({ userDataDir, tccliDir, env: keyring.env, lang: hostLang });
      await host.start();
      await use(host);
    } finally {
      await stopHost(host, testInfo);
      for (const dir of dirs) await removeDir(dir);
    }
  },

  sandbox: async ({ sandboxOptions }, use, testInfo) => {
    const sandbox = await startStandaloneSandbox(sandboxOptions);
    try {
      await use(sandbox);
    } finally {
      await sandbox.stop();
      await attachOnFailure(testInfo, 'sandbox.log', sandbox.output());
    }
  },

  app: async ({ page }, use) => use(new AppPage(page)),
  accounts: async ({ page }, use) => use(new AccountsPage(page)),
  instances: async ({ page }, use) => use(new InstancesPage(page)),
  settings: async ({ page }, use) => use(new SettingsPage(page)),
});

export { expect };
