// The choices of the Notifications and Watching settings as plain functions (no runes), so they
// are unit-tested: when do-not-disturb ends, whether it is on, and the watcher's intervals checked
// the way main checks them (the contract's ranges; the renderer may import only its types).

export type DndChoice = 'hour' | 'fourHours' | 'tomorrow';

/** When do-not-disturb chosen at `now` ends (ISO): in 1 h, in 4 h, or tomorrow at 08:00 local time. */
export function dndUntil(choice: DndChoice, now: Date): string {
  const end = new Date(now.getTime());
  if (choice === 'hour') end.setTime(now.getTime() + 3_600_000);
  else if (choice === 'fourHours') end.setTime(now.getTime() + 4 * 3_600_000);
  else {
    end.setDate(end.getDate() + 1);
    end.setHours(8, 0, 0, 0);
  }
  return end.toISOString();
}

/** Do-not-disturb is on: set, and not over yet. */
export function dndActive(until: string, now: number): boolean {
  if (until === '') return false;
  const end = Date.parse(until);
  return Number.isFinite(end) && end > now;
}

/** The contract's ranges (`settingsSchema`); a unit test holds them equal. */
export const intervalRanges = {
  watchIdleSeconds: { min: 60, max: 3600, code: 'watchIdle' },
  watchActiveSeconds: { min: 5, max: 300, code: 'watchActive' },
} as const;
export type IntervalField = keyof typeof intervalRanges;

/**
 * The field issue of what was typed (`field.<code>` in the catalogue), or undefined when it is a
 * whole number of seconds in range. An empty field reads as null (what a number input binds).
 */
export function intervalIssue(field: IntervalField, value: number | null | undefined): string | undefined {
  const { min, max, code } = intervalRanges[field];
  if (typeof value !== 'number' || !Number.isInteger(value)) return `${code}.invalid`;
  if (value < min || value > max) return `${code}.range`;
  return undefined;
}

/** A muted rule's key, `<profileId>/<registryId>/<ruleId>`, taken apart; undefined when garbled. */
export function parseRuleKey(key: string): { profileId: string; registryId: string; ruleId: number } | undefined {
  const [profileId, registryId, id, ...rest] = key.split('/');
  const ruleId = Number(id);
  if (!profileId || !registryId || rest.length > 0 || !Number.isSafeInteger(ruleId) || ruleId < 0) return undefined;
  return { profileId, registryId, ruleId };
}
