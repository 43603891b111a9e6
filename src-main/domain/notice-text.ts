// The words of a finished run's announcement (desktop notification, tray entry), in both
// languages. Pure, so the shell only displays what this decides.
import type { Language, RunNotice, SyncRun } from '../contract/index.js';

/** The run's rule by name, or by its id when no known rule has it (deleted since). */
export function ruleLabel(run: Pick<SyncRun, 'ruleName' | 'ruleId'>): string {
  return run.ruleName ?? `#${run.ruleId}`;
}

const units = {
  en: { h: 'h', min: 'min', minAlone: 'min', s: 's', under: '< 1 s' },
  // 分 before seconds, 分钟 when it is the last unit ("3 分 12 秒", "3 分钟", "1 小时 2 分钟").
  'zh-CN': { h: '小时', min: '分', minAlone: '分钟', s: '秒', under: '不到 1 秒' },
} as const;

/**
 * A duration as people say it: seconds under a minute, minutes and seconds under an hour, hours
 * and minutes beyond ("45 s", "3 min 12 s", "2 h 5 min"; "45 秒", "3 分 12 秒", "2 小时 5 分钟").
 */
export function formatDuration(ms: number, language: Language): string {
  const u = units[language];
  if (!Number.isFinite(ms) || ms <= 0) return `0 ${u.s}`;
  if (ms < 1000) return u.under;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours} ${u.h} ${minutes} ${u.minAlone}` : `${hours} ${u.h}`;
  if (minutes > 0) return seconds > 0 ? `${minutes} ${u.min} ${seconds} ${u.s}` : `${minutes} ${u.minAlone}`;
  return `${seconds} ${u.s}`;
}

const statusWords: Record<Language, Record<string, string>> = {
  en: { Failed: 'failed', Stopped: 'stopped', InProgress: 'still running' },
  'zh-CN': { Failed: '失败', Stopped: '已停止', InProgress: '仍在进行' },
};

/** "2 failed, 1 stopped" / "2 个失败、1 个已停止"; a status the app does not know is quoted as it came. */
export function formatFailedCounts(failedByStatus: Record<string, number>, language: Language): string {
  const words = statusWords[language];
  const parts = Object.entries(failedByStatus)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([status, count]) => {
      const word = words[status] ?? status;
      return language === 'en' ? `${count} ${word}` : `${count} 个${word}`;
    });
  return parts.join(language === 'en' ? ', ' : '、');
}

/** Why the run did not fully succeed when no task says so (the run itself failed or stopped). */
function runOutcome(status: string, language: Language): string {
  const word = statusWords[language][status];
  if (language === 'en') return word === undefined ? `ended ${status}` : `run ${word}`;
  return word === undefined ? `结束状态 ${status}` : `同步${word}`;
}

export interface NoticeText {
  title: string;
  body: string;
}

type NoticeFacts = Pick<RunNotice, 'run' | 'durationMs' | 'failedByStatus' | 'failed'>;

/**
 * en: "rule sh-to-gz" / "18/20 synced in 3 min 12 s — 2 failed".
 * zh-CN: "规则 sh-to-gz" / "已同步 18/20，用时 3 分 12 秒——2 个失败".
 */
export function noticeText(notice: NoticeFacts, language: Language): NoticeText {
  const { run } = notice;
  const ratio = `${run.succeeded}/${run.total}`;
  const duration = formatDuration(notice.durationMs, language);
  const counts = formatFailedCounts(notice.failedByStatus, language);
  const problem = !notice.failed ? '' : counts !== '' ? counts : runOutcome(run.status, language);
  if (language === 'en') {
    return {
      title: `rule ${ruleLabel(run)}`,
      body: `${ratio} synced in ${duration}${problem === '' ? '' : ` — ${problem}`}`,
    };
  }
  return {
    title: `规则 ${ruleLabel(run)}`,
    body: `已同步 ${ratio}，用时 ${duration}${problem === '' ? '' : `——${problem}`}`,
  };
}

/** One line of the tray menu: "✓ sh-to-gz 18/20 · 3 min 12 s" / "✗ …". */
export function noticeMenuLabel(notice: NoticeFacts, language: Language): string {
  const mark = notice.failed ? '✗' : '✓';
  const { run } = notice;
  return `${mark} ${ruleLabel(run)} ${run.succeeded}/${run.total} · ${formatDuration(notice.durationMs, language)}`;
}
