// The words a finished run is announced with, in both languages.
import { describe, expect, it } from 'vitest';
import { formatDuration, noticeMenuLabel, noticeText } from '../../../src-main/domain/notice-text.js';
import { buildRunNotice } from '../../../src-main/domain/run-notice.js';
import { finishedRun } from '../services/notifications/runs.js';

const loud = { notifyOn: 'all', mutedRules: [], doNotDisturbUntil: '' } as const;
const NOW = Date.parse('2026-11-28T10:00:00.000Z');

describe('formatDuration', () => {
  it('says seconds, minutes and seconds, hours and minutes, in English', () => {
    expect(formatDuration(0, 'en')).toBe('0 s');
    expect(formatDuration(400, 'en')).toBe('0 s');
    expect(formatDuration(45_000, 'en')).toBe('45 s');
    expect(formatDuration(192_000, 'en')).toBe('3 min 12 s');
    expect(formatDuration(180_000, 'en')).toBe('3 min');
    expect(formatDuration(3_600_000, 'en')).toBe('1 h');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000 + 40_000, 'en')).toBe('2 h 5 min');
  });

  it('says the same in Chinese', () => {
    expect(formatDuration(0, 'zh-CN')).toBe('0秒');
    expect(formatDuration(45_000, 'zh-CN')).toBe('45秒');
    expect(formatDuration(192_000, 'zh-CN')).toBe('3分12秒');
    expect(formatDuration(180_000, 'zh-CN')).toBe('3分钟');
    expect(formatDuration(3_600_000, 'zh-CN')).toBe('1小时');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000, 'zh-CN')).toBe('2小时5分钟');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000, 'zh-CN')).toBe('2天3小时');
  });

  it('counts whole seconds, as the sync log does (it ticks up from 0 s)', () => {
    expect(formatDuration(59_600, 'en')).toBe('59 s');
    expect(formatDuration(1_999, 'en')).toBe('1 s');
    expect(formatDuration(2 * 86_400_000, 'en')).toBe('2 d');
  });
});

describe('noticeText', () => {
  it('names the rule, the ratio, the time and the failed tasks by status (en)', () => {
    const notice = buildRunNotice(finishedRun(), { Failed: 2 }, loud, NOW);
    expect(noticeText(notice, 'en')).toEqual({ title: 'rule sh-to-gz', body: '18/20 synced in 3 min 12 s — 2 failed' });
  });

  it('says the same in Chinese, with Chinese punctuation', () => {
    const notice = buildRunNotice(finishedRun(), { Failed: 2 }, loud, NOW);
    expect(noticeText(notice, 'zh-CN')).toEqual({
      title: '规则 sh-to-gz',
      body: '已同步 18/20，用时 3分12秒——2 个失败',
    });
  });

  it('counts each status of the failed tasks, most first; an unknown status as it came', () => {
    const notice = buildRunNotice(finishedRun({ succeeded: 14 }), { Stopped: 1, Failed: 4, Weird: 1 }, loud, NOW);
    expect(noticeText(notice, 'en').body).toBe('14/20 synced in 3 min 12 s — 4 failed, 1 stopped, 1 Weird');
    expect(noticeText(notice, 'zh-CN').body).toBe('已同步 14/20，用时 3分12秒——4 个失败、1 个已停止、1 个Weird');
  });

  it('says nothing of failures for a run that fully succeeded', () => {
    const notice = buildRunNotice(finishedRun({ status: 'Succeed', succeeded: 20 }), {}, loud, NOW);
    expect(noticeText(notice, 'en').body).toBe('20/20 synced in 3 min 12 s');
    expect(noticeText(notice, 'zh-CN').body).toBe('已同步 20/20，用时 3分12秒');
  });

  it('says how the run ended when no task tells why it failed', () => {
    const notice = buildRunNotice(finishedRun({ status: 'Stopped', succeeded: 0 }), {}, loud, NOW);
    expect(noticeText(notice, 'en').body).toBe('0/20 synced in 3 min 12 s — run stopped');
    expect(noticeText(notice, 'zh-CN').body).toBe('已同步 0/20，用时 3分12秒——同步已停止');
  });

  it('names a deleted rule by its id', () => {
    const { ruleName: _gone, ...run } = finishedRun({ ruleId: 12 });
    const notice = buildRunNotice(run, { Failed: 2 }, loud, NOW);
    expect(noticeText(notice, 'en').title).toBe('rule #12');
    expect(noticeText(notice, 'zh-CN').title).toBe('规则 #12');
  });
});

describe('noticeMenuLabel', () => {
  it('marks a run that succeeded and one that failed', () => {
    const ok = buildRunNotice(finishedRun({ status: 'Succeed', succeeded: 20 }), {}, loud, NOW);
    const bad = buildRunNotice(finishedRun(), { Failed: 2 }, loud, NOW);
    expect(noticeMenuLabel(ok, 'en')).toBe('✓ sh-to-gz 20/20 · 3 min 12 s');
    expect(noticeMenuLabel(bad, 'en')).toBe('✗ sh-to-gz 18/20 · 3 min 12 s');
    expect(noticeMenuLabel(bad, 'zh-CN')).toBe('✗ sh-to-gz 18/20 · 3分12秒');
  });
});
