// What a sync run's figures mean, for every process that shows or announces one. Pure.

/** A run (or task) is final unless it is still in progress; unknown statuses count as final. */
export function isFinalStatus(status: string): boolean {
  return status !== 'InProgress';
}

/** Milliseconds from start to end, or to `now` while it runs; never negative, 0 when unknown. */
export function runDurationMs(startedAt: string, endedAt: string | undefined, now: number): number {
  const start = Date.parse(startedAt);
  if (Number.isNaN(start)) return 0;
  const end = endedAt === undefined ? now : Date.parse(endedAt);
  if (Number.isNaN(end)) return 0;
  return Math.max(0, end - start);
}

/** succeeded / total in [0, 1]; a run with nothing to sync is complete (1). */
export function successRatio(succeeded: number, total: number): number {
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, succeeded / total));
}

/** A finished run that did not fully succeed: a status other than Succeed, or tasks missing. */
export function runFailed(run: { status: string; succeeded: number; total: number }): boolean {
  return isFinalStatus(run.status) && (run.status !== 'Succeed' || run.succeeded < run.total);
}

const cloudTimePattern =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?(?:\s+[A-Za-z]+)?$/;

/**
 * A time as the cloud writes it, as ISO 8601, or undefined when it is empty or the zero time
 * (a run that has not ended). The cloud uses ISO for some objects and Go's time.String()
 * (`2026-11-28 19:59:03.123 +0800 CST`) for Harbor-backed ones; a time without an offset is
 * Beijing time, as the console shows it.
 */
export function cloudTimeToIso(text: string): string | undefined {
  const match = cloudTimePattern.exec(text.trim());
  if (!match) return undefined;
  const [, date, time, fraction = '', zone = '+08:00'] = match;
  if (date === undefined || time === undefined || date.startsWith('0001-')) return undefined;
  const offset = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const millis = fraction ? `.${fraction.slice(1, 4).padEnd(3, '0')}` : '';
  const iso = `${date}T${time}${millis}${offset}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
