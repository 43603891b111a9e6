// The progress panel's speed (over a sliding window) and time left.
import { describe, expect, it } from 'vitest';
import { secondsLeft, SpeedMeter } from '../../../../src-main/services/sync-now/speed-meter.js';

describe('SpeedMeter', () => {
  it('measures bytes per second over the last window only', () => {
    const meter = new SpeedMeter(5_000);
    meter.sample(0, 0);
    meter.sample(1_000, 1_000_000); // 1 MB/s for a second
    expect(meter.bytesPerSecond(1_000)).toBe(1_000_000);
    meter.sample(6_000, 1_000_000); // then nothing for five seconds
    meter.sample(10_000, 3_000_000); // then 2 MB in four seconds
    // The window is 5 s..10 s: 2 MB in 5 s.
    expect(meter.bytesPerSecond(10_000)).toBe(400_000);
  });

  it('says 0 when nothing flowed, or nothing was measured yet', () => {
    const meter = new SpeedMeter(5_000);
    expect(meter.bytesPerSecond(0)).toBe(0);
    meter.sample(0, 500);
    expect(meter.bytesPerSecond(100)).toBe(0);
    meter.sample(1_000, 500);
    expect(meter.bytesPerSecond(1_000)).toBe(0);
  });
});

describe('secondsLeft', () => {
  it('is what is left at the current pace, rounded up', () => {
    expect(secondsLeft(10_000_000, 1_000_000)).toBe(10);
    expect(secondsLeft(1_500_000, 1_000_000)).toBe(2);
    expect(secondsLeft(0, 0)).toBe(0);
  });

  it('cannot be told while nothing flows', () => {
    expect(secondsLeft(5, 0)).toBeUndefined();
  });
});
