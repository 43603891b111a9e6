// `<userData>/notifications.json`: the notification centre's history and the runs it has already
// announced. What is read back is validated; a file that does not match is set aside and the
// centre starts empty.
import path from 'node:path';
import { z } from 'zod';
import type { Assert, Equals } from '../../base/type-equality.js';
import type { RunNotice } from '../../contract/index.js';
import { JsonDocument } from '../../storage/json-document.js';
import { runSchema } from '../sync-log/run-store-files.js';

/** The history keeps the newest entries only. */
export const MAX_ENTRIES = 200;
/** Runs remembered as announced beyond the history (after Clear, or pushed out of it). */
export const MAX_ANNOUNCED = 2_000;

const text = z.string().max(2_000);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const noticeSchema = z.object({
  id: text,
  at: text,
  run: runSchema,
  durationMs: count,
  failedByStatus: z.record(z.string().max(100), count),
  failed: z.boolean(),
  read: z.boolean(),
  raised: z.boolean(),
});

/** The file reads back exactly what the contract says an entry is. */
export type StoredNoticeIsRunNotice = Assert<Equals<z.output<typeof noticeSchema>, RunNotice>>;

const fileSchema = z.object({
  version: z.literal(1),
  entries: z.array(noticeSchema).max(MAX_ENTRIES),
  announced: z.array(text).max(MAX_ANNOUNCED),
});

export type NotificationsFile = z.output<typeof fileSchema>;

export function notificationsDocument(userDataDir: string): JsonDocument<typeof fileSchema> {
  return new JsonDocument(path.join(userDataDir, 'notifications.json'), fileSchema, () => ({
    version: 1 as const,
    entries: [],
    announced: [],
  }));
}
