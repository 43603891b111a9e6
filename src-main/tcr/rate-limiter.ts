import { systemClock, type Clock } from '../base/clock.js';

export interface RateLimit {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: how many calls may start at once after a quiet spell. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { ratePerSecond: 20, burst: 20 };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets keyed by (endpoint, profile, action): TCR documents ~20 req/s per action and
 * account, and staying
 * under it is cheaper than being throttled. A call that finds the bucket empty reserves the next
 * token (the balance goes negative) and waits its turn, so concurrent callers are served in order.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit = DEFAULT_RATE_LIMIT,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) throw new RangeError('Invalid rate limit.');
  }

  /** Waits until a call may start; rejects with the signal's reason if aborted while waiting. */
  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const bucket = this.#refill(key);
    bucket.tokens -= 1;
    if (bucket.tokens >= 0) return;
    const waitMs = (-bucket.tokens / this.limit.ratePerSecond) * 1000;
    try {
      await this.clock.sleep(waitMs, signal);
    } catch (error) {
      // The reserved token was never used: give it back to whoever comes next.
      this.#refill(key).tokens += 1;
      throw error;
    }
  }

  #refill(key: string): Bucket {
    const now = this.clock.now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.limit.burst, updatedAt: now };
      this.#buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + elapsed * this.limit.ratePerSecond);
    bucket.updatedAt = now;
    return bucket;
  }
}
