// The columns of a run's tasks (DescribeReplicationTasks), and the tasks as copyable text.
import type { SyncTask } from '../../../src-main/contract/index.js';
import { durationMs, durationText, statusLabel, statusRank } from '../run-format.js';
import type { DataColumn } from './data-column.js';
import type { Labels } from './labels.js';

export interface TaskItem {
  /** The task's place in the list with its job id (job ids may repeat across resource types). */
  key: string;
  task: SyncTask;
}

function dateText(labels: Labels, iso: string | undefined): string {
  if (iso === undefined) return '';
  return Number.isNaN(Date.parse(iso)) ? iso : labels.formatDate(iso);
}

function dateOf(iso: string | undefined): Date | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** One task as a line of text: the columns' texts, tab-separated, and its error when known. */
export function taskLine(labels: Labels, task: SyncTask, now: number): string {
  const cells = [
    task.resourceType,
    task.source,
    task.destination,
    statusLabel(labels, task.status),
    dateText(labels, task.startedAt),
    dateText(labels, task.endedAt),
    durationText(labels, task, now),
  ];
  const line = cells.join('\t');
  return task.error ? `${line}\t${labels.t('runs.tasks.error.line', { error: task.error })}` : line;
}

/** Every task as text, a header line first (pastes into a spreadsheet as columns). */
export function tasksText(labels: Labels, tasks: readonly SyncTask[], now: number): string {
  const header = [
    'runs.tasks.col.type',
    'runs.tasks.col.source',
    'runs.tasks.col.destination',
    'runs.tasks.col.status',
    'runs.tasks.col.start',
    'runs.tasks.col.end',
    'runs.tasks.col.duration',
  ] as const;
  return [header.map((key) => labels.t(key)).join('\t'), ...tasks.map((t) => taskLine(labels, t, now))].join('\n');
}

export function taskColumns(labels: Labels, now: () => number): Omit<DataColumn<TaskItem>, 'cell'>[] {
  return [
    {
      id: 'type',
      header: 'runs.tasks.col.type',
      text: (i) => i.task.resourceType,
      priority: 3,
      minWidth: 80,
    },
    {
      id: 'source',
      header: 'runs.tasks.col.source',
      text: (i) => i.task.source,
      search: (i) => [i.task.error ?? '', i.task.jobId],
      priority: 1,
      minWidth: 160,
      maxWidth: 220,
      title: (i) => i.task.source,
      class: 'mono',
    },
    {
      id: 'destination',
      header: 'runs.tasks.col.destination',
      text: (i) => i.task.destination,
      priority: 2,
      minWidth: 160,
      maxWidth: 220,
      title: (i) => i.task.destination,
      class: 'mono',
    },
    {
      id: 'status',
      header: 'runs.tasks.col.status',
      text: (i) => statusLabel(labels, i.task.status),
      search: (i) => [i.task.status],
      sortValue: (i) => statusRank(i.task.status),
      title: (i) => i.task.error,
      priority: 1,
      minWidth: 104,
    },
    {
      id: 'start',
      header: 'runs.tasks.col.start',
      text: (i) => dateText(labels, i.task.startedAt),
      sortValue: (i) => dateOf(i.task.startedAt),
      priority: 4,
      minWidth: 140,
    },
    {
      id: 'end',
      header: 'runs.tasks.col.end',
      text: (i) => dateText(labels, i.task.endedAt),
      sortValue: (i) => dateOf(i.task.endedAt),
      priority: 5,
      minWidth: 140,
    },
    {
      id: 'duration',
      header: 'runs.tasks.col.duration',
      text: (i) => durationText(labels, i.task, now()),
      sortValue: (i) => durationMs(i.task, now()),
      priority: 2,
      minWidth: 90,
    },
    {
      id: 'copy',
      header: 'runs.tasks.col.copy',
      headerHidden: true,
      text: () => '',
      sortable: false,
      priority: 1,
      minWidth: 70,
      class: 'row-actions',
    },
  ];
}
