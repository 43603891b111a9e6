import {
  KeychainError,
  type KeychainFailure,
  type KeychainOperation,
  type KeychainWaitState,
  type SecretStore,
} from '../../../../src-main/accounts/keychain-types.js';

type StoreOp = 'set' | 'get' | 'delete' | 'probe';

interface Held {
  op: StoreOp;
  release: () => void;
  fail: (error: Error) => void;
}

/**
 * The OS keychain in memory, with the failures of the real one on demand: `failWith(op, kind)`
 * makes every later call of that kind fail until `heal()`; `hold()` keeps calls waiting (an
 * unanswered unlock prompt) until `releaseAll()`, and `cancel()` ends them as the real one does.
 */
export class FakeSecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  /** Every probe the keychain was asked to run (the real one writes, reads and deletes an item). */
  probes = 0;
  readonly #failures = new Map<StoreOp, KeychainError>();
  readonly #waitListeners = new Set<(state: KeychainWaitState) => void>();
  #holding = false;
  readonly #held: Held[] = [];

  failWith(op: StoreOp | 'all', kind: KeychainFailure, message = `keychain ${kind}`): void {
    for (const o of op === 'all' ? (['set', 'get', 'delete', 'probe'] as const) : [op]) {
      this.#failures.set(o, new KeychainError(kind, message));
    }
  }

  heal(): void {
    this.#failures.clear();
  }

  /** Calls from now on wait until `releaseAll()` (or `cancel()`). */
  hold(): void {
    this.#holding = true;
  }

  /** How many calls are waiting now. */
  get waiting(): number {
    return this.#held.length;
  }

  releaseAll(): void {
    this.#holding = false;
    for (const held of this.#held.splice(0)) held.release();
  }

  /** What a keychain prompt would tell the app: a call started or stopped waiting. */
  announceWait(state: KeychainWaitState): void {
    for (const listener of this.#waitListeners) listener(state);
  }

  /** Secret values kept for a profile, as the vault writes them (`profile:<id>`). */
  secretOf(profileId: string): string | undefined {
    return this.entries.get(`profile:${profileId}`);
  }

  /** Everything the keychain holds, as one string to search for a secret. */
  dump(): string {
    return JSON.stringify([...this.entries]);
  }

  async set(account: string, secret: string): Promise<void> {
    await this.#call('set');
    this.entries.set(account, secret);
  }

  async get(account: string): Promise<string | null> {
    await this.#call('get');
    return this.entries.get(account) ?? null;
  }

  async delete(account: string): Promise<boolean> {
    await this.#call('delete');
    return this.entries.delete(account);
  }

  async probe(): Promise<void> {
    this.probes++;
    await this.#call('probe');
  }

  cancel(): void {
    for (const held of this.#held.splice(0)) held.fail(new KeychainError('cancelled', 'Cancelled by the user'));
  }

  onWait(listener: (state: KeychainWaitState) => void): () => void {
    this.#waitListeners.add(listener);
    return () => this.#waitListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.cancel();
  }

  async #call(op: StoreOp): Promise<void> {
    if (this.#holding) {
      await new Promise<void>((release, fail) => this.#held.push({ op, release, fail }));
    }
    const failure = this.#failures.get(op);
    if (failure) throw new KeychainError(failure.kind, failure.message);
  }
}

export type { KeychainFailure, KeychainOperation };
