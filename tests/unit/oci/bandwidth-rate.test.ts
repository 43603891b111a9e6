// The app-wide cap changes while transfers run (the Settings value): 0 lets everything through,
// a rate paces, and a raised rate is followed by a taker already waiting.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src-main/base/clock.js';
import { TokenBucket } from '../../../src-main/oci/bandwidth.js';

function fakeClock(onSleep?: (ms: number) => void): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      onSleep?.(ms);
      return Promise.resolve();
    },
  };
}

describe('a changeable TokenBucket', () => {
  it('sends without waiting while the rate is 0 (no cap)', async () => {
    const clock = fakeClock();
    const bucket = TokenBucket.changeable(0, clock, 1000);
    for (let i = 0; i < 50; i += 1) await bucket.take(1000);
    expect(clock.slept).toEqual([]);
    expect(bucket.rate).toBe(0);
  });

  it('paces at the rate once one is set, and stops pacing when it is removed', async () => {
    const clock = fakeClock();
    const bucket = TokenBucket.changeable(0, clock, 1000);
    bucket.setRate(1000);
    const start = clock.now();
    for (let i = 0; i < 4; i += 1) await bucket.take(1000); // the first burst is free
    expect(clock.now() - start).toBeGreaterThanOrEqual(3000);
    expect(clock.now() - start).toBeLessThanOrEqual(3005);
    bucket.setRate(0);
    const after = clock.now();
    for (let i = 0; i < 10; i += 1) await bucket.take(1000);
    expect(clock.now()).toBe(after);
  });

  it('a taker waiting at a slow rate follows a raised rate at once', async () => {
    const raise = { to: (): void => undefined };
    const clock = fakeClock(() => raise.to());
    const bucket = TokenBucket.changeable(10, clock, 1000); // 10 B/s: 1000 bytes would take 100 s
    raise.to = () => bucket.setRate(1_000_000);
    await bucket.take(1000);
    const start = clock.now();
    await bucket.take(1000);
    expect(clock.now() - start).toBeLessThanOrEqual(200);
  });

  it('refuses a rate that is not a number', () => {
    const bucket = TokenBucket.changeable(0, fakeClock());
    expect(() => bucket.setRate(Number.NaN)).toThrow(RangeError);
  });
});
