// The words of a finished run's announcement (desktop notification, tray entry), in both
// languages. Pure, so the shell only displays what this decides.
import type { Language, RunNotice, SyncRun } from '../contract/index.js';

/** The run's rule by name, or by its id when no known rule has it (deleted since). */
export function ruleLabel(run: Pick<SyncRun, 'ruleName' | 'ruleId'>): string {
  return run.ruleName ?? `#${run.ruleId}`;
}

const units = {
  en: {
    d: (n: number) => `${n} d`,
    h: (n: number) => `${n} h`,
    m: (n: number) => `${n} min`,
    s: (n: number) => `${n} s`,
  },
  'zh-CN': {
    d: (n: number) => `${n}天`,
    h: (n: number) => `${n}小时`,
    m: (n: number) => `${n}分钟`,
    s: (n: number) => `${n}秒`,
  },
} as const;

/** Minutes before seconds in Chinese are 分, not 分钟 ("3分12秒"). */
const minutesBeforeSeconds: Record<Language, (n: number) => string> = {
  en: (n) => `${n} min`,
  'zh-CN': (n) => `${n}分`,
};

/**
 * A duration in its two largest units, in whole seconds, the smaller left out when zero — the
 * same words the renderer's sync log uses (src-renderer/lib/run-format.ts): "45 s", "3 min 12 s",
 * "3 min", "2 h 5 min", "2 d 3 h"; "45秒", "3分12秒", "3分钟", "2小时5分钟", "2天3小时".
 */
export function formatDuration(ms: number, language: Language): string {
  const u = units[language];
  const join = language === 'en' ? ' ' : '';
  const total = Number.isFinite(ms) ? Math.floor(Math.max(0, ms) / 1000) : 0;
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return h > 0 ? `${u.d(d)}${join}${u.h(h)}` : u.d(d);
  if (h > 0) return m > 0 ? `${u.h(h)}${join}${u.m(m)}` : u.h(h);
  if (m > 0) return s > 0 ? `${minutesBeforeSeconds[language](m)}${join}${u.s(s)}` : u.m(m);
  return u.s(s);
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
 * zh-CN: "规则 sh-to-gz" / "已同步 18/20，用时 3分12秒——2 个失败".
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
