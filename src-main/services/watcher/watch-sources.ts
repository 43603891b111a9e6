// Which source instances the watcher follows: those with an enabled rule, and those with a run in
// progress (a rule disabled mid-run is followed to the run's end). Pure.
import type { InstanceRow, RuleRow, SyncRun } from '../../contract/index.js';

export interface WatchSource {
  /** `<profileId>/<registryId>`. */
  key: string;
  profileId: string;
  registryId: string;
  name: string;
  regionId: number;
  /** Where the cloud looks the instance up. */
  regionName: string;
  /** It has an enabled rule (else it is followed only while a run of it is in progress). */
  enabled: boolean;
  /** It has rules at all (one with none enabled and nothing running shows as paused). */
  hasRules: boolean;
}

export function sourceKeyOf(profileId: string, registryId: string): string {
  return `${profileId}/${registryId}`;
}

/**
 * Every source instance of the known rules and running runs of existing profiles. The instance
 * list (when it knows the instance) says its name and region; else the rule or run does.
 */
export function watchSources(
  profileIds: ReadonlySet<string>,
  rules: readonly RuleRow[],
  instances: readonly InstanceRow[],
  runs: readonly SyncRun[],
): WatchSource[] {
  const byKey = new Map<string, WatchSource>();
  const instanceOf = new Map(instances.map((i) => [sourceKeyOf(i.profileId, i.registryId), i]));
  const add = (profileId: string, source: SyncRun['source'], enabled: boolean, hasRules: boolean): void => {
    if (!profileIds.has(profileId)) return;
    const key = sourceKeyOf(profileId, source.registryId);
    const known = byKey.get(key);
    if (known) {
      known.enabled ||= enabled;
      known.hasRules ||= hasRules;
      return;
    }
    const listed = instanceOf.get(key);
    byKey.set(key, {
      key,
      profileId,
      registryId: source.registryId,
      name: listed?.name ?? source.name,
      regionId: listed?.regionId ?? source.regionId,
      regionName: listed?.regionName ?? source.regionName,
      enabled,
      hasRules,
    });
  };
  for (const rule of rules) add(rule.profileId, rule.source, rule.enabled, true);
  for (const run of runs) {
    if (run.origin === 'cloud' && run.status === 'InProgress') add(run.profileId, run.source, false, false);
  }
  return [...byKey.values()];
}
