import type { ConnectionTest } from '../contract/index.js';
import { cloudError, UserFacingError } from '../ipc/app-error.js';
import type { CloudReader } from './cloud-port.js';
import type { CloudTargets } from './cloud-targets.js';
import type { InstanceService } from './instance-service.js';
import type { ProfileService } from './profile-service.js';

/** "Test connection": whose keys these are, and how many instances they reach. */
export class ConnectionService {
  constructor(
    private readonly profiles: ProfileService,
    private readonly targets: CloudTargets,
    private readonly reader: CloudReader,
    private readonly instances: InstanceService,
  ) {}

  async test(profileId: string): Promise<ConnectionTest> {
    const profile = this.profiles.get(profileId);
    const target = await this.targets.targetFor(profile);
    try {
      const identity = await this.reader.callerIdentity(target);
      const rows = await this.reader.instances(target);
      await this.instances.accept(profileId, rows);
      const saved = profile.uin;
      const uinFilled = saved === '';
      if (uinFilled) await this.profiles.setUin(profileId, identity.accountId);
      return {
        accountId: identity.accountId,
        userId: identity.userId,
        uinFilled,
        ...(saved !== '' && saved !== identity.accountId ? { uinMismatch: { saved, actual: identity.accountId } } : {}),
        instanceCount: rows.length,
        regionCount: new Set(rows.map((r) => r.regionId)).size,
      };
    } catch (error) {
      if (error instanceof UserFacingError) throw error;
      throw cloudError(this.reader.describeError(error));
    }
  }
}
