// The Recent runs table's columns: what each shows, sorts by and is found by. How cells look (the
// snippets: the status badge, the ratio bar, the ticking duration) is added by the view.
import type { ProfileView, SyncRun, WatchedSource } from '../../../src-main/contract/index.js';
import { regionLabel } from '../region-labels.js';
import {
  durationMs,
  durationText,
  formatStart,
  ratioText,
  ratioValue,
  statusLabel,
  statusRank,
} from '../run-format.js';
import type { DataColumn } from './data-column.js';
import type { Labels } from './labels.js';

/** A row of Recent runs: the run, its account, and how fresh the watcher's view of its source is. */
export interface RunItem {
  key: string;
  run: SyncRun;
  profile: ProfileView | undefined;
  targetProfile: ProfileView | undefined;
  /** The watcher's state of the run's source instance. */
  source: WatchedSource | undefined;
  /** The source could not be read lately (refused, backing off): this is what was last known. */
  stale: boolean;
}

/** Refused keys, or failing reads: the runs shown for such a source are the last known ones. */
export function isStaleSource(source: WatchedSource | undefined): boolean {
  return (
    source !== undefined && (source.state === 'refused' || source.state === 'backoff' || source.error !== undefined)
  );
}

/** The rule's name, or its id when no known rule of the instance has it any more. */
export function ruleText(labels: Labels, run: SyncRun): string {
  return run.ruleName ?? labels.t('runs.unknownRule', { id: String(run.ruleId) });
}

/** The target's instance as the rules list knows it. */
export function targetText(run: SyncRun): string {
  return run.target?.name || run.target?.registryId || '';
}

/**
 * The run with its target named where the rules list only had an ID (a target in another
 * account), from the instances the app knows.
 */
export function withTargetName(run: SyncRun, nameOf: (registryId: string) => string | undefined): SyncRun {
  const target = run.target;
  if (!target?.registryId || target.name) return run;
  const name = nameOf(target.registryId);
  return name ? { ...run, target: { ...target, name } } : run;
}

/** Source → target, by instance name. */
export function routeText(run: SyncRun): string {
  const target = targetText(run);
  return target ? `${run.source.name} → ${target}` : run.source.name;
}

/** "last known, read 5 minutes ago" on the runs of a source that could not be read lately. */
export function runStaleTag(labels: Labels, item: RunItem, now: number): string | undefined {
  const fetchedAt = item.source?.fetchedAt;
  return item.stale && fetchedAt ? labels.t('runs.staleTag', { age: labels.formatAge(fetchedAt, now) }) : undefined;
}

function dateOf(iso: string | undefined): Date | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/**
 * The columns. `now` gives the time for running runs' durations when sorting and filtering (the
 * cells tick on their own).
 */
export function runColumns(labels: Labels, now: () => number): Omit<DataColumn<RunItem>, 'cell'>[] {
  return [
    {
      id: 'runId',
      header: 'runs.col.runId',
      text: (i) => String(i.run.runId),
      sortValue: (i) => i.run.runId,
      priority: 3,
      minWidth: 80,
      class: 'mono',
    },
    {
      id: 'rule',
      header: 'runs.col.rule',
      text: (i) => ruleText(labels, i.run),
      search: (i) => [String(i.run.ruleId), ...(i.run.origin === 'local' ? [labels.t('runs.origin.local')] : [])],
      priority: 1,
      minWidth: 130,
      maxWidth: 240,
      title: (i) => ruleText(labels, i.run),
      class: 'name',
    },
    {
      id: 'account',
      header: 'runs.col.account',
      text: (i) => i.profile?.name ?? '',
      // Its colour is beside the source too: it folds before the route does.
      priority: 3,
      minWidth: 110,
      wrap: true,
    },
    {
      id: 'route',
      header: 'runs.col.route',
      text: (i) => routeText(i.run),
      search: (i) => [
        i.run.source.registryId,
        i.run.source.regionName,
        regionLabel(i.run.source.regionName, labels.language),
        i.run.target?.registryId ?? '',
        i.targetProfile?.name ?? '',
        runStaleTag(labels, i, now()) ?? '',
      ],
      title: (i) =>
        [
          `${regionLabel(i.run.source.regionName, labels.language)} · ${i.run.source.name}`,
          [
            i.targetProfile?.name,
            i.run.target?.regionName ? regionLabel(i.run.target.regionName, labels.language) : undefined,
            targetText(i.run),
          ]
            .filter(Boolean)
            .join(' · '),
        ]
          .filter(Boolean)
          .join(' → '),
      priority: 2,
      minWidth: 160,
      wrap: true,
    },
    {
      id: 'created',
      header: 'runs.col.created',
      text: (i) => formatStart(labels.language, i.run.startedAt, now()),
      sortValue: (i) => dateOf(i.run.startedAt),
      priority: 2,
      minWidth: 120,
    },
    {
      id: 'duration',
      header: 'runs.col.duration',
      text: (i) => durationText(labels, i.run, now()),
      sortValue: (i) => durationMs(i.run, now()),
      priority: 1,
      minWidth: 110,
    },
    {
      id: 'ratio',
      header: 'runs.col.ratio',
      text: (i) => ratioText(i.run),
      // By share synced; runs with nothing to sync last.
      sortValue: (i) => ratioValue(i.run),
      priority: 1,
      minWidth: 100,
    },
    {
      id: 'total',
      header: 'runs.col.total',
      text: (i) => String(i.run.total),
      sortValue: (i) => i.run.total,
      priority: 4,
      minWidth: 90,
    },
    {
      id: 'status',
      header: 'runs.col.status',
      text: (i) => statusLabel(labels, i.run.status),
      // The cloud's own word finds it too.
      search: (i) => [i.run.status],
      sortValue: (i) => statusRank(i.run.status),
      priority: 1,
      minWidth: 104,
    },
  ];
}
