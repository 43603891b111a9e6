import { randomUUID } from 'node:crypto';
import { KeychainClient } from '../accounts/keychain-client.js';
import { KeysJournal } from '../accounts/keys-journal.js';
import { ProfileStore } from '../accounts/profile-store.js';
import { systemClock } from '../base/clock.js';
import { TokenVault } from '../accounts/token-vault.js';
import { Vault } from '../accounts/vault.js';
import { createRouter, type Handlers } from '../ipc/router.js';
import { AlertBoard } from '../services/app-state/alert-board.js';
import { KeychainService } from '../services/app-state/keychain-service.js';
import { SettingsService } from '../services/app-state/settings-service.js';
import { CloudTargets } from '../services/cloud/cloud-targets.js';
import { SandboxService } from '../services/cloud/sandbox-service.js';
import { createTcrCloudReader } from '../services/cloud/tcr-cloud-reader.js';
import { createTcrPreviewReader } from '../services/cloud/tcr-preview-reader.js';
import { ConnectionService } from '../services/connection/connection-service.js';
import { InstanceCache } from '../services/instances/instance-cache.js';
import { InstanceService } from '../services/instances/instance-service.js';
import { ProfileService } from '../services/profiles/profile-service.js';
import { TccliService } from '../services/profiles/tccli-service.js';
import { RuleCache } from '../services/rules/rule-cache.js';
import { RuleChanges } from '../services/rules/rule-changes.js';
import { InstanceQueues } from '../services/rules/instance-queues.js';
import { PeerTokens } from '../services/rules/peer-tokens.js';
import { RuleDrafts } from '../services/rules/rule-drafts.js';
import { RuleEditor } from '../services/rules/rule-editor.js';
import { RulePreviewService } from '../services/rules/rule-preview.js';
import { TokenHealth } from '../services/rules/token-health.js';
import { RuleService } from '../services/rules/rule-service.js';
import { RuleTransfer } from '../services/rules/rule-transfer.js';
import { EventHub } from '../services/shared/event-hub.js';
import { NotificationCentre } from '../services/notifications/notification-centre.js';
import { RunLog } from '../services/sync-log/run-log.js';
import { RunStore } from '../services/sync-log/run-store.js';
import { AnnouncedRuns } from '../services/watcher/announced-runs.js';
import { RunWatcher } from '../services/watcher/run-watcher.js';
import { RegistryAccess } from '../services/sync-now/registry-access.js';
import { SyncNowService } from '../services/sync-now/sync-now-service.js';
import { CopyEngine } from '../oci/copy-engine.js';
import { RegistryClient } from '../oci/registry-client.js';
import type { AppCore, AppCoreOptions } from './app-types.js';
import { startEmbeddedSandbox } from './embedded-sandbox.js';
import { appHandlers } from './handlers/app-handlers.js';
import { cloudHandlers } from './handlers/cloud-handlers.js';
import { notificationHandlers } from './handlers/notification-handlers.js';
import { profileHandlers } from './handlers/profile-handlers.js';
import { ruleEditHandlers } from './handlers/rule-edit-handlers.js';
import { ruleHandlers } from './handlers/rule-handlers.js';
import { rulePreviewHandlers } from './handlers/rule-preview-handlers.js';
import { ruleTransferHandlers } from './handlers/rule-transfer-handlers.js';
import { runHandlers } from './handlers/run-handlers.js';
import { syncNowHandlers } from './handlers/sync-now-handlers.js';
import { networkFingerprint } from './network-fingerprint.js';

export type { AppCore, AppCoreOptions } from './app-types.js';

