import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A new empty folder in the OS temp folder, named `<prefix>XXXXXX`. The caller removes it. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Removes a folder and everything in it; a folder that is not there is fine. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Runs `work` with a new temp folder and removes the folder afterwards, whatever happened. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await makeTempDir(prefix);
  try {
    return await work(dir);
  } finally {
    await removeDir(dir);
  }
}
