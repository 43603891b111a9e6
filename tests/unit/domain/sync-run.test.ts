import { describe, expect, it } from 'vitest';
import {
  cloudTimeToIso,
  isFinalStatus,
  runDurationMs,
  runFailed,
  successRatio,
} from '../../../src-main/domain/sync-run.js';

describe('sync run figures', () => {
  it('reads the times the cloud writes, Go style and ISO, with or without an offset', () => {
    expect(cloudTimeToIso('2026-11-28 19:59:03.123 +0800 CST')).toBe('2026-11-28T11:59:03.123Z');
    expect(cloudTimeToIso('2026-11-28 11:59:03 +0000 UTC')).toBe('2026-11-28T11:59:03.000Z');
    expect(cloudTimeToIso('2026-11-28T19:59:03+08:00')).toBe('2026-11-28T11:59:03.000Z');
    // No offset: Beijing time, as the console shows it.
    expect(cloudTimeToIso('2026-11-28 19:59:03')).toBe('2026-11-28T11:59:03.000Z');
    expect(cloudTimeToIso('2026-11-28 19:59:03.123456789 +0800 CST')).toBe('2026-11-28T11:59:03.123Z');
  });

  it('has no time for an empty, zero or garbled one', () => {
    expect(cloudTimeToIso('')).toBeUndefined();
    expect(cloudTimeToIso('0001-01-01 00:00:00 +0000 UTC')).toBeUndefined();
    expect(cloudTimeToIso('yesterday')).toBeUndefined();
    expect(cloudTimeToIso('2026-13-45 99:99:99')).toBeUndefined();
  });

  it('counts a duration to the end, or to now while running, never negative', () => {
    const start = '2026-11-28T11:59:00.000Z';
    expect(runDurationMs(start, '2026-11-28T12:02:12.000Z', 0)).toBe(192_000);
    expect(runDurationMs(start, undefined, Date.parse('2026-11-28T11:59:30.000Z'))).toBe(30_000);
    expect(runDurationMs(start, '2026-11-28T11:58:00.000Z', 0)).toBe(0);
    expect(runDurationMs('garbage', undefined, 5)).toBe(0);
  });

  it('gives the success ratio, a run with nothing to sync being complete', () => {
    expect(successRatio(18, 20)).toBe(0.9);
    expect(successRatio(0, 0)).toBe(1);
    expect(successRatio(25, 20)).toBe(1);
  });

  it('calls a run failed when it ended otherwise than fully synced', () => {
    expect(runFailed({ status: 'Succeed', succeeded: 20, total: 20 })).toBe(false);
    expect(runFailed({ status: 'Succeed', succeeded: 18, total: 20 })).toBe(true);
    expect(runFailed({ status: 'Failed', succeeded: 18, total: 20 })).toBe(true);
    expect(runFailed({ status: 'Stopped', succeeded: 0, total: 0 })).toBe(true);
    expect(runFailed({ status: 'InProgress', succeeded: 0, total: 20 })).toBe(false);
    expect(isFinalStatus('Retrying')).toBe(true);
  });
});
