// How a run on this computer reads while it runs: bytes, speed, time left, its share done.
// Plain functions of the UI language (no runes), tested under Node as the app uses them.
import type { LocalRunPhase, LocalRunProgress } from '../../src-main/contract/index.js';
import type { MessageKey } from './i18n/en.js';
import { formatRunDuration } from './run-format.js';
import type { Labels } from './table/labels.js';

type FormatLabels = Pick<Labels, 't'> & { language: string };

/** Decimal units, as network speeds (Mbit/s) and registries count them. */
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

const numberFormats = new Map<string, Intl.NumberFormat>();
function decimals(language: string, digits: number): Intl.NumberFormat {
  const key = `${language}|${String(digits)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * 0 → "0 B", 1_234 → "1.2 kB", 1_500_000_000 → "1.50 GB": three significant figures at most
 * (one decimal below 100 of a unit, none above), in the language's digits and separators.
 */
export function formatBytes(language: string, bytes: number): string {
  let value = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
  return `${decimals(language, digits).format(value)} ${UNITS[unit] ?? 'B'}`;
}

/** "12.3 MB/s" / "12.3 MB/秒"; '' while nothing flows (a speed of 0 says nothing useful). */
export function formatSpeed(labels: FormatLabels, bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '';
  return labels.t('syncNow.speed', { size: formatBytes(labels.language, bytesPerSecond) });
}

/**
 * "3 min 12 s left" / "剩余 3分12秒" in the run log's two largest units; '' when it cannot be
 * told (absent, negative, not a number). Under a second reads as "0 s left": nearly done.
 */
export function formatTimeLeft(labels: FormatLabels, secondsLeft: number | undefined): string {
  if (secondsLeft === undefined || !Number.isFinite(secondsLeft) || secondsLeft < 0) return '';
  return labels.t('syncNow.timeLeft', { duration: formatRunDuration(labels, Math.ceil(secondsLeft) * 1000) });
}

const phases = {
  queued: 'syncNow.phase.queued',
  planning: 'syncNow.phase.planning',
  copying: 'syncNow.phase.copying',
  finishing: 'syncNow.phase.finishing',
} as const satisfies Record<LocalRunPhase, MessageKey>;

export function phaseLabel(labels: Pick<Labels, 't'>, phase: LocalRunPhase): string {
  return Object.hasOwn(phases, phase) ? labels.t(phases[phase]) : phase;
}

/**
 * The run's share done, 0…1, for its bar: by bytes once the bytes to send are known, else by
 * artifacts; undefined while it cannot be told (queued, planning, nothing selected yet), when the
 * bar shows that it is busy without a value.
 */
export function progressValue(
  run: Pick<LocalRunProgress, 'phase' | 'bytesSent' | 'bytesTotal' | 'artifactsDone' | 'artifactsTotal'>,
): number | undefined {
  if (run.phase === 'queued' || run.phase === 'planning') return undefined;
  if (run.bytesTotal > 0) return clamp(run.bytesSent / run.bytesTotal);
  if (run.artifactsTotal > 0) return clamp(run.artifactsDone / run.artifactsTotal);
  return run.phase === 'finishing' ? 1 : undefined;
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** "3 of 10 artifacts, 1 failed" / "3/10 个制品，1 个失败". */
export function artifactsText(
  labels: FormatLabels,
  run: Pick<LocalRunProgress, 'artifactsDone' | 'artifactsTotal' | 'artifactsFailed'>,
): string {
  const done = labels.t('syncNow.artifacts', { done: run.artifactsDone, total: run.artifactsTotal });
  if (run.artifactsFailed <= 0) return done;
  const failed = labels.t('syncNow.artifactsFailed', { count: run.artifactsFailed });
  return `${done}${labels.language === 'zh-CN' ? '，' : ', '}${failed}`;
}

/** "120 MB of 1.50 GB", or "120 MB sent" while the total is unknown; '' before a byte is known. */
export function bytesText(labels: FormatLabels, run: Pick<LocalRunProgress, 'bytesSent' | 'bytesTotal'>): string {
  if (run.bytesTotal > 0)
    return labels.t('syncNow.bytes', {
      sent: formatBytes(labels.language, Math.min(run.bytesSent, run.bytesTotal)),
      total: formatBytes(labels.language, run.bytesTotal),
    });
  if (run.bytesSent > 0) return labels.t('syncNow.bytesSent', { sent: formatBytes(labels.language, run.bytesSent) });
  return '';
}

/** The run's target as the panel names it: the instance's name, else its ID. */
export function targetName(run: Pick<LocalRunProgress, 'target'>): string {
  return run.target.name ?? run.target.registryId ?? '';
}
