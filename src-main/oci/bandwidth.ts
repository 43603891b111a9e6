// One bandwidth cap for the whole copy engine: a token bucket over bytes that every transfer's
// stream passes through, so four parallel uploads share the cap instead of each getting it.
import type { Clock } from '../base/clock.js';

export class TokenBucket {
  private tokens: number;
  private last: number;
  private tail: Promise<unknown> = Promise.resolve();
  /** The most one take may ask for: streams are cut into pieces no larger. */
  readonly burst: number;

  constructor(
    private readonly bytesPerSecond: number,
    private readonly clock: Clock,
    burst?: number,
  ) {
    if (!(bytesPerSecond > 0) || !Number.isFinite(bytesPerSecond)) throw new RangeError('rate must be positive');
    this.burst = Math.max(1, Math.floor(burst ?? Math.min(bytesPerSecond, 1024 * 1024)));
    this.tokens = this.burst;
    this.last = clock.now();
  }

  /** Waits until `bytes` (at most `burst`) may be sent; takers are served first come, first served. */
  take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (bytes > this.burst) throw new RangeError('take at most burst bytes');
    const turn = this.tail.then(() => this.acquire(bytes, signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async acquire(bytes: number, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.refill();
      if (this.tokens >= bytes) {
        this.tokens -= bytes;
        return;
      }
      const wait = Math.ceil(((bytes - this.tokens) / this.bytesPerSecond) * 1000);
      await this.clock.sleep(Math.max(1, wait), signal);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.bytesPerSecond);
  }
}

/**
 * The stream's bytes, paced by `bucket` when there is one, in pieces of at most its burst;
 * `onBytes` hears every piece as it is handed on.
 */
export async function* throttled(
  source: AsyncIterable<Uint8Array>,
  bucket: TokenBucket | undefined,
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    const value = chunk;
    if (!bucket) {
      onBytes(value.byteLength);
      yield value;
      continue;
    }
    for (let offset = 0; offset < value.byteLength; offset += bucket.burst) {
      const piece = value.subarray(offset, offset + bucket.burst);
      await bucket.take(piece.byteLength, signal);
      onBytes(piece.byteLength);
      yield piece;
    }
  }
}
