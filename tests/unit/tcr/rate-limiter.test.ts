// The client-side token bucket: a burst goes out at once, the rest is paced, per key (endpoint, profile, action).
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src-main/base/clock.js';
import { RateLimiter } from '../../../src-main/tcr/rate-limiter.js';
import type { SdkClient } from '../../../src-main/tcr/sdk-clients.js';
import { TcrCaller } from '../../../src-main/tcr/tcr-caller.js';

/**
 * A clock whose waits are recorded and end at once (time moves only when the test says so),
 * except the gateway's 15 s call deadline, which never comes.
 */
function manualClock() {
  const clock = {
    time: 0,
    waits: [] as number[],
    now: () => clock.time,
    sleep: (ms: number, signal?: AbortSignal): Promise<void> => {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      if (ms === 15_000)
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('stopped'))));
      clock.waits.push(ms);
      return Promise.resolve();
    },
  };
  return clock satisfies Clock;
}

describe('RateLimiter', () => {
  it('lets a burst through at once and paces the calls after it', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ ratePerSecond: 20, burst: 20 }, clock);
    for (let i = 0; i < 20; i += 1) await limiter.acquire('k');
    expect(clock.waits).toEqual([]);
    await Promise.all([limiter.acquire('k'), limiter.acquire('k'), limiter.acquire('k')]);
    expect(clock.waits.map(Math.round)).toEqual([50, 100, 150]);
  });

  it('refills with time, never beyond the burst', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 5 }, clock);
    for (let i = 0; i < 5; i += 1) await limiter.acquire('k');
    clock.time += 10_000;
    for (let i = 0; i < 5; i += 1) await limiter.acquire('k');
    expect(clock.waits).toEqual([]);
    await limiter.acquire('k');
    expect(clock.waits.map(Math.round)).toEqual([100]);
  });

  it('keeps a separate bucket per key', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1 }, clock);
    await limiter.acquire('a');
    await limiter.acquire('b');
    expect(clock.waits).toEqual([]);
    await limiter.acquire('a');
    expect(clock.waits.map(Math.round)).toEqual([1000]);
  });

  it('gives back the token of a caller that gave up waiting', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1 }, clock);
    await limiter.acquire('k');
    const recordingSleep = clock.sleep;
    // The next caller's wait lasts until it is cancelled.
    clock.sleep = (_ms, signal) =>
      new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('cancelled'))));
    const controller = new AbortController();
    const waiting = limiter.acquire('k', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow('cancelled');
    clock.sleep = recordingSleep;
    // Without the give-back this caller would queue behind the abandoned reservation (2000 ms).
    await limiter.acquire('k');
    expect(clock.waits.map(Math.round)).toEqual([1000]);
  });
});

describe('gateway rate limiting', () => {
  it('paces calls per endpoint and action, not across actions', async () => {
    const clock = manualClock();
    const client: SdkClient = { request: async () => ({ RequestId: 'r' }) };
    const caller = new TcrCaller({
      keysFor: async () => ({ secretId: 'id', secretKey: 'key' }),
      clients: { get: () => client, forget: () => undefined, close: () => undefined },
      rateLimit: { ratePerSecond: 20, burst: 2 },
      clock,
    });
    const t = { profileId: 'p', endpoint: 'http://127.0.0.1:1', region: 'ap-guangzhou' };
    const sleepsBefore = () => clock.waits;
    await Promise.all([0, 1].map(() => caller.call(t, 'DescribeInstances', {})));
    await caller.call(t, 'DescribeNamespaces', { RegistryId: 'x' });
    expect(sleepsBefore()).toEqual([]);
    await caller.call(t, 'DescribeInstances', {});
    expect(sleepsBefore().map(Math.round)).toEqual([50]);
    // Another endpoint has its own buckets.
    await caller.call({ ...t, endpoint: 'http://127.0.0.1:2' }, 'DescribeInstances', {});
    expect(sleepsBefore()).toHaveLength(1);
  });
});
