import type { Clock } from '../base/clock.js';

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** The backoff ceiling before the first retry, doubled after each. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5000 };

/**
 * Exponential backoff with full jitter (a uniform wait in [0, min(cap, base·2^(n-1)))): clients
 * throttled together do not come back together.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryOptions {
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  /** Whether this failure, after this attempt, is worth another try. */
  shouldRetry: (error: unknown) => boolean;
  signal?: AbortSignal;
  /** Told before each wait (for diagnostics). */
  onRetry?: (error: unknown, retry: number, delayMs: number) => void;
}

/** Runs `attempt` until it succeeds, fails for good, or the attempts run out (the last error wins). */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.policy.maxAttempts));
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= attempts || options.signal?.aborted || !options.shouldRetry(error)) throw error;
      const delayMs = backoffDelay(options.policy, n, options.random);
      options.onRetry?.(error, n, delayMs);
      await options.clock.sleep(delayMs, options.signal);
    }
  }
}
