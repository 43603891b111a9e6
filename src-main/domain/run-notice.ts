// What the notification centre decides about a finished run, as pure functions: the entry it
// becomes, whether it is raised at once, and the tray's state.
import type { RunNotice, Settings, SyncRun, TrayState } from '../contract/index.js';
import { runDurationMs, runFailed } from './sync-run.js';

/** The key a rule is muted by in the `mutedRules` setting: `<profileId>/<registryId>/<ruleId>`. */
export function muteKey(rule: { profileId: string; registryId: string; ruleId: number }): string {
  return `${rule.profileId}/${rule.registryId}/${rule.ruleId}`;
}

interface RaiseSettings {
  notifyOn: Settings['notifyOn'];
  mutedRules: readonly string[];
  doNotDisturbUntil: string;
}

/** Whether the user is told at once: the history keeps the run either way. */
export function shouldRaise(run: SyncRun, failed: boolean, settings: RaiseSettings, now: number): boolean {
  if (settings.notifyOn === 'never') return false;
  if (settings.notifyOn === 'failures' && !failed) return false;
  if (settings.mutedRules.includes(muteKey({ ...run, registryId: run.source.registryId }))) return false;
  const quietUntil = settings.doNotDisturbUntil === '' ? Number.NaN : Date.parse(settings.doNotDisturbUntil);
  return Number.isNaN(quietUntil) || quietUntil <= now;
}

/** The entry a finished run becomes, unread. */
export function buildRunNotice(
  run: SyncRun,
  failedByStatus: Record<string, number>,
  settings: RaiseSettings,
  now: number,
): RunNotice {
  const failed = runFailed(run);
  return {
    id: run.key,
    at: new Date(now).toISOString(),
    run,
    // A run the cloud reports without an end time is measured up to now.
    durationMs: runDurationMs(run.startedAt, run.endedAt, now),
    failedByStatus: Object.fromEntries(Object.entries(failedByStatus).filter(([, count]) => count > 0)),
    failed,
    read: false,
    raised: shouldRaise(run, failed, settings, now),
  };
}

/** `failed` while an unread run failed, else `running` while a run is in progress, else `idle`. */
export function trayStateOf(entries: readonly RunNotice[], running: number): TrayState {
  if (entries.some((entry) => !entry.read && entry.failed)) return 'failed';
  return running > 0 ? 'running' : 'idle';
}
