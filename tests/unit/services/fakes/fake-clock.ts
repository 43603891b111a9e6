import type { Clock } from '../../../../src-main/base/clock.js';

/** A clock the test sets: `now` is what the test says; `sleep` ends when the test advances past it. */
export class FakeClock implements Clock {
  #now: number;
  readonly #sleepers: { until: number; resolve: () => void }[] = [];

  constructor(start = '2026-11-28T10:00:00.000Z') {
    this.#now = Date.parse(start);
  }

  now(): number {
    return this.#now;
  }

  /** The time now, as services store it. */
  iso(): string {
    return new Date(this.#now).toISOString();
  }

  set(iso: string): void {
    this.#now = Date.parse(iso);
    this.#wake();
  }

  advance(ms: number): void {
    this.#now += ms;
    this.#wake();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const sleeper = { until: this.#now + ms, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers.splice(this.#sleepers.indexOf(sleeper), 1);
          reject(signal.reason as Error);
        },
        { once: true },
      );
    });
  }

  #wake(): void {
    for (const sleeper of [...this.#sleepers]) {
      if (sleeper.until > this.#now) continue;
      this.#sleepers.splice(this.#sleepers.indexOf(sleeper), 1);
      sleeper.resolve();
    }
  }
}
