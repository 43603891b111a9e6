/** The OS keychain as the rest of main sees it. Implemented by KeychainClient (child process). */

export type KeychainFailure =
  /** No keychain service (e.g. no Secret Service / D-Bus on Linux). */
  | 'unavailable'
  /** The keychain exists but is locked, or the user refused access. */
  | 'locked'
  /** The call waited longer than the configured timeout (e.g. an unanswered unlock prompt). */
  | 'timeout'
  /** The user pressed Cancel while the call was waiting. */
  | 'cancelled'
  /** Anything else the keychain reported. */
  | 'failed';

export class KeychainError extends Error {
  constructor(
    readonly kind: KeychainFailure,
    message: string,
  ) {
    super(message);
    this.name = 'KeychainError';
  }
}

export type KeychainOperation = 'probe' | 'save' | 'read' | 'delete';

export interface KeychainWaitState {
  waiting: boolean;
  operation?: KeychainOperation;
  since?: Date;
  timeoutMs?: number;
}

/**
 * Entries are addressed by account name under one service (`tcr-sync-desktop`). Every method
 * rejects with KeychainError; none blocks the caller for longer than the configured timeout.
 */
export interface SecretStore {
  set(account: string, secret: string): Promise<void>;
  /** Resolves null when there is no entry. */
  get(account: string): Promise<string | null>;
  /** Resolves false when there was no entry. */
  delete(account: string): Promise<boolean>;
  /** Writes, reads back and deletes a probe entry. Resolves when the keychain is usable. */
  probe(): Promise<void>;
  /** Ends the call that is waiting now (if any) with kind `cancelled`. */
  cancel(): void;
  /** Told when a call starts waiting long enough for the user to be informed, and when it ends. */
  onWait(listener: (state: KeychainWaitState) => void): () => void;
  /** Stops the helper process. */
  close(): Promise<void>;
}

export const KEYCHAIN_SERVICE = 'tcr-sync-desktop';

/** What KeychainClient asks the worker process (see keychain-worker.ts) over the IPC channel. */
export type KeychainWorkerOp = 'set' | 'get' | 'delete' | 'probe';

export interface KeychainWorkerRequest {
  id: number;
  op: KeychainWorkerOp;
  account?: string;
  secret?: string;
}

/** `value`: set → null, get → string | null, delete → boolean, probe → null. */
export type KeychainWorkerResponse =
  | { id: number; ok: true; value: string | boolean | null }
  | { id: number; ok: false; kind: KeychainFailure; message: string };
