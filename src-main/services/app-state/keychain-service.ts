import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import type { KeychainStatus, KeychainWait } from '../../contract/index.js';
import { KeychainError, type SecretStore } from '../../accounts/keychain-types.js';
import { UserFacingError } from '../shared/user-facing-error.js';
import type { EventHub } from '../shared/event-hub.js';

/** How long a "locked" or "unavailable" answer is trusted before the next use asks again. */
export const REPROBE_AFTER_MS = 10_000;

/**
 * Knows whether the OS keychain can be used. The start-up probe sets the state; a failing call
 * later updates it too, so the banner tells the truth without a restart.
 */
export class KeychainService {
  #status: KeychainStatus = { state: 'checking' };
  #wait: KeychainWait = { waiting: false };
  #probing: Promise<KeychainStatus> | undefined;

  constructor(
    private readonly store: SecretStore,
    private readonly events: EventHub,
    private readonly clock: Clock = systemClock,
  ) {
    store.onWait((state) => {
      this.#wait = {
        waiting: state.waiting,
        ...(state.operation ? { operation: state.operation } : {}),
        ...(state.since ? { since: state.since.toISOString() } : {}),
        ...(state.timeoutMs ? { timeoutSeconds: Math.round(state.timeoutMs / 1000) } : {}),
      };
      this.events.emit('keychain:wait', this.#wait);
    });
  }

  status(): KeychainStatus {
    return { ...this.#status };
  }

  waitState(): KeychainWait {
    return { ...this.#wait };
  }

  /** Probes once at a time; callers during a probe share its answer. */
  probe(): Promise<KeychainStatus> {
    this.#probing ??= this.#runProbe().finally(() => {
      this.#probing = undefined;
    });
    return this.#probing;
  }

  cancel(): void {
    this.store.cancel();
  }

  /** Runs a keychain call; a failure becomes a user-facing error and updates the banner. */
  async use<T>(call: (store: SecretStore) => Promise<T>): Promise<T> {
    if (this.#status.state === 'checking' || this.#stale()) await this.probe();
    if (this.#status.state === 'unavailable' || this.#status.state === 'locked') {
      throw this.#errorFor(this.#status.state === 'locked' ? 'locked' : 'unavailable', this.#status.detail);
    }
    try {
      return await call(this.store);
    } catch (error) {
      if (!(error instanceof KeychainError)) throw error;
      if (error.kind === 'unavailable' || error.kind === 'locked') {
        this.#set({ state: error.kind, detail: error.message, checkedAt: isoNow(this.clock) });
      }
      throw this.#errorFor(error.kind, error.message);
    }
  }

  /**
   * A keychain found locked or away is asked again on the next use once REPROBE_AFTER_MS have
   * passed: it may have recovered (unlocked, the service restarted) without anyone pressing
   * Check. Within that time calls fail at once instead of each waiting on a stuck keychain.
   */
  #stale(): boolean {
    const { state, checkedAt } = this.#status;
    if (state !== 'unavailable' && state !== 'locked') return false;
    return checkedAt === undefined || this.clock.now() - Date.parse(checkedAt) >= REPROBE_AFTER_MS;
  }

  async #runProbe(): Promise<KeychainStatus> {
    this.#set({ state: 'checking' });
    try {
      await this.store.probe();
      this.#set({ state: 'ok', checkedAt: isoNow(this.clock) });
    } catch (error) {
      const kind = error instanceof KeychainError ? error.kind : 'failed';
      const detail = error instanceof Error ? error.message : String(error);
      // A probe that timed out or was cancelled waited on an unlock prompt: the keychain is locked.
      const state = kind === 'unavailable' || kind === 'failed' ? 'unavailable' : 'locked';
      this.#set({ state, detail, checkedAt: isoNow(this.clock) });
    }
    return this.status();
  }

  #set(status: KeychainStatus): void {
    this.#status = status;
    this.events.emit('keychain:status', this.status());
  }

  #errorFor(kind: KeychainError['kind'], detail?: string): UserFacingError {
    const suffix = detail ? `: ${detail}` : '';
    switch (kind) {
      case 'unavailable':
        return new UserFacingError('KEYCHAIN_UNAVAILABLE', `The OS keychain is not available${suffix}`);
      case 'locked':
        return new UserFacingError('KEYCHAIN_LOCKED', `The OS keychain is locked${suffix}`);
      case 'timeout':
        return new UserFacingError('KEYCHAIN_TIMEOUT', `The OS keychain did not answer in time${suffix}`);
      case 'cancelled':
        return new UserFacingError('KEYCHAIN_CANCELLED', 'The keychain request was cancelled');
      case 'failed':
        return new UserFacingError('KEYCHAIN_FAILED', `The OS keychain reported an error${suffix}`);
    }
  }
}
