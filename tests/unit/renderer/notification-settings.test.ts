// The Notifications and Watching settings' choices: when do-not-disturb ends, the watcher's
// intervals checked as main checks them, a muted rule's key.
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../src-main/contract/index.js';
import {
  dndActive,
  dndUntil,
  intervalIssue,
  intervalRanges,
  parseRuleKey,
} from '../../../src-renderer/lib/notification-settings.js';

describe('do not disturb', () => {
  const now = new Date(2026, 11, 4, 16, 30, 0);

  it('ends in 1 h, in 4 h, or tomorrow at 08:00 local time', () => {
    expect(new Date(dndUntil('hour', now)).getTime() - now.getTime()).toBe(3_600_000);
    expect(new Date(dndUntil('fourHours', now)).getTime() - now.getTime()).toBe(4 * 3_600_000);
    const tomorrow = new Date(dndUntil('tomorrow', now));
    expect([tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), tomorrow.getHours()]).toEqual([
      2026, 11, 5, 8,
    ]);
    expect(tomorrow.getMinutes()).toBe(0);
  });

  it('crosses a month’s end, and main takes every value', () => {
    const last = new Date(2026, 11, 31, 23, 0, 0);
    const tomorrow = new Date(dndUntil('tomorrow', last));
    expect([tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate()]).toEqual([2027, 0, 1]);
    for (const choice of ['hour', 'fourHours', 'tomorrow'] as const) {
      expect(settingsSchema.shape.doNotDisturbUntil.safeParse(dndUntil(choice, now)).success).toBe(true);
    }
  });

  it('is on until its end only', () => {
    const until = dndUntil('hour', now);
    expect(dndActive(until, now.getTime())).toBe(true);
    expect(dndActive(until, now.getTime() + 3_600_000)).toBe(false);
    expect(dndActive('', now.getTime())).toBe(false);
    expect(dndActive('garbled', now.getTime())).toBe(false);
  });
});

describe('watch intervals', () => {
  it('takes whole seconds in range and names what is wrong otherwise', () => {
    expect(intervalIssue('watchIdleSeconds', 300)).toBeUndefined();
    expect(intervalIssue('watchIdleSeconds', 59)).toBe('watchIdle.range');
    expect(intervalIssue('watchIdleSeconds', 3601)).toBe('watchIdle.range');
    expect(intervalIssue('watchIdleSeconds', null)).toBe('watchIdle.invalid');
    expect(intervalIssue('watchActiveSeconds', 2.5)).toBe('watchActive.invalid');
    expect(intervalIssue('watchActiveSeconds', 4)).toBe('watchActive.range');
    expect(intervalIssue('watchActiveSeconds', 5)).toBeUndefined();
  });

  it('checks with the contract’s ranges and codes', () => {
    for (const field of ['watchIdleSeconds', 'watchActiveSeconds'] as const) {
      const schema = settingsSchema.shape[field];
      const { min, max } = intervalRanges[field];
      for (const value of [min - 1, min, max, max + 1, min + 0.5]) {
        const parsed = schema.safeParse(value);
        expect(parsed.success ? undefined : parsed.error.issues[0]?.message).toBe(intervalIssue(field, value));
      }
    }
  });
});

describe('muted rule keys', () => {
  it('takes <profileId>/<registryId>/<ruleId> apart', () => {
    expect(parseRuleKey('p-1/tcr-sh/7')).toEqual({ profileId: 'p-1', registryId: 'tcr-sh', ruleId: 7 });
    expect(parseRuleKey('p-1/tcr-sh')).toBeUndefined();
    expect(parseRuleKey('p-1/tcr-sh/x')).toBeUndefined();
    expect(parseRuleKey('p-1/tcr-sh/7/8')).toBeUndefined();
  });
});
