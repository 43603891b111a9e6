// The words of a finished run's notice in the renderer (the notification centre, its toasts, the
// browser's notifications): "18/20 synced in 3 min 12 s — 2 failed" / "已同步 18/20，用时 3分12秒——2 个失败".
// Main words the desktop notification alike (domain/notice-text.ts); the renderer may not import it.
import type { RunNotice, SyncRun } from '../../src-main/contract/index.js';
import type { MessageKey } from './i18n/en.js';
import { formatRunDuration, ratioText, statusLabel } from './run-format.js';
import type { Labels } from './table/labels.js';

type NoticeLabels = Pick<Labels, 't'>;

const failedKeys: Record<string, MessageKey> = {
  Failed: 'notifications.failedBy.Failed',
  Stopped: 'notifications.failedBy.Stopped',
  InProgress: 'notifications.failedBy.InProgress',
};

/** The run's rule by name, or by its id when no known rule has it (deleted since). */
export function noticeRule(run: Pick<SyncRun, 'ruleName' | 'ruleId'>): string {
  return run.ruleName ?? `#${String(run.ruleId)}`;
}

/**
 * The tasks that did not succeed, counted by status, most first: "2 failed, 1 stopped" /
 * "2 个失败、1 个已停止"; a status the app has no word for as it came ("3 Paused"); '' when none.
 */
export function failedCountsText(labels: NoticeLabels, counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, count]) => Number.isFinite(count) && count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([status, count]) => {
      const key = Object.hasOwn(failedKeys, status) ? failedKeys[status] : undefined;
      return key ? labels.t(key, { count }) : labels.t('notifications.failedBy.other', { count, status });
    })
    .join(labels.t('notifications.failedBy.separator'));
}

type NoticeFacts = Pick<RunNotice, 'run' | 'durationMs' | 'failedByStatus' | 'failed'>;

/**
 * "18/20 synced in 3 min 12 s", and what went wrong when it did not fully succeed: the failed
 * tasks by status, or the run's own status when no task says ("— run Failed").
 */
export function noticeSummary(labels: NoticeLabels, notice: NoticeFacts): string {
  const ratio = ratioText(notice.run);
  const duration = formatRunDuration(labels, notice.durationMs);
  if (!notice.failed) return labels.t('notifications.summary', { ratio, duration });
  const counts = failedCountsText(labels, notice.failedByStatus);
  const problem = counts || labels.t('notifications.runEnded', { status: statusLabel(labels, notice.run.status) });
  return labels.t('notifications.summaryProblem', { ratio, duration, problem });
}

/** The one line a toast or a browser notification says: "Rule sh-to-gz: 18/20 synced in …". */
export function noticeLine(labels: NoticeLabels, notice: NoticeFacts): string {
  return labels.t('notifications.toast', { rule: noticeRule(notice.run), summary: noticeSummary(labels, notice) });
}
