import type { AccessKeys } from '../domain/access-keys.js';
import { KeychainError, type SecretStore } from './keychain-types.js';

/**
 * A profile's API keys, kept as one keychain entry (`profile:<id>`) holding both halves as JSON.
 * One entry rather than two means a rotation is a single write: there is never a moment (or a
 * failure) that leaves a new SecretId next to an old SecretKey.
 */
export class Vault {
  constructor(private readonly store: SecretStore) {}

  /** Saving again overwrites the same entry, so rotated keys leave nothing behind. */
  async saveKeys(profileId: string, keys: AccessKeys): Promise<void> {
    const entry: AccessKeys = { secretId: keys.secretId, secretKey: keys.secretKey };
    if (!isAccessKeys(entry)) throw new TypeError('Both the SecretId and the SecretKey are required.');
    await this.store.set(accountFor(profileId), JSON.stringify(entry));
  }

  async readKeys(profileId: string): Promise<AccessKeys | null> {
    const raw = await this.store.get(accountFor(profileId));
    if (raw === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // JSON.parse quotes the input in its message: it must not reach a log.
      parsed = undefined;
    }
    if (!isAccessKeys(parsed)) {
      throw new KeychainError('failed', 'The keychain entry for this profile is damaged; enter the keys again.');
    }
    return { secretId: parsed.secretId, secretKey: parsed.secretKey };
  }

  /** Resolves false when the profile had no keys. */
  async deleteKeys(profileId: string): Promise<boolean> {
    return this.store.delete(accountFor(profileId));
  }
}

function accountFor(profileId: string): string {
  if (profileId === '') throw new TypeError('A profile id is required.');
  return `profile:${profileId}`;
}

function isAccessKeys(value: unknown): value is AccessKeys {
  if (typeof value !== 'object' || value === null) return false;
  const { secretId, secretKey } = value as Partial<Record<keyof AccessKeys, unknown>>;
  return typeof secretId === 'string' && secretId !== '' && typeof secretKey === 'string' && secretKey !== '';
}
