// How a run on this computer reads while it runs: bytes, speed and time left in both languages,
// its share done for the bar, and why a rule did not start.
import { describe, expect, it } from 'vitest';
import type { Language, LocalRunProgress, ProfileView } from '../../../src-main/contract/index.js';
import { bandwidthIssue } from '../../../src-renderer/lib/bandwidth-cap.js';
import { formatMessage } from '../../../src-renderer/lib/i18n/format.js';
import { en, type MessageKey } from '../../../src-renderer/lib/i18n/en.js';
import { zhCN } from '../../../src-renderer/lib/i18n/zh-CN.js';
import {
  artifactsText,
  bytesText,
  formatBytes,
  formatSpeed,
  formatTimeLeft,
  phaseLabel,
  progressValue,
} from '../../../src-renderer/lib/local-run-format.js';
import { productionEnds, refusalText, runTouchesProduction } from '../../../src-renderer/lib/sync-now.js';

function labels(language: Language) {
  const catalogue = language === 'en' ? en : zhCN;
  return {
    language,
    t: (key: MessageKey, params?: Record<string, string | number>) => formatMessage(language, catalogue[key], params),
  };
}
const EN = labels('en');
const ZH = labels('zh-CN');

function progress(over: Partial<LocalRunProgress> = {}): LocalRunProgress {
  return {
    key: 'p/tcr-1/1000000000000001',
    profileId: 'p',
    source: { registryId: 'tcr-1', name: 'sh' },
    ruleName: 'sh-to-gz',
    ruleId: 3,
    target: { registryId: 'tcr-2', name: 'gz' },
    kind: 'rule',
    phase: 'copying',
    artifactsDone: 3,
    artifactsTotal: 10,
    artifactsFailed: 0,
    bytesSent: 250_000_000,
    bytesTotal: 1_000_000_000,
    bytesPerSecond: 12_500_000,
    secondsLeft: 60,
    startedAt: '2026-12-04T10:00:00Z',
    cancelling: false,
    ...over,
  };
}

describe('bytes', () => {
  it('counts in decimal units with three figures at most', () => {
    expect(formatBytes('en', 0)).toBe('0 B');
    expect(formatBytes('en', 999)).toBe('999 B');
    expect(formatBytes('en', 1000)).toBe('1.00 kB');
    expect(formatBytes('en', 1234)).toBe('1.23 kB');
    expect(formatBytes('en', 45_600)).toBe('45.6 kB');
    expect(formatBytes('en', 999_700)).toBe('1.00 MB');
    expect(formatBytes('en', 123_456_789)).toBe('123 MB');
    expect(formatBytes('en', 1_500_000_000)).toBe('1.50 GB');
    expect(formatBytes('en', 12_345_000_000_000)).toBe('12.3 TB');
  });

  it('uses the language’s separators and never shows a negative or garbled size', () => {
    expect(formatBytes('en', 5_000_000_000_000_000)).toBe('5,000 TB');
    expect(formatBytes('zh-CN', 1_500_000_000)).toBe('1.50 GB');
    expect(formatBytes('en', -5)).toBe('0 B');
    expect(formatBytes('en', Number.NaN)).toBe('0 B');
  });

  it('says sent of total, or what was sent while the total is unknown', () => {
    expect(bytesText(EN, progress())).toBe('250 MB of 1.00 GB');
    expect(bytesText(ZH, progress())).toBe('250 MB/1.00 GB');
    expect(bytesText(EN, progress({ bytesTotal: 0, bytesSent: 4_200_000 }))).toBe('4.20 MB sent');
    expect(bytesText(ZH, progress({ bytesTotal: 0, bytesSent: 4_200_000 }))).toBe('已发送 4.20 MB');
    expect(bytesText(EN, progress({ bytesTotal: 0, bytesSent: 0 }))).toBe('');
    // A retried blob may count twice: never more than all of it.
    expect(bytesText(EN, progress({ bytesSent: 1_200_000_000 }))).toBe('1.00 GB of 1.00 GB');
  });
});

