// The files RunStore keeps its runs and tasks in, and their schemas (what is read back from disk is
// validated: a file that does not match is set aside and the store starts empty).
import path from 'node:path';
import { z } from 'zod';
import type { Assert, Equals } from '../../base/type-equality.js';
import type { SyncRun, SyncTask } from '../../contract/index.js';
import { JsonDocument } from '../../storage/json-document.js';

const TEXT_MAX = 2_000;
const text = z.string().max(TEXT_MAX);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A SyncRun as it is kept on disk (the run store's files, the notification centre's history). */
export const runSchema = z.object({
  key: text,
  profileId: text,
  source: z.object({ registryId: text, name: text, regionId: z.number(), regionName: text }),
  ruleId: count,
  ruleName: text.optional(),
  target: z
    .object({
      registryId: text.optional(),
      name: text.optional(),
      regionName: text.optional(),
      profileId: text.optional(),
    })
    .optional(),
  runId: count,
  status: text,
  total: count,
  succeeded: count,
  startedAt: text,
  endedAt: text.optional(),
  origin: z.enum(['cloud', 'local']),
});

const taskSchema = z.object({
  resourceType: text,
  source: text,
  destination: text,
  status: text,
  startedAt: text.optional(),
  endedAt: text.optional(),
  jobId: text,
  error: text.optional(),
});

/** The files read back exactly what the contract says a run and a task are. */
export type StoredRunIsSyncRun = Assert<Equals<z.output<typeof runSchema>, SyncRun>>;
export type StoredTaskIsSyncTask = Assert<Equals<z.output<typeof taskSchema>, SyncTask>>;

const runsFileSchema = z.object({
  version: z.literal(1),
  /** When each source instance's runs were last read. */
  sources: z.array(z.object({ profileId: text, registryId: text, fetchedAt: text })),
  runs: z.array(runSchema),
});

const tasksFileSchema = z.object({
  version: z.literal(1),
  runs: z.array(z.object({ key: text, fetchedAt: text, tasks: z.array(taskSchema) })),
});

export type RunsFile = z.output<typeof runsFileSchema>;
export type TasksFile = z.output<typeof tasksFileSchema>;
export type RunsDocument = JsonDocument<typeof runsFileSchema>;
export type TasksDocument = JsonDocument<typeof tasksFileSchema>;

/** `<userData>/sync-runs.json`: the known runs. */
export function runsDocument(userDataDir: string): RunsDocument {
  return new JsonDocument(path.join(userDataDir, 'sync-runs.json'), runsFileSchema, () => ({
    version: 1 as const,
    sources: [],
    runs: [],
  }));
}

/** `<userData>/sync-run-tasks.json`: the tasks of finished runs, for offline. */
export function tasksDocument(userDataDir: string): TasksDocument {
  return new JsonDocument(path.join(userDataDir, 'sync-run-tasks.json'), tasksFileSchema, () => ({
    version: 1 as const,
    runs: [],
  }));
}
