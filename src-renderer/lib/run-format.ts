// How a sync run reads: its duration (ticking while it runs), its success ratio and its status.
// Plain functions of the UI language (no runes), so they are tested under Node as the app uses them;
// the sync log and the notification centre both word runs through them.
import type { SyncRun } from '../../src-main/contract/index.js';
import type { MessageKey } from './i18n/en.js';
import type { Labels } from './table/labels.js';

type RunLabels = Pick<Labels, 't'>;

/** The statuses the app has words for; the cloud may send others. */
export const knownStatuses = ['InProgress', 'Succeed', 'Failed', 'Stopped'] as const;

const known = {
  InProgress: 'runs.status.InProgress',
  Succeed: 'runs.status.Succeed',
  Failed: 'runs.status.Failed',
  Stopped: 'runs.status.Stopped',
} as const satisfies Record<string, MessageKey>;

/** The status in words; one the app does not know is shown as the cloud sent it. */
export function statusLabel(labels: RunLabels, status: string): string {
  const key = Object.hasOwn(known, status) ? known[status as keyof typeof known] : undefined;
  return key ? labels.t(key) : status;
}

/** How a status looks: its colour and mark. */
export type StatusTone = 'running' | 'ok' | 'bad' | 'warn' | 'other';

export function statusTone(status: string): StatusTone {
  switch (status) {
    case 'InProgress':
      return 'running';
    case 'Succeed':
      return 'ok';
    case 'Failed':
      return 'bad';
    case 'Stopped':
      return 'warn';
    default:
      return 'other';
  }
}

/** The order statuses sort in (ascending): running, then what needs a look, success last. */
export function statusRank(status: string): number {
  const ranks: Record<StatusTone, number> = { running: 0, bad: 1, warn: 2, other: 3, ok: 4 };
  return ranks[statusTone(status)];
}

/** The run is still going (a run is final unless its status is InProgress). */
export function isRunning(run: Pick<SyncRun, 'status'>): boolean {
  return run.status === 'InProgress';
}

/** Milliseconds from start to end, or to `now` while it runs; undefined when a date is missing or garbled. */
export function durationMs(run: { startedAt?: string; endedAt?: string }, now: number): number | undefined {
  if (run.startedAt === undefined) return undefined;
  const start = Date.parse(run.startedAt);
  const end = run.endedAt === undefined ? now : Date.parse(run.endedAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  return Math.max(0, end - start);
}

/**
 * A run's length in its two largest units, in whole seconds: "45 s", "3 min 12 s", "3 min",
 * "1 h 5 min", "2 d 3 h" / "45秒", "3分12秒", "3分钟", "1小时5分钟", "2天3小时" (the same words as
 * main's domain/notice-text.ts, which the desktop notification uses).
 */
export function formatRunDuration(labels: RunLabels, ms: number): string {
  const total = Number.isFinite(ms) ? Math.floor(Math.max(0, ms) / 1000) : 0;
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  // The smaller unit is left out when it is zero ("3 min", not "3 min 0 s"), as main's notice says it.
  if (d > 0) return h > 0 ? labels.t('runs.duration.dh', { d, h }) : labels.t('runs.duration.d', { d });
  if (h > 0) return m > 0 ? labels.t('runs.duration.hm', { h, m }) : labels.t('runs.duration.h', { h });
  if (m > 0) return s > 0 ? labels.t('runs.duration.ms', { m, s }) : labels.t('runs.duration.m', { m });
  return labels.t('runs.duration.s', { s });
}

/** The duration cell: "3 min 12 s", or "3 min 12 s so far" while it runs; '' without a start. */
export function durationText(
  labels: RunLabels,
  run: { status: string; startedAt?: string; endedAt?: string },
  now: number,
): string {
  const ms = durationMs(run, now);
  if (ms === undefined) return '';
  const text = formatRunDuration(labels, ms);
  return run.endedAt === undefined && isRunning(run) ? labels.t('runs.soFar', { duration: text }) : text;
}

/** "18/20": synced of the repositories / artifacts to sync. */
export function ratioText(run: Pick<SyncRun, 'succeeded' | 'total'>): string {
  return `${String(run.succeeded)}/${String(run.total)}`;
}

/** The bar's fill, 0…1; undefined when there was nothing to sync. */
export function ratioValue(run: Pick<SyncRun, 'succeeded' | 'total'>): number | undefined {
  if (run.total <= 0) return undefined;
  return Math.min(1, Math.max(0, run.succeeded / run.total));
}

/** The ratio in words, for screen readers and tooltips: "18 of 20 synced" / "已同步 18/20". */
export function ratioLabel(labels: RunLabels, run: Pick<SyncRun, 'succeeded' | 'total'>): string {
  if (run.total <= 0) return labels.t('runs.ratio.empty');
  return labels.t('runs.ratio.label', { succeeded: run.succeeded, total: run.total });
}

/** Runs in progress first, then the rest; each newest first. */
export function runOrder(a: SyncRun, b: SyncRun): number {
  const ra = isRunning(a) ? 0 : 1;
  const rb = isRunning(b) ? 0 : 1;
  if (ra !== rb) return ra - rb;
  const ta = Date.parse(a.startedAt) || 0;
  const tb = Date.parse(b.startedAt) || 0;
  if (ta !== tb) return tb - ta;
  return b.runId - a.runId;
}

/** The rule a run belongs to, as the rules table keys it: `<profileId>/<registryId>/<ruleId>`. */
export function ruleKeyOf(run: Pick<SyncRun, 'profileId' | 'source' | 'ruleId'>): string {
  return `${run.profileId}/${run.source.registryId}/${String(run.ruleId)}`;
}

const startFormats = new Map<string, Intl.DateTimeFormat>();
function startFormat(language: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${language}|${String(withYear)}`;
  let format = startFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      language,
      withYear
        ? { dateStyle: 'medium', timeStyle: 'short' }
        : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
    );
    startFormats.set(key, format);
  }
  return format;
}

/**
 * When a run started, as short as a log column allows: the year only when it is not this one
 * ("Dec 4, 4:53 PM" / "12月4日 16:53"); the text as it came when it is no date.
 */
export function formatStart(language: string, iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const withYear = new Date(time).getFullYear() !== new Date(now).getFullYear();
  return startFormat(language, withYear).format(time);
}