describe('speed', () => {
  it('per second in each language; nothing while nothing flows', () => {
    expect(formatSpeed(EN, 12_500_000)).toBe('12.5 MB/s');
    expect(formatSpeed(ZH, 12_500_000)).toBe('12.5 MB/秒');
    expect(formatSpeed(EN, 800)).toBe('800 B/s');
    expect(formatSpeed(EN, 0)).toBe('');
    expect(formatSpeed(EN, Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('time left', () => {
  it('in the run log’s two largest units', () => {
    expect(formatTimeLeft(EN, 45)).toBe('45 s left');
    expect(formatTimeLeft(EN, 192)).toBe('3 min 12 s left');
    expect(formatTimeLeft(EN, 3900)).toBe('1 h 5 min left');
    expect(formatTimeLeft(ZH, 45)).toBe('剩余 45秒');
    expect(formatTimeLeft(ZH, 192)).toBe('剩余 3分12秒');
    expect(formatTimeLeft(ZH, 3600)).toBe('剩余 1小时');
  });

  it('rounds up (never "0 s" while a fraction remains) and says nothing when it cannot be told', () => {
    expect(formatTimeLeft(EN, 0.4)).toBe('1 s left');
    expect(formatTimeLeft(EN, 0)).toBe('0 s left');
    expect(formatTimeLeft(EN, undefined)).toBe('');
    expect(formatTimeLeft(EN, -3)).toBe('');
    expect(formatTimeLeft(EN, Number.NaN)).toBe('');
  });
});

describe('share done and artifacts', () => {
  it('by bytes once known, else by artifacts; no value while waiting or planning', () => {
    expect(progressValue(progress())).toBe(0.25);
    expect(progressValue(progress({ bytesTotal: 0, bytesSent: 0 }))).toBe(0.3);
    expect(progressValue(progress({ phase: 'planning' }))).toBeUndefined();
    expect(progressValue(progress({ phase: 'queued' }))).toBeUndefined();
    expect(progressValue(progress({ bytesTotal: 0, artifactsTotal: 0, artifactsDone: 0 }))).toBeUndefined();
    expect(progressValue(progress({ phase: 'finishing', bytesTotal: 0, artifactsTotal: 0 }))).toBe(1);
    expect(progressValue(progress({ bytesSent: 2_000_000_000 }))).toBe(1);
  });

  it('counts done of total, and the failed ones with Chinese punctuation', () => {
    expect(artifactsText(EN, progress())).toBe('3 of 10 artifacts');
    expect(artifactsText(EN, progress({ artifactsFailed: 2 }))).toBe('3 of 10 artifacts, 2 failed');
    expect(artifactsText(ZH, progress({ artifactsFailed: 2 }))).toBe('3/10 个制品，2 个失败');
  });

  it('names each phase', () => {
    expect(phaseLabel(EN, 'planning')).toBe('Comparing source and target');
    expect(phaseLabel(ZH, 'copying')).toBe('正在复制');
  });
});

describe('why a rule did not start', () => {
  it('has words for every refusal in both languages', () => {
    expect(refusalText(EN, 'alreadyRunning')).toBe('A run of this rule is already in progress on this computer.');
    expect(refusalText(ZH, 'nothingToRetry')).toBe('没有可重试的内容：此次同步没有失败项。');
    for (const reason of ['alreadyRunning', 'unknownRule', 'noTargetAccess', 'nothingToRetry'] as const) {
      expect(refusalText(ZH, reason)).not.toBe(reason);
    }
  });
});

describe('the toast of a Sync now that started', () => {
  it('names the one rule, or counts them', () => {
    expect(EN.t('syncNow.startedToast', { count: 1, name: 'sh-to-gz' })).toBe('Sync now started: sh-to-gz.');
    expect(EN.t('syncNow.startedToast', { count: 3, name: 'sh-to-gz' })).toBe('Sync now started for 3 rules.');
    expect(ZH.t('syncNow.startedToast', { count: 1, name: 'sh-to-gz' })).toBe('已触发同步：sh-to-gz。');
    expect(ZH.t('syncNow.startedToast', { count: 3, name: 'sh-to-gz' })).toBe('已为 3 条规则触发同步。');
  });
});

describe('the bandwidth cap field', () => {
  it('takes 0 (no cap) to 100,000 Mbit/s with the contract’s codes', () => {
    expect(bandwidthIssue(0)).toBeUndefined();
    expect(bandwidthIssue(12.5)).toBeUndefined();
    expect(bandwidthIssue(100_000)).toBeUndefined();
    expect(bandwidthIssue(null)).toBe('bandwidthCap.invalid');
    expect(bandwidthIssue(Number.NaN)).toBe('bandwidthCap.invalid');
    expect(bandwidthIssue(-1)).toBe('bandwidthCap.range');
    expect(bandwidthIssue(100_001)).toBe('bandwidthCap.range');
  });
});

describe('the production guard of Retry failed', () => {
  const profile = (id: string, production: boolean) => ({ id, name: id, production }) as unknown as ProfileView;
  const list = [profile('src', false), profile('dst', true)];

  it('asks when either end of the run is a production account', () => {
    expect(runTouchesProduction(list, { profileId: 'src', target: { profileId: 'dst' } })).toBe(true);
    expect(runTouchesProduction(list, { profileId: 'dst' })).toBe(true);
    expect(runTouchesProduction(list, { profileId: 'src', target: { registryId: 'tcr-x' } })).toBe(false);
    expect(runTouchesProduction(list, { profileId: 'gone' })).toBe(false);
    expect(productionEnds(list, { profileId: 'src', target: { profileId: 'dst' } }).map((p) => p?.id)).toEqual([
      'src',
      'dst',
    ]);
  });
});
