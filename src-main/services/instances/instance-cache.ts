import path from 'node:path';
import { z } from 'zod';
import type { InstanceRow } from '../../contract/index.js';
import type { Assert, Equals } from '../../base/type-equality.js';
import { JsonDocument, type LoadOutcome } from '../../storage/json-document.js';

const rowSchema = z.object({
  profileId: z.string(),
  registryId: z.string(),
  name: z.string(),
  regionId: z.number(),
  regionName: z.string(),
  status: z.string(),
  spec: z.string(),
  publicDomain: z.string(),
  createdAt: z.string(),
});

/** The cache reads back exactly the rows the contract describes. */
export type CachedRowIsInstanceRow = Assert<Equals<z.output<typeof rowSchema>, InstanceRow>>;

const cacheFileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(z.object({ profileId: z.string(), fetchedAt: z.string(), rows: z.array(rowSchema) })),
});

export interface CachedInstances {
  profileId: string;
  fetchedAt: string;
  rows: InstanceRow[];
}

/** The last instances fetched per profile, so the view works offline (cache/instances.json). */
export class InstanceCache {
  readonly #doc: JsonDocument<typeof cacheFileSchema>;

  constructor(userDataDir: string) {
    this.#doc = new JsonDocument(path.join(userDataDir, 'cache', 'instances.json'), cacheFileSchema, () => ({
      version: 1 as const,
      profiles: [],
    }));
  }

  async load(): Promise<LoadOutcome<CachedInstances[]>> {
    const outcome = await this.#doc.load();
    return { ...outcome, value: outcome.value.profiles };
  }

  save(entries: readonly CachedInstances[]): Promise<void> {
    return this.#doc.save({ version: 1, profiles: [...entries] });
  }
}
