// Bytes per second over a sliding window, and the seconds left at that pace (the progress panel's
// numbers): samples of the bytes sent so far, the oldest dropped once out of the window.

export const SPEED_WINDOW_MS = 5_000;

export class SpeedMeter {
  readonly #samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = SPEED_WINDOW_MS) {}

  /** `bytes` sent in all so far, at `at` (ms). */
  sample(at: number, bytes: number): void {
    const last = this.#samples.at(-1);
    if (last && at <= last.at) {
      last.bytes = Math.max(last.bytes, bytes);
      return;
    }
    this.#samples.push({ at, bytes });
    // Keep one sample at or before the window's start, to measure the whole window.
    while (this.#samples.length > 2 && (this.#samples[1]?.at ?? at) <= at - this.windowMs) this.#samples.shift();
  }

  /** Bytes per second over the window ending `now`; 0 when nothing flowed in it. */
  bytesPerSecond(now: number): number {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (!first || !last || last === first) return 0;
    const from = Math.max(first.at, now - this.windowMs);
    const span = Math.max(now, last.at) - from;
    if (span <= 0) return 0;
    // Bytes sent since the window's start (the sample at or before it stands for it).
    const startBytes = [...this.#samples].reverse().find((s) => s.at <= from)?.bytes ?? first.bytes;
    const sent = last.bytes - startBytes;
    return sent > 0 ? Math.round((sent / span) * 1000) : 0;
  }
}

/** Seconds to send `left` bytes at `bytesPerSecond`, rounded up; absent when it cannot be told. */
export function secondsLeft(left: number, bytesPerSecond: number): number | undefined {
  if (left <= 0) return 0;
  if (!(bytesPerSecond > 0)) return undefined;
  return Math.ceil(left / bytesPerSecond);
}
