import path from 'node:path';
import { z } from 'zod';
import { isFinalStatus } from '../../domain/sync-run.js';
import { JsonDocument } from '../../storage/json-document.js';

/** Announced run ids kept per source instance (older ones are below `newest` anyway). */
export const ANNOUNCED_PER_SOURCE = 200;
/** Runs followed per source instance (seen in progress, or final and still to be announced). */
export const FOLLOWED_PER_SOURCE = 100;
/** Source instances kept in all. */
export const SOURCES_KEPT = 2_000;

const runId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const fileSchema = z.object({
  version: z.literal(1),
  sources: z
    .array(
      z.object({
        /** `<profileId>/<registryId>`. */
        key: z.string().min(1).max(200),
        /** The newest run id ever seen on the instance. */
        newest: runId,
        /** Runs seen in progress (or final and not announced yet): announced once they are final. */
        followed: z.array(runId).max(FOLLOWED_PER_SOURCE),
        /** Runs announced (or marked so, silently, at the first look): never announced again. */
        announced: z.array(runId).max(ANNOUNCED_PER_SOURCE),
      }),
    )
    .max(SOURCES_KEPT),
});

interface Source {
  newest: number;
  followed: Set<number>;
  announced: Set<number>;
}

/** What the watcher read of one source instance: its newest runs. */
export interface ObservedRun {
  runId: number;
  status: string;
}

/**
 * Which finished sync runs were announced, per source instance, so each is announced exactly
 * once — also across restarts (`<userData>/announced-runs.json`).
 *
 * At the first look at an instance, the runs already final are history: marked announced
 * without a word. From then on a final run is announced once if it was seen in progress, or if it
 * is newer than any run seen before (it started and ended between two looks, or while the app was
 * closed). `commit` is written to disk before the caller announces anything, so a crash can lose
 * an announcement but never repeat one.
 */
export class AnnouncedRuns {
  readonly #doc: JsonDocument<typeof fileSchema>;
  readonly #sources = new Map<string, Source>();
  readonly #log: (line: string) => void;

  constructor(userDataDir: string, log: (line: string) => void = () => undefined) {
    this.#doc = new JsonDocument(path.join(userDataDir, 'announced-runs.json'), fileSchema, () => ({
      version: 1 as const,
      sources: [],
    }));
    this.#log = log;
  }

  async load(): Promise<void> {
    const outcome = await this.#doc.load();
    // A corrupt file is set aside: every instance is new again (history marked silently).
    if (outcome.kind === 'corrupt') this.#log(`announced runs: ${outcome.reason}; kept as ${outcome.keptAs}`);
    for (const s of outcome.value.sources) {
      if (this.#sources.has(s.key)) continue;
      this.#sources.set(s.key, { newest: s.newest, followed: new Set(s.followed), announced: new Set(s.announced) });
    }
  }

  /** Whether the instance was looked at before (its history is known). */
  knows(sourceKey: string): boolean {
    return this.#sources.has(sourceKey);
  }

  /** The newest run id seen on the instance, or undefined at the first look. */
  newestSeen(sourceKey: string): number | undefined {
    return this.#sources.get(sourceKey)?.newest;
  }

  /** Runs of the instance seen in progress and not seen final yet. */
  followed(sourceKey: string): number[] {
    return [...(this.#sources.get(sourceKey)?.followed ?? [])];
  }

  /** The runs among `runs` (the newest of the instance, as just read) to announce now. Changes nothing. */
  due(sourceKey: string, runs: readonly ObservedRun[]): number[] {
    const known = this.#sources.get(sourceKey);
    if (!known) return [];
    return runs
      .filter(
        (r) =>
          isFinalStatus(r.status) &&
          !known.announced.has(r.runId) &&
          (known.followed.has(r.runId) || r.runId > known.newest),
      )
      .map((r) => r.runId);
  }

  /**
   * Records a look at the instance and the runs announced after it (`announced`; at the first
   * look, every final run, silently). A final run `due` answered that is not in `announced` stays
   * followed, to be announced at a later look. Resolves once written.
   */
  async commit(sourceKey: string, runs: readonly ObservedRun[], announced: readonly number[]): Promise<void> {
    const known = this.#sources.get(sourceKey);
    const source: Source = known ?? { newest: 0, followed: new Set(), announced: new Set() };
    const first = !known;
    for (const id of announced) {
      source.announced.add(id);
      source.followed.delete(id);
    }
    const due = new Set(first ? [] : this.due(sourceKey, runs));
    for (const r of runs) {
      if (!isFinalStatus(r.status) || due.has(r.runId)) source.followed.add(r.runId);
      else if (first) source.announced.add(r.runId);
      else if (!source.announced.has(r.runId)) source.followed.delete(r.runId);
      source.newest = Math.max(source.newest, r.runId);
    }
    source.followed = newestOf(source.followed, FOLLOWED_PER_SOURCE);
    source.announced = newestOf(source.announced, ANNOUNCED_PER_SOURCE);
    this.#sources.delete(sourceKey);
    this.#sources.set(sourceKey, source); // the most recently looked at last: the first to go is the oldest
    while (this.#sources.size > SOURCES_KEPT) {
      const oldest = this.#sources.keys().next().value;
      if (oldest === undefined) break;
      this.#sources.delete(oldest);
    }
    await this.#save();
  }

  /** A deleted profile's instances are forgotten (a profile added again starts with silent history). */
  async forgetProfile(profileId: string): Promise<void> {
    let removed = false;
    for (const key of [...this.#sources.keys()]) {
      if (key.startsWith(`${profileId}/`)) removed = this.#sources.delete(key) || removed;
    }
    if (removed) await this.#save();
  }

  #save(): Promise<void> {
    return this.#doc.save({
      version: 1,
      sources: [...this.#sources].map(([key, s]) => ({
        key,
        newest: s.newest,
        followed: [...s.followed].sort((a, b) => b - a),
        announced: [...s.announced].sort((a, b) => b - a),
      })),
    });
  }
}

function newestOf(ids: ReadonlySet<number>, limit: number): Set<number> {
  if (ids.size <= limit) return new Set(ids);
  return new Set([...ids].sort((a, b) => b - a).slice(0, limit));
}
