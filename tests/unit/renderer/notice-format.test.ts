// A finished run's notice as the notification centre, its toasts and the browser's notifications
// say it, in both languages: ratio, duration in h/min/s, failed tasks counted by status.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunNotice, SyncRun } from '../../../src-main/contract/index.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';
import { failedCountsText, noticeLine, noticeRule, noticeSummary } from '../../../src-renderer/lib/notice-format.js';

afterEach(() => {
  i18n.language = 'en';
});

const run: SyncRun = {
  key: 'p1/tcr-sh/41',
  profileId: 'p1',
  source: { registryId: 'tcr-sh', name: 'prod-sh', regionId: 4, regionName: 'ap-shanghai' },
  ruleId: 7,
  ruleName: 'sh-to-gz',
  runId: 41,
  status: 'Failed',
  total: 20,
  succeeded: 18,
  startedAt: '2026-12-04T10:00:00+08:00',
  endedAt: '2026-12-04T10:03:12+08:00',
  origin: 'cloud',
};
const failedRun: Pick<RunNotice, 'run' | 'durationMs' | 'failedByStatus' | 'failed'> = {
  run,
  durationMs: 192_000,
  failedByStatus: { Failed: 2 },
  failed: true,
};
const okRun = { ...failedRun, run: { ...run, status: 'Succeed', succeeded: 20 }, failedByStatus: {}, failed: false };

describe('notice summary', () => {
  it('says the ratio, the duration and the failed tasks (en)', () => {
    expect(noticeSummary(i18n, failedRun)).toBe('18/20 synced in 3 min 12 s — 2 failed');
    expect(noticeLine(i18n, failedRun)).toBe('Rule sh-to-gz: 18/20 synced in 3 min 12 s — 2 failed');
    expect(noticeSummary(i18n, okRun)).toBe('20/20 synced in 3 min 12 s');
  });

  it('says the same in Chinese, with Chinese punctuation', () => {
    i18n.language = 'zh-CN';
    expect(noticeSummary(i18n, failedRun)).toBe('已同步 18/20，用时 3分12秒——2 个失败');
    expect(noticeLine(i18n, failedRun)).toBe('规则 sh-to-gz：已同步 18/20，用时 3分12秒——2 个失败');
    expect(noticeSummary(i18n, okRun)).toBe('已同步 20/20，用时 3分12秒');
  });

  it('says hours and minutes, and seconds alone', () => {
    expect(noticeSummary(i18n, { ...okRun, durationMs: 3_912_000 })).toBe('20/20 synced in 1 h 5 min');
    expect(noticeSummary(i18n, { ...okRun, durationMs: 4000 })).toBe('20/20 synced in 4 s');
    i18n.language = 'zh-CN';
    expect(noticeSummary(i18n, { ...okRun, durationMs: 3_912_000 })).toBe('已同步 20/20，用时 1小时5分钟');
  });

  it('names the run’s own status when no task says what went wrong', () => {
    const stopped = { ...failedRun, run: { ...run, status: 'Stopped', succeeded: 0, total: 0 }, failedByStatus: {} };
    expect(noticeSummary(i18n, { ...stopped, durationMs: 5000 })).toBe('0/0 synced in 5 s — run Stopped');
    i18n.language = 'zh-CN';
    expect(noticeSummary(i18n, { ...stopped, durationMs: 5000 })).toBe('已同步 0/0，用时 5秒——同步已停止');
  });

  it('names a deleted rule by its id', () => {
    expect(noticeRule({ ruleId: 7 })).toBe('#7');
    expect(noticeLine(i18n, { ...okRun, run: { ...okRun.run, ruleName: undefined } })).toBe(
      'Rule #7: 20/20 synced in 3 min 12 s',
    );
  });
});

describe('failed tasks by status', () => {
  const counts = { Stopped: 1, Failed: 2, Paused: 3 };

  it('counts them by status, most first, a status without words as it came', () => {
    expect(failedCountsText(i18n, counts)).toBe('3 Paused, 2 failed, 1 stopped');
    i18n.language = 'zh-CN';
    expect(failedCountsText(i18n, counts)).toBe('Paused：3 个、2 个失败、1 个已停止');
  });

  it('says nothing when every task succeeded', () => {
    expect(failedCountsText(i18n, {})).toBe('');
    expect(failedCountsText(i18n, { Failed: 0 })).toBe('');
  });
});
