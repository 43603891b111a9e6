import type { EventHub } from './event-hub.js';
import type { Router, Sender } from '../ipc/router.js';

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
  log?: (line: string) => void;
}

/** Everything main does, without Electron: the shell and the browser host each wrap one of these. */
export interface AppCore {
  router: Router;
  events: EventHub;
  /** Loads settings and profiles and starts the keychain probe (does not wait for it). */
  start(): Promise<void>;
  stop(): Promise<void>;
}