/**
 * The composition root: builds every service once, with its dependencies, and the router over
 * the handler table. The shell and the browser host each start one AppCore.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const events = new EventHub((event, error) =>
    options.log?.(`[${event} listener] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  const alerts = new AlertBoard(events, systemClock, options.userDataDir);
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
    journal: new KeysJournal(options.userDataDir),
    keychain,
    events,
    alerts,
    newId: randomUUID,
  });
  const tccli = new TccliService(options.tccliDir, profiles, vault, keychain);
  const sandbox = new SandboxService(options.startSandbox ?? startEmbeddedSandbox);
  const targets = new CloudTargets(profiles, vault, keychain, sandbox);
  const reader =
    options.cloudReader ??
    createTcrCloudReader((id) => targets.keysFor(id), {
      onAttempt: (attempt) => events.emit('cloud:attempt', attempt),
    });
  const instances = new InstanceService({
    profiles,
    targets,
    reader,
    cache: new InstanceCache(options.userDataDir),
    events,
    ...(options.log ? { log: options.log } : {}),
  });
  const rules = new RuleService({
    profiles,
    targets,
    instances,
    reader,
    cache: new RuleCache(options.userDataDir),
    events,
    ...(options.log ? { log: options.log } : {}),
  });
  const queues = new InstanceQueues();
  const tokenVault = new TokenVault(secretStore);
  const peerTokens = new PeerTokens(options.userDataDir, tokenVault, keychain);
  const drafts = new RuleDrafts(options.userDataDir, { vault: tokenVault, keychain, events, newId: randomUUID });
  const changes = new RuleChanges({
    profiles,
    targets,
    reader,
    rules,
    queues,
    drafts,
    ...(options.log ? { log: options.log } : {}),
  });
  const editor = new RuleEditor({
    profiles,
    targets,
    instances,
    reader,
    rules,
    queues,
    tokens: peerTokens,
    drafts,
    ...(options.log ? { log: options.log } : {}),
  });
  // Import sends through the rule editor (create / update) and RuleChanges (enable / disable).
  const transfer = new RuleTransfer({ rules, instances, profiles, writer: editor, toggler: changes, events });
  const connection = new ConnectionService(profiles, targets, reader, instances);
  // The preview's long lists go through a gateway of their own (its SDK clients, its pacing).
  const previewReader = createTcrPreviewReader((id) => targets.keysFor(id), {
    onAttempt: (attempt) => events.emit('cloud:attempt', attempt),
  });
  const preview = new RulePreviewService({ profiles, targets, instances, rules, reader: previewReader, events });
  // The sync log: runs read by the watcher and by the log's pages, kept for offline.
  const runStore = new RunStore(options.userDataDir, options.log ? { log: options.log } : {});
  const runLog = new RunLog({ profiles, targets, instances, rules, reader, store: runStore });
  // Turns each run:finished (watcher, Sync now) into one history entry and sync:finished.
  const notifications = new NotificationCentre({
    userDataDir: options.userDataDir,
    events,
    settings,
    ...(options.log ? { log: options.log } : {}),
  });
  // Follows the runs of enabled rules; announces each finished one once (run:finished).
  const announced = new AnnouncedRuns(options.userDataDir, options.log);
  const watcher = new RunWatcher({
    profiles,
    targets,
    instances,
    rules,
    reader,
    store: runStore,
    announced,
    settings,
    events,
    networkFingerprint,
    ...(options.log ? { log: options.log } : {}),
  });
  // Sync now: one copy engine for the whole app (shared blob transfers and bandwidth cap).
  const registryAccess = new RegistryAccess({
    profiles,
    targets,
    instances,
    reader,
    peerTokens,
    newClient: (clientOptions) => new RegistryClient(clientOptions),
  });
  const syncNow = new SyncNowService({
    rules,
    preview,
    access: registryAccess,
    engine: new CopyEngine(),
    store: runStore,
    runTasks: (query) => runLog.tasks(query),
    events,
    settings,
    describeError: (error) => reader.describeError(error),
    ...(options.log ? { log: options.log } : {}),
  });
  events.on('profiles:changed', (list) => instances.profilesChanged(list));
  events.on('profiles:changed', (list) => rules.profilesChanged(list));
  events.on('profile:deleted', ({ profileId }) => reader.forgetProfile(profileId));
  events.on('profile:deleted', ({ profileId }) => {
    previewReader.forgetProfile(profileId);
    preview.forgetProfile(profileId);
  });
  events.on('profile:deleted', ({ profileId }) => {
    runStore.forgetProfile(profileId);
    runLog.forgetProfile(profileId);
    registryAccess.forgetProfile(profileId);
  });

  const handlers: Handlers = {
    ...appHandlers({ options, alerts, settings, keychain }),
    ...profileHandlers({ profiles, tccli, connection }),
    ...cloudHandlers({ profiles, instances, sandbox }),
    ...ruleHandlers({ rules, changes }),
    ...rulePreviewHandlers({ preview }),
    ...ruleEditHandlers({
      editor,
      drafts,
      tokenHealth: new TokenHealth({ profiles, targets, instances, rules, tokens: peerTokens, reader }),
    }),
    ...ruleTransferHandlers({ transfer }),
    ...notificationHandlers({ notifications }),
    ...runHandlers({ log: runLog, recent: () => watcher.view(), retryFailed: (input) => syncNow.retryFailed(input) }),
    ...syncNowHandlers({ syncNow }),
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
      await alerts.load();
      await settings.load();
      await profiles.load();
      await instances.load();
      await rules.load();
      await peerTokens.load();
      await drafts.load();
      await notifications.load();
      await runStore.load();
      await announced.load();
      // The probe may wait on an unlock prompt: it runs in the background and the UI shows it.
      // Key changes a crash interrupted are finished once the keychain answers.
      void keychain
        .probe()
        .then(() => watcher.start()) // its polls need the keys
        .then(() => profiles.recover())
        .then(() => editor.deleteUnusedTokens())
        .catch((error: unknown) => options.log?.(`[start] ${String(error)}`));
    },
    wake() {
      watcher.catchUp();
    },
    async stop() {
      connection.cancelAll();
      await syncNow.stop(); // runs in progress are cancelled and recorded Stopped
      await changes.stop(); // a rule change in flight finishes (5 s at most) before its caches close
      await watcher.stop(); // its polls cancelled, what it announced written
      await notifications.stop();
      await runStore.flush();
      await rules.stop();
      await instances.stop();
      preview.cancel();
      previewReader.close();
      reader.close();
      await sandbox.close();
      await secretStore.close();
    },
  };
}
