import { randomUUID } from 'node:crypto';
import { profileColours, regionIds, type ProfileView } from '../contract/index.js';
import { KeychainClient } from '../accounts/keychain-client.js';
import { ProfileStore } from '../accounts/profile-store.js';
import { Vault } from '../accounts/vault.js';
import { languageForLocale } from '../domain/locale.js';
import { createRouter, type Handlers } from '../ipc/router.js';
import type { AppCore, AppCoreOptions } from './app-types.js';
import { EventHub } from '../services/shared/event-hub.js';
import { KeychainService } from '../services/app-state/keychain-service.js';
import { AlertBoard } from '../services/app-state/alert-board.js';
import { ProfileService } from '../services/profiles/profile-service.js';
import { SettingsService } from '../services/app-state/settings-service.js';
import { TccliService } from '../services/profiles/tccli-service.js';
import { CloudTargets } from '../services/cloud/cloud-targets.js';
import { ConnectionService } from '../services/connection/connection-service.js';
import { InstanceCache } from '../services/instances/instance-cache.js';
import { InstanceService } from '../services/instances/instance-service.js';
import { SandboxService } from '../services/cloud/sandbox-service.js';
import { createTcrCloudReader } from '../services/cloud/tcr-cloud-reader.js';
import { startEmbeddedSandbox } from './embedded-sandbox.js';

export type { AppCore, AppCoreOptions } from './app-types.js';

/** Wires the services once; the shell and the browser host each own one AppCore. */
export function createAppCore(options: AppCoreOptions): AppCore {
  const events = new EventHub();
  const alerts = new AlertBoard(events);
  const settings = new SettingsService(options.userDataDir, events, alerts);
  const secretStore = new KeychainClient({
    workerPath: options.keychainWorkerPath,
    timeoutMs: () => settings.get().keychainTimeoutSeconds * 1000,
    ...(options.keychainExecPath ? { execPath: options.keychainExecPath } : {}),
    ...(options.keychainEnv ? { env: options.keychainEnv } : {}),
  });
  const keychain = new KeychainService(secretStore, events);
  const vault = new Vault(secretStore);
  const profiles = new ProfileService({
    store: new ProfileStore(options.userDataDir),
    vault,
    keychain,
    events,
    alerts,
    newId: randomUUID,
  });
  const tccli = new TccliService(options.tccliDir, profiles, vault, keychain);
  const sandbox = new SandboxService(options.startSandbox ?? startEmbeddedSandbox);
  const targets = new CloudTargets(profiles, vault, keychain, sandbox);
  const reader = options.cloudReader ?? createTcrCloudReader((id) => targets.keysFor(id));
  const instances = new InstanceService({
    profiles,
    targets,
    reader,
    cache: new InstanceCache(options.userDataDir),
    events,
    ...(options.log ? { log: options.log } : {}),
  });
  const connection = new ConnectionService(profiles, targets, reader, instances);
  events.subscribe((event, payload) => {
    if (event === 'profiles:changed') instances.profilesChanged(payload as ProfileView[]);
  });
  const sandboxUins = () => new Set(profiles.list().flatMap((p) => (p.source === 'sandbox' ? [p.uin] : [])));

  const handlers: Handlers = {
    'app:info': async () => ({
      version: options.version,
      systemLanguage: languageForLocale(options.systemLocale),
      host: options.host,
      userDataDir: options.userDataDir,
      regions: [...regionIds],
      colours: [...profileColours],
    }),
    'app:alerts': async () => alerts.list(),
    'app:dismissAlert': async ({ keptAs }) => {
      alerts.dismiss(keptAs);
      return null;
    },
    'settings:get': async () => settings.get(),
    'settings:update': async (patch) => settings.update(patch),
    'keychain:status': async () => keychain.status(),
    'keychain:recheck': async () => keychain.probe(),
    'keychain:wait': async () => keychain.waitState(),
    'keychain:cancel': async () => {
      keychain.cancel();
      return null;
    },
    'profiles:list': async () => profiles.list(),
    'profiles:check': async (draft) => profiles.check(draft),
    'profiles:create': async (input) => profiles.create(input),
    'profiles:update': async (input) => profiles.update(input),
    'profiles:delete': async ({ id }) => {
      await profiles.delete(id);
      return null;
    },
    'tccli:scan': async () => tccli.scan(),
    'tccli:import': async ({ names }) => tccli.import(names),
    'tccli:deletePlaintext': async ({ name }) => {
      await tccli.deletePlaintext(name);
      return null;
    },
    'profiles:test': async ({ id }) => connection.test(id),
    'profiles:cancelTest': async ({ id }) => {
      connection.cancel(id);
      return null;
    },
    'instances:view': async () => instances.view(),
    'instances:refresh': async ({ profileIds }) => instances.refresh(profileIds),
    'instances:cancel': async () => {
      instances.cancel();
      return null;
    },
    'sandbox:status': async () => sandbox.status(sandboxUins()),
    'sandbox:addAccounts': async () => {
      const running = await sandbox.ensureRunning();
      // New profiles are fetched by the instance service as they appear (profilesChanged).
      return profiles.addSandboxAccounts(running.accounts);
    },
  };

  const router = createRouter(handlers, {
    isTrustedSender: options.isTrustedSender,
    onInternalError: (channel, error) =>
      options.log?.(`[${channel}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  return {
    router,
    events,
    async start() {
      await settings.load();
      await profiles.load();
      await instances.load();
      // The probe may wait on an unlock prompt: it runs in the background and the UI shows it.
      void keychain.probe();
    },
    async stop() {
      instances.cancel();
      connection.cancelAll();
      reader.close?.();
      await sandbox.close();
      await secretStore.close();
    },
  };
}
