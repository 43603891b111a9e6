import type { ProfileView } from '../../contract/index.js';
import type { Vault } from '../../accounts/vault.js';
import type { AccessKeys } from '../../domain/access-keys.js';
import { UserFacingError } from '../shared/user-facing-error.js';
import type { CloudTarget } from './cloud-port.js';
import type { KeychainService } from '../app-state/keychain-service.js';
import type { ProfileService } from '../profiles/profile-service.js';
import type { SandboxService } from './sandbox-service.js';

/**
 * Where each profile's calls go and with which keys: sandbox profiles to the embedded sandbox
 * with its demo keys, every other profile to its endpoint with the keys from the OS keychain.
 */
export class CloudTargets {
  constructor(
    private readonly profiles: ProfileService,
    private readonly vault: Vault,
    private readonly keychain: KeychainService,
    private readonly sandbox: SandboxService,
  ) {}

  async targetFor(profile: ProfileView): Promise<CloudTarget> {
    const endpoint = profile.source === 'sandbox' ? await this.sandbox.endpoint() : profile.endpoint;
    return { profileId: profile.id, endpoint, region: profile.region };
  }

  /** The gateway's credential lookup. Keys stay in main and are never logged. */
  async keysFor(profileId: string): Promise<AccessKeys> {
    const profile = this.profiles.get(profileId);
    if (profile.source === 'sandbox') return this.sandbox.keysFor(profile.uin);
    const keys = await this.keychain.use(() => this.vault.readKeys(profileId));
    if (!keys) {
      throw new UserFacingError(
        'KEYS_MISSING',
        `The keychain holds no keys for “${profile.name}”: edit it to enter them`,
      );
    }
    return keys;
  }
}
