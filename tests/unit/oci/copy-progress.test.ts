import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src-main/base/clock.js';
import { type CopyProgress, ProgressReporter } from '../../../src-main/oci/copy-progress.js';

function manualClock(): Clock & { advance: (ms: number) => void } {
  let now = 0;
  return { now: () => now, sleep: () => Promise.resolve(), advance: (ms) => (now += ms) };
}

describe('ProgressReporter', () => {
  it('reports bytes at most once per interval, and every finished artifact at once', () => {
    const clock = manualClock();
    const heard: CopyProgress[] = [];
    const reporter = new ProgressReporter(2, clock, (p) => heard.push(p), 100);
    reporter.bytes(10); // the first bytes are reported
    reporter.bytes(10);
    reporter.bytes(10);
    clock.advance(99);
    reporter.bytes(10);
    expect(heard).toEqual([{ artifactsDone: 0, artifactsTotal: 2, bytesSent: 10 }]);
    clock.advance(1);
    reporter.bytes(10);
    expect(heard.at(-1)).toEqual({ artifactsDone: 0, artifactsTotal: 2, bytesSent: 50 });
    reporter.artifactDone();
    expect(heard.at(-1)).toEqual({ artifactsDone: 1, artifactsTotal: 2, bytesSent: 50 });
    expect(heard).toHaveLength(3);
  });
});
