import { isoNow, systemClock, type Clock } from '../base/clock.js';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { SerialQueue } from '../base/serial-queue.js';
import { removeStaleTemps, writeFileAtomic } from './atomic-file.js';

export type LoadOutcome<T> =
  | { kind: 'missing'; value: T }
  | { kind: 'loaded'; value: T }
  /** The file could not be read as T; it was renamed to `keptAs` and the default used. */
  | { kind: 'corrupt'; value: T; keptAs: string; reason: string };

/**
 * One JSON file in the user-data dir, validated on load. A file that does not parse or does not
 * match its schema is never overwritten: it is kept aside under a new name and reported, so the
 * user can recover it by hand.
 */
export class JsonDocument<S extends z.ZodType> {
  // A later save never lands before an earlier one.
  readonly #queue = new SerialQueue();

  constructor(
    readonly file: string,
    private readonly schema: S,
    private readonly fallback: () => z.output<S>,
    private readonly clock: Clock = systemClock,
  ) {}

  async load(): Promise<LoadOutcome<z.output<S>>> {
    await removeStaleTemps(this.file);
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { kind: 'missing', value: this.fallback() };
      }
      throw error;
    }
    let reason: string;
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return { kind: 'loaded', value: parsed.data };
      reason = `does not match the expected format (${parsed.error.issues[0]?.path.join('.') || 'root'})`;
    } catch {
      reason = 'is not valid JSON';
    }
    const keptAs = await this.#setAside();
    return { kind: 'corrupt', value: this.fallback(), keptAs, reason };
  }

  save(value: z.output<S>): Promise<void> {
    return this.#queue.run(() => writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`));
  }

  async #setAside(): Promise<string> {
    const stamp = isoNow(this.clock).replace(/[:.]/g, '-');
    const ext = path.extname(this.file);
    const keptAs = `${this.file.slice(0, this.file.length - ext.length)}.corrupt-${stamp}${ext}`;
    await rename(this.file, keptAs);
    return keptAs;
  }
}
