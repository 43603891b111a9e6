// One bandwidth cap for the whole copy engine: a token bucket over bytes that every transfer's
// stream passes through, so four parallel uploads share the cap instead of each getting it. Its
// rate can change while transfers run (the Settings cap): waiters look again at least every
// RECHECK_MS, so a raised cap is followed at once, and a rate of 0 lets everything through.
import type { Clock } from '../base/clock.js';

const RECHECK_MS = 100;
const DEFAULT_BURST = 1024 * 1024;

export class TokenBucket {
  private tokens: number;
  private last: number;
  private tail: Promise<unknown> = Promise.resolve();
  /** The most one take may ask for: streams are cut into pieces no larger. */
  readonly burst: number;

  private bytesPerSecond: number;

  constructor(
    bytesPerSecond: number,
    private readonly clock: Clock,
    burst?: number,
  ) {
    if (!(bytesPerSecond > 0) || !Number.isFinite(bytesPerSecond)) throw new RangeError('rate must be positive');
    this.bytesPerSecond = bytesPerSecond;
    this.burst = Math.max(1, Math.floor(burst ?? Math.min(bytesPerSecond, DEFAULT_BURST)));
    this.tokens = this.burst;
    this.last = clock.now();
  }

  /** A bucket whose rate is set later (0 = no cap until then); its pieces are of the default burst. */
  static changeable(bytesPerSecond: number, clock: Clock, burst = DEFAULT_BURST): TokenBucket {
    const bucket = new TokenBucket(1, clock, burst);
    bucket.setRate(bytesPerSecond);
    bucket.tokens = bucket.burst;
    return bucket;
  }

  /** The cap in bytes per second; 0 = none. */
  get rate(): number {
    return this.bytesPerSecond;
  }

  /** Changes the cap for every transfer, those running included; 0 (or less) removes it. */
  setRate(bytesPerSecond: number): void {
    if (!Number.isFinite(bytesPerSecond) && bytesPerSecond !== Number.POSITIVE_INFINITY)
      throw new RangeError('rate must be a number');
    this.refill(); // what was earned at the old rate is kept
    this.bytesPerSecond = Math.max(0, bytesPerSecond === Number.POSITIVE_INFINITY ? 0 : bytesPerSecond);
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
      if (this.bytesPerSecond <= 0) return; // no cap
      this.refill();
      if (this.tokens >= bytes) {
        this.tokens -= bytes;
        return;
      }
      const wait = Math.ceil(((bytes - this.tokens) / this.bytesPerSecond) * 1000);
      await this.clock.sleep(Math.max(1, Math.min(wait, RECHECK_MS)), signal);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    if (this.bytesPerSecond <= 0) {
      this.tokens = this.burst;
      return;
    }
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
