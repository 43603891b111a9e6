export type { EventHub, WindowEvent } from '../services/shared/event-hub.js';
export type { Router, Sender } from '../ipc/router.js';
import type { EventHub } from '../services/shared/event-hub.js';
import type { Router, Sender } from '../ipc/router.js';
import type { CloudReader } from '../services/cloud/cloud-port.js';
import type { EmbeddedSandbox } from '../services/cloud/sandbox-service.js';

export interface AppCoreOptions {
  userDataDir: string;
  host: 'electron' | 'browser';
  /** The OS locale, e.g. `zh-CN` or `en-US` (Electron: app.getLocale()). */
  systemLocale: string;
  version: string;
  /** The bundled keychain worker (out/main/keychain-worker.cjs). */
  keychainWorkerPath: string;
  /** Node to run the worker with; in Electron, process.execPath (run as Node). */
  keychainExecPath?: string;
  keychainEnv?: NodeJS.ProcessEnv;
  /** Where the Tencent Cloud CLI keeps its profiles (default ~/.tccli). */
  tccliDir: string;
  isTrustedSender: (sender: Sender) => boolean;
  /** Starts the embedded sandbox on first need (default: src-main/sandbox on a free port). */
  startSandbox?: () => Promise<EmbeddedSandbox>;
  /** Tencent Cloud access (default: the TCR gateway); tests may pass their own. */
  cloudReader?: CloudReader;
  log?: (line: string) => void;
}

/** Everything main does, without Electron: the shell and the browser host each wrap one of these. */
export interface AppCore {
  router: Router;
  events: EventHub;
  /** Loads settings and profiles and starts the keychain probe (does not wait for it). */
  start(): Promise<void>;
  /**
   * The computer woke from sleep or its network changed: the sync watcher asks every source at
   * once instead of waiting for its next tick.
   */
  wake(): void;
  stop(): Promise<void>;
}
