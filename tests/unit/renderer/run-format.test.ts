// How the sync log shows a run: duration (ticking while it runs), ratio and status, in both
// languages, and the order runs are listed and sorted in.
import { describe, expect, it } from 'vitest';
import type { Language, SyncRun } from '../../../src-main/contract/index.js';
import { formatMessage } from '../../../src-renderer/lib/i18n/format.js';
import { en, type MessageKey } from '../../../src-renderer/lib/i18n/en.js';
import { zhCN } from '../../../src-renderer/lib/i18n/zh-CN.js';
import {
  durationText,
  formatRunDuration,
  formatStart,
  ratioLabel,
  ratioText,
  ratioValue,
  runOrder,
  statusLabel,
  statusRank,
  statusTone,
} from '../../../src-renderer/lib/run-format.js';
import { hashFor, routeFromHash } from '../../../src-renderer/lib/route.js';

function labels(language: Language) {
  const catalogue = language === 'en' ? en : zhCN;
  return {
    language,
    t: (key: MessageKey, params?: Record<string, string | number>) => formatMessage(language, catalogue[key], params),
  };
}

const start = Date.parse('2026-12-04T10:00:00Z');
function run(over: Partial<SyncRun> = {}): SyncRun {
  return {
    key: 'p/tcr-1/7',
    profileId: 'p',
    source: { registryId: 'tcr-1', name: 'sh', regionId: 4, regionName: 'ap-shanghai' },
    ruleId: 3,
    runId: 7,
    status: 'Succeed',
    total: 20,
    succeeded: 18,
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 192_000).toISOString(),
    origin: 'cloud',
    ...over,
  };
}

describe('a run’s duration', () => {
  it('is end minus start once it ended, in both languages', () => {
    expect(durationText(labels('en'), run(), start + 999_999)).toBe('3 min 12 s');
    expect(durationText(labels('zh-CN'), run(), start + 999_999)).toBe('3分12秒');
  });

  it('counts up from the start while it runs, and says so', () => {
    const running = run({ status: 'InProgress', endedAt: undefined });
    expect(durationText(labels('en'), running, start + 5_000)).toBe('5 s so far');
    expect(durationText(labels('en'), running, start + 6_000)).toBe('6 s so far');
    expect(durationText(labels('zh-CN'), running, start + 65_000)).toBe('已进行1分5秒');
  });

  it('is empty when the start is garbled, never negative', () => {
    expect(durationText(labels('en'), run({ startedAt: 'soon' }), start)).toBe('');
    expect(durationText(labels('en'), run({ endedAt: new Date(start - 5000).toISOString() }), start)).toBe('0 s');
  });
});

describe('a length of time', () => {
  it('keeps its two largest units', () => {
    expect(formatRunDuration(labels('en'), 45_400)).toBe('45 s');
    expect(formatRunDuration(labels('en'), 3_912_000)).toBe('1 h 5 min');
    expect(formatRunDuration(labels('en'), 2 * 86_400_000 + 3 * 3_600_000)).toBe('2 d 3 h');
    expect(formatRunDuration(labels('zh-CN'), 3_912_000)).toBe('1小时5分钟');
    expect(formatRunDuration(labels('en'), 180_000)).toBe('3 min');
    expect(formatRunDuration(labels('zh-CN'), 180_000)).toBe('3分钟');
    expect(formatRunDuration(labels('en'), 7_200_000)).toBe('2 h');
    expect(formatRunDuration(labels('zh-CN'), 86_400_000)).toBe('1天');
    expect(formatRunDuration(labels('zh-CN'), 2 * 86_400_000 + 3 * 3_600_000)).toBe('2天3小时');
    expect(formatRunDuration(labels('en'), Number.NaN)).toBe('0 s');
  });
});

describe('when a run started', () => {
  it('leaves the year out within this year, in both languages', () => {
    const at = '2026-12-04T08:53:00Z';
    const now = Date.parse('2026-12-05T00:00:00Z');
    expect(formatStart('en', at, now)).toMatch(/^Dec 4, \d{1,2}:53\s?[AP]M$/);
    expect(formatStart('zh-CN', at, now)).toMatch(/^12月4日 \d{1,2}:53$/);
    expect(formatStart('en', at, Date.parse('2027-01-02T00:00:00Z'))).toContain('2026');
    expect(formatStart('en', 'soon', now)).toBe('soon');
  });
});

describe('a run’s success ratio', () => {
  it('is a fraction, a bar’s fill and words', () => {
    expect(ratioText(run())).toBe('18/20');
    expect(ratioValue(run())).toBe(0.9);
    expect(ratioLabel(labels('en'), run())).toBe('18 of 20 synced');
    expect(ratioLabel(labels('zh-CN'), run())).toBe('已同步 18/20');
  });

  it('has no bar when there was nothing to sync', () => {
    expect(ratioText(run({ total: 0, succeeded: 0 }))).toBe('0/0');
    expect(ratioValue(run({ total: 0, succeeded: 0 }))).toBeUndefined();
    expect(ratioLabel(labels('zh-CN'), run({ total: 0, succeeded: 0 }))).toBe('无需同步');
  });
});

describe('a run’s status', () => {
  it('is named in both languages, an unknown one as it comes', () => {
    expect(statusLabel(labels('en'), 'InProgress')).toBe('In progress');
    expect(statusLabel(labels('zh-CN'), 'Succeed')).toBe('成功');
    expect(statusLabel(labels('zh-CN'), 'Failed')).toBe('失败');
    expect(statusLabel(labels('en'), 'Stopped')).toBe('Stopped');
    expect(statusLabel(labels('zh-CN'), 'Paused')).toBe('Paused');
    expect(statusTone('Paused')).toBe('other');
  });

  it('sorts running first, then failed, stopped, unknown, succeeded', () => {
    const order = ['Succeed', 'Paused', 'Stopped', 'Failed', 'InProgress'].sort(
      (a, b) => statusRank(a) - statusRank(b),
    );
    expect(order).toEqual(['InProgress', 'Failed', 'Stopped', 'Paused', 'Succeed']);
  });

  it('lists runs in progress on top, then the newest first', () => {
    const old = run({ key: 'a', runId: 1, startedAt: new Date(start - 60_000).toISOString() });
    const newer = run({ key: 'b', runId: 2 });
    const running = run({
      key: 'c',
      runId: 0,
      status: 'InProgress',
      endedAt: undefined,
      startedAt: new Date(start - 120_000).toISOString(),
    });
    expect([old, newer, running].sort(runOrder).map((r) => r.key)).toEqual(['c', 'b', 'a']);
  });
});

describe('the Recent runs route', () => {
  it('carries the run to open, whichever separator the link used', () => {
    const key = '0b8c1c9e-0000-4000-8000-000000000001/tcr-1/42';
    expect(routeFromHash(hashFor({ view: 'runs', run: key }))).toEqual({ view: 'runs', run: key });
    expect(routeFromHash(`#/runs?run=${encodeURIComponent(key)}`)).toEqual({ view: 'runs', run: key });
    expect(routeFromHash('#/runs')).toEqual({ view: 'runs' });
    expect(routeFromHash('#/rules&instance=tcr-1')).toEqual({ view: 'rules', instance: 'tcr-1' });
  });
});
