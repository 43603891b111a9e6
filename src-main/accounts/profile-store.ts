import path from 'node:path';
import { z } from 'zod';
import { profileColours, regionIds, type ProfileView } from '../contract/index.js';
import type { Clock } from '../base/clock.js';
import type { Assert, Equals } from '../base/type-equality.js';
import { JsonDocument, type LoadOutcome } from '../storage/json-document.js';

/** A profile as kept in profiles.json. It holds no secret: keys live in the OS keychain. */
export const storedProfileSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  uin: z.string().regex(/^\d*$/),
  region: z.enum(regionIds),
  endpoint: z.string().min(1),
  colour: z.enum(profileColours),
  /** Files from before the production guard have no such field: not production. */
  production: z.boolean().default(false),
  secretIdMasked: z.string(),
  source: z.enum(['manual', 'tccli', 'sandbox']),
  createdAt: z.string(),
  updatedAt: z.string(),
  keysUpdatedAt: z.string().default(''),
});
export type StoredProfile = ProfileView;
/** The file's schema reads exactly what the renderer is shown of a profile. */
export type StoredProfileIsProfileView = Assert<Equals<z.output<typeof storedProfileSchema>, ProfileView>>;

const profilesFileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(storedProfileSchema),
});
type ProfilesFile = z.infer<typeof profilesFileSchema>;

export const PROFILES_FILE = 'profiles.json';

export class ProfileStore {
  readonly #doc: JsonDocument<typeof profilesFileSchema>;

  constructor(userDataDir: string, clock?: Clock) {
    this.#doc = new JsonDocument(
      path.join(userDataDir, PROFILES_FILE),
      profilesFileSchema,
      (): ProfilesFile => ({ version: 1, profiles: [] }),
      clock,
    );
  }

  get file(): string {
    return this.#doc.file;
  }

  async load(): Promise<LoadOutcome<StoredProfile[]>> {
    const outcome = await this.#doc.load();
    return { ...outcome, value: outcome.value.profiles };
  }

  save(profiles: readonly StoredProfile[]): Promise<void> {
    return this.#doc.save({ version: 1, profiles: [...profiles] });
  }
}
