import path from 'node:path';
import { z } from 'zod';
import { JsonDocument, type LoadOutcome } from '../../storage/json-document.js';
import type { Assert, Equals } from '../../base/type-equality.js';
import type { RuleRow } from '../../contract/index.js';

/**
 * A rule as it is kept: the row without what the view works out when it is shown (the console
 * fields from the filters; the destination's name, region and profile from the known instances).
 */
export type StoredRule = Flat<Omit<RuleRow, 'console' | 'target'> & { destResource: string }>;
type Flat<T> = { [K in keyof T]: T[K] };

const ruleSchema = z.object({
  profileId: z.string(),
  source: z.object({ registryId: z.string(), name: z.string(), regionId: z.number(), regionName: z.string() }),
  policyId: z.number(),
  name: z.string(),
  description: z.string(),
  filters: z.array(z.object({ type: z.string(), value: z.string() })),
  override: z.boolean(),
  enabled: z.boolean(),
  sourceResource: z.string(),
  destResource: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The cache reads back exactly what the service keeps. */
export type CachedRuleIsStoredRule = Assert<Equals<z.output<typeof ruleSchema>, StoredRule>>;

const cacheFileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(z.object({ profileId: z.string(), fetchedAt: z.string(), rows: z.array(ruleSchema) })),
});

export interface CachedRules {
  profileId: string;
  fetchedAt: string;
  rows: StoredRule[];
}

/** The last rules fetched per profile, so the view works offline (cache/rules.json). */
export class RuleCache {
  readonly #doc: JsonDocument<typeof cacheFileSchema>;

  constructor(userDataDir: string) {
    this.#doc = new JsonDocument(path.join(userDataDir, 'cache', 'rules.json'), cacheFileSchema, () => ({
      version: 1 as const,
      profiles: [],
    }));
  }

  async load(): Promise<LoadOutcome<CachedRules[]>> {
    const outcome = await this.#doc.load();
    return { ...outcome, value: outcome.value.profiles };
  }

  save(entries: readonly CachedRules[]): Promise<void> {
    return this.#doc.save({ version: 1, profiles: [...entries] });
  }
}
