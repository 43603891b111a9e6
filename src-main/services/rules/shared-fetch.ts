import { untilAborted } from '../../base/abortable.js';

/** Thrown to a caller whose own signal aborted its wait. */
export class FetchCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'FetchCancelled';
  }
}

interface Entry<T> {
  promise: Promise<T>;
  settled: boolean;
  waiters: number;
  abort: AbortController;
}

/**
 * Fetches kept for the session by key, shared by whoever asks while one runs: two previews of
 * the same instance list it once. A caller's Cancel ends its own wait at once; the fetch itself
 * is aborted (and forgotten) only when no caller waits for it any more. A failure is not kept.
 */
export class SharedFetches<T> {
  readonly #entries = new Map<string, Entry<T>>();

  /** The kept or running fetch of `key`, or a new one (`refresh`: always a new one). */
  get(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal, refresh = false): Promise<T> {
    let entry = this.#entries.get(key);
    if (!entry || refresh) entry = this.#start(key, start);
    const current = entry;
    current.waiters += 1;
    return untilAborted(current.promise, signal, () => new FetchCancelled()).finally(() => {
      current.waiters -= 1;
      if (current.waiters === 0 && !current.settled) {
        current.abort.abort();
        if (this.#entries.get(key) === current) this.#entries.delete(key);
      }
    });
  }

  /** What is kept for `key` when its fetch has finished, without starting one. */
  has(key: string): boolean {
    return this.#entries.get(key)?.settled === true;
  }

  /** Forgets every key that starts with `prefix` (a profile removed, an instance refreshed). */
  forget(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  #start(key: string, start: (signal: AbortSignal) => Promise<T>): Entry<T> {
    const abort = new AbortController();
    const entry: Entry<T> = { promise: Promise.resolve() as Promise<T>, settled: false, waiters: 0, abort };
    entry.promise = start(abort.signal).then(
      (value) => {
        entry.settled = true;
        return value;
      },
      (error: unknown) => {
        entry.settled = true;
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
        throw error;
      },
    );
    // Waiters see the failure; the entry itself must never be an unhandled rejection.
    entry.promise.catch(() => undefined);
    this.#entries.set(key, entry);
    return entry;
  }
}
