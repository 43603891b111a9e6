import path from 'node:path';
import { z } from 'zod';
import type { PeerTokenKey, TokenVault } from '../../accounts/token-vault.js';
import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import { SerialQueue } from '../../base/serial-queue.js';
import { JsonDocument } from '../../storage/json-document.js';
import type { KeychainService } from '../app-state/keychain-service.js';

export type { PeerTokenKey };

/**
 * What the app knows about a token it sent for cross-account rules — never the token itself,
 * which is in the keychain only. `tokenId` and `targetProfileId` when the app made the token on
 * a target it has a profile for (one-click), so its health can be asked and it can be deleted.
 */
export interface PeerTokenRecord extends PeerTokenKey {
  targetRegistryId: string;
  targetProfileId?: string;
  tokenId?: string;
  savedAt: string;
}

/** A token the app made whose rule was not created and that could not be deleted yet. */
export interface OrphanToken {
  profileId: string;
  registryId: string;
  tokenId: string;
  madeAt: string;
}

const bounded = (max: number) => z.string().min(1).max(max);
const recordSchema = z.object({
  profileId: bounded(64),
  registryId: bounded(64),
  uin: bounded(20),
  targetRegistryId: bounded(64),
  targetProfileId: bounded(64).optional(),
  tokenId: bounded(128).optional(),
  savedAt: bounded(40),
});
const orphanSchema = z.object({
  profileId: bounded(64),
  registryId: bounded(64),
  tokenId: bounded(128),
  madeAt: bounded(40),
});
const fileSchema = z.object({
  version: z.literal(1),
  tokens: z.array(recordSchema).max(10_000),
  orphans: z.array(orphanSchema).max(10_000),
});
type TokenFile = z.output<typeof fileSchema>;

const sameKey = (a: PeerTokenKey, b: PeerTokenKey): boolean =>
  a.profileId === b.profileId && a.registryId === b.registryId && a.uin === b.uin;

/**
 * The tokens of cross-account rules: secrets in the keychain (TokenVault), what is known about
 * them in `peer-tokens.json`. Changes run one at a time.
 */
export class PeerTokens {
  readonly #doc: JsonDocument<typeof fileSchema>;
  readonly #queue = new SerialQueue();
  #file: TokenFile = { version: 1, tokens: [], orphans: [] };

  constructor(
    userDataDir: string,
    private readonly vault: TokenVault,
    private readonly keychain: Pick<KeychainService, 'use'>,
    private readonly clock: Clock = systemClock,
  ) {
    this.#doc = new JsonDocument(path.join(userDataDir, 'peer-tokens.json'), fileSchema, () => ({
      version: 1 as const,
      tokens: [],
      orphans: [],
    }));
  }

  async load(): Promise<void> {
    this.#file = (await this.#doc.load()).value;
  }

  /** What is known about the token of this source instance and account, if one was kept. */
  recordOf(key: PeerTokenKey): PeerTokenRecord | undefined {
    return this.#file.tokens.find((t) => sameKey(t, key));
  }

  records(): readonly PeerTokenRecord[] {
    return this.#file.tokens;
  }

  orphans(): readonly OrphanToken[] {
    return this.#file.orphans;
  }

  /** The kept token itself, or null (from the keychain). */
  read(key: PeerTokenKey): Promise<string | null> {
    return this.keychain.use(() => this.vault.readPeerToken(key));
  }

  /**
   * Keeps the token now sent for this source instance and account: it replaces the one before
   * (TCR moves every rule towards that account to it).
   */
  keep(record: Omit<PeerTokenRecord, 'savedAt'>, token: string): Promise<void> {
    return this.#queue.run(async () => {
      await this.keychain.use(() => this.vault.savePeerToken(record, token));
      const next: PeerTokenRecord = { ...record, savedAt: isoNow(this.clock) };
      await this.#save({ ...this.#file, tokens: [...this.#file.tokens.filter((t) => !sameKey(t, record)), next] });
    });
  }

  /** A made token that must be deleted still; `settled` once it is. */
  addOrphan(orphan: Omit<OrphanToken, 'madeAt'>): Promise<void> {
    return this.#queue.run(() =>
      this.#save({ ...this.#file, orphans: [...this.#file.orphans, { ...orphan, madeAt: isoNow(this.clock) }] }),
    );
  }

  settled(tokenId: string): Promise<void> {
    return this.#queue.run(() =>
      this.#save({ ...this.#file, orphans: this.#file.orphans.filter((o) => o.tokenId !== tokenId) }),
    );
  }

  async #save(next: TokenFile): Promise<void> {
    await this.#doc.save(next);
    this.#file = next;
  }
}
