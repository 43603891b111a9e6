import path from 'node:path';
import { z } from 'zod';
import { JsonDocument } from '../storage/json-document.js';

const journalSchema = z.object({
  version: z.literal(1),
  /** Profile ids whose keychain entry is being written or deleted. No secret, ever. */
  pending: z.array(z.uuid()).max(10_000),
});

/**
 * Profiles whose keys and profiles.json change together, written down before the keychain is
 * touched and cleared once both agree. A crash (kill -9, power loss) in between leaves the id
 * here, so the next start can finish or undo the change instead of leaving keys no profile uses.
 */
export class KeysJournal {
  readonly #doc: JsonDocument<typeof journalSchema>;
  #pending = new Set<string>();

  constructor(userDataDir: string) {
    this.#doc = new JsonDocument(path.join(userDataDir, 'pending-keys.json'), journalSchema, () => ({
      version: 1 as const,
      pending: [],
    }));
  }

  async load(): Promise<string[]> {
    // A damaged journal is set aside; the keychain then keeps what it holds (never a key lost).
    this.#pending = new Set((await this.#doc.load()).value.pending);
    return [...this.#pending];
  }

  async begin(profileId: string): Promise<void> {
    this.#pending.add(profileId);
    await this.#save();
  }

  async end(profileId: string): Promise<void> {
    if (!this.#pending.delete(profileId)) return;
    await this.#save();
  }

  #save(): Promise<void> {
    return this.#doc.save({ version: 1, pending: [...this.#pending] });
  }
}
