import { KeychainError, type SecretStore } from './keychain-types.js';

/** Where a token of a cross-account rule is kept: per source instance and target account. */
export interface PeerTokenKey {
  profileId: string;
  /** The source instance. */
  registryId: string;
  /** The target account (uin). */
  uin: string;
}

/** Bounds what is read back: a token is a few kilobytes at most. */
const MAX_TOKEN_LENGTH = 8192;

/**
 * Long-term instance access tokens of cross-account rules, in the OS keychain and nowhere else.
 * One entry per (source instance, target account): TCR makes every rule of a source instance
 * towards one account follow the newest token sent, so that is the one entry worth keeping.
 * A token typed into a form that could not be sent waits in its own entry (`draft-token:<id>`).
 */
export class TokenVault {
  constructor(private readonly store: SecretStore) {}

  savePeerToken(key: PeerTokenKey, token: string): Promise<void> {
    return this.store.set(peerAccount(key), checked(token));
  }

  readPeerToken(key: PeerTokenKey): Promise<string | null> {
    return this.#read(peerAccount(key));
  }

  deletePeerToken(key: PeerTokenKey): Promise<boolean> {
    return this.store.delete(peerAccount(key));
  }

  saveDraftToken(draftId: string, token: string): Promise<void> {
    return this.store.set(draftAccount(draftId), checked(token));
  }

  readDraftToken(draftId: string): Promise<string | null> {
    return this.#read(draftAccount(draftId));
  }

  deleteDraftToken(draftId: string): Promise<boolean> {
    return this.store.delete(draftAccount(draftId));
  }

  async #read(account: string): Promise<string | null> {
    const token = await this.store.get(account);
    if (token === null) return null;
    if (token === '' || token.length > MAX_TOKEN_LENGTH || /\s/.test(token)) {
      throw new KeychainError('failed', 'The keychain entry of this access token is damaged; paste the token again.');
    }
    return token;
  }
}

function part(value: string, what: string): string {
  if (value === '' || value.includes(':')) throw new TypeError(`A ${what} without ':' is required.`);
  return value;
}

function peerAccount({ profileId, registryId, uin }: PeerTokenKey): string {
  return `peer-token:${part(profileId, 'profile id')}:${part(registryId, 'registry id')}:${part(uin, 'uin')}`;
}

function draftAccount(draftId: string): string {
  return `draft-token:${part(draftId, 'draft id')}`;
}

function checked(token: string): string {
  if (token === '' || token.length > MAX_TOKEN_LENGTH || /\s/.test(token)) {
    throw new TypeError('An access token is one word of at most 8192 characters.');
  }
  return token;
}
