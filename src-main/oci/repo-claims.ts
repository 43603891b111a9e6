// At most one run writing into a repository of a target registry at once: distribution refuses
// concurrent pushes into one repository (DIGEST_INVALID). A run holds a claim while any of its
// artifacts writes there; its other artifacts share it, other runs wait their turn (in order).

interface Claim {
  owner: symbol;
  holders: number;
  waiting: { owner: symbol; start: () => void }[];
}

export class RepoClaims {
  readonly #claims = new Map<string, Claim>();

  /**
   * Runs `task` once `owner` holds `key` (shared with the owner's other tasks on it); `onWait` is
   * called when it has to wait for another owner first.
   */
  async run<T>(
    key: string,
    owner: symbol,
    task: () => Promise<T>,
    signal?: AbortSignal,
    onWait?: () => void,
  ): Promise<T> {
    await this.#acquire(key, owner, signal, onWait);
    try {
      return await task();
    } finally {
      this.#release(key);
    }
  }

  /** The keys held now (for tests and the progress panel). */
  held(): string[] {
    return [...this.#claims.keys()];
  }

  #acquire(
    key: string,
    owner: symbol,
    signal: AbortSignal | undefined,
    onWait: (() => void) | undefined,
  ): Promise<void> {
    signal?.throwIfAborted();
    const claim = this.#claims.get(key);
    if (!claim) {
      this.#claims.set(key, { owner, holders: 1, waiting: [] });
      return Promise.resolve();
    }
    if (claim.owner === owner) {
      claim.holders += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        owner,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = claim.waiting.indexOf(entry);
        if (at >= 0) claim.waiting.splice(at, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('Cancelled'));
      };
      claim.waiting.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      onWait?.();
    });
  }

  #release(key: string): void {
    const claim = this.#claims.get(key);
    if (!claim) return;
    claim.holders -= 1;
    if (claim.holders > 0) return;
    const next = claim.waiting.shift();
    if (!next) {
      this.#claims.delete(key);
      return;
    }
    // The next owner takes the claim, with every task of it that was waiting.
    claim.owner = next.owner;
    const same = claim.waiting.filter((w) => w.owner === next.owner);
    claim.waiting = claim.waiting.filter((w) => w.owner !== next.owner);
    claim.holders = 1 + same.length;
    next.start();
    for (const w of same) w.start();
  }
}
