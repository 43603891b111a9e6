import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src-main/base/clock.js';
import { throttled, TokenBucket } from '../../../src-main/oci/bandwidth.js';
import { Limiter } from '../../../src-main/oci/limiter.js';

/** A clock whose sleeps pass at once and advance its time: the elapsed time is what a cap costs. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(new Error('aborted'));
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

async function drain(stream: AsyncIterable<Uint8Array>): Promise<number[]> {
  const sizes: number[] = [];
  for await (const piece of stream) sizes.push(piece.byteLength);
  return sizes;
}

describe('TokenBucket', () => {
  it('lets the first burst through at once, then paces bytes at the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1000, clock);
    const start = clock.now();
    await bucket.take(1000);
    expect(clock.now() - start).toBe(0);
    await bucket.take(500);
    await bucket.take(500);
    expect(clock.now() - start).toBeGreaterThanOrEqual(1000);
    expect(clock.now() - start).toBeLessThanOrEqual(1002);
  });

  it('is one cap for every stream: two concurrent streams share the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1000, clock);
    const counted = { bytes: 0 };
    const stream = (): AsyncIterable<Uint8Array> =>
      throttled(Readable.from([Buffer.alloc(1500), Buffer.alloc(500)]), bucket, (n) => (counted.bytes += n));
    const start = clock.now();
    const [one, two] = await Promise.all([drain(stream()), drain(stream())]);
    expect(counted.bytes).toBe(4000);
    // 4000 bytes at 1000 B/s with a 1000-byte head start: at least 3 s, however the streams interleave.
    expect(clock.now() - start).toBeGreaterThanOrEqual(3000);
    // Pieces never exceed the burst.
    expect([...one, ...two].every((n) => n <= bucket.burst)).toBe(true);
    expect(one.reduce((x, y) => x + y, 0)).toBe(2000);
  });

  it('refuses a take larger than its burst and an invalid rate', () => {
    const bucket = new TokenBucket(100, fakeClock());
    expect(() => bucket.take(101)).toThrow(RangeError);
    expect(() => new TokenBucket(0, fakeClock())).toThrow(RangeError);
  });

  it('stops waiting when the signal aborts, and serves the next taker', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1000, clock);
    await bucket.take(1000);
    const controller = new AbortController();
    controller.abort();
    await expect(bucket.take(1000, controller.signal)).rejects.toThrow();
    await expect(bucket.take(1000)).resolves.toBeUndefined();
  });

  it('passes bytes through unpaced without a bucket', async () => {
    const counted = { bytes: 0 };
    const sizes = await drain(throttled(Readable.from([Buffer.alloc(5000)]), undefined, (n) => (counted.bytes += n)));
    expect(sizes).toEqual([5000]);
    expect(counted.bytes).toBe(5000);
  });
});

describe('Limiter', () => {
  it('runs at most `limit` tasks at once, and every task', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const tasks = Array.from({ length: 5 }, (_, i) =>
      limiter.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running -= 1;
        return i;
      }),
    );
    let finished = 0;
    void Promise.all(tasks).then(() => (finished = 1));
    for (let turn = 0; turn < 100 && finished === 0; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('drops a waiting task whose signal aborts', async () => {
    const limiter = new Limiter(1);
    let release: () => void = () => undefined;
    const first = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const second = limiter.run(() => Promise.resolve('ran'), controller.signal);
    controller.abort();
    await expect(second).rejects.toThrow();
    release();
    await first;
    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
