import type { ConnectionTest } from '../../contract/index.js';
import { cloudError, UserFacingError } from '../shared/user-facing-error.js';
import type { CloudReader } from '../cloud/cloud-port.js';
import type { CloudTargets } from '../cloud/cloud-targets.js';
import type { InstanceService } from '../instances/instance-service.js';
import type { ProfileService } from '../profiles/profile-service.js';
import { untilAborted } from '../../base/abortable.js';

/** "Test connection": whose keys these are, and how many instances they reach. */
export class ConnectionService {
  constructor(
    private readonly profiles: ProfileService,
    private readonly targets: CloudTargets,
    private readonly reader: CloudReader,
    private readonly instances: InstanceService,
  ) {}

  readonly #running = new Map<string, AbortController>();

  /**
   * Asks both questions at once. Cancelled (or superseded by a new test of the same profile)
   * before both answers are in, it saves nothing.
   */
  async test(profileId: string): Promise<ConnectionTest> {
    const profile = this.profiles.get(profileId);
    this.#running.get(profileId)?.abort();
    const abort = new AbortController();
    this.#running.set(profileId, abort);
    try {
      const target = await this.targets.targetFor(profile);
      const [identity, rows] = await untilAborted(
        Promise.all([this.reader.callerIdentity(target, abort.signal), this.reader.instances(target, abort.signal)]),
        abort.signal,
      );
      // Looked up again: the profile may have been deleted or edited while the cloud answered.
      const saved = this.profiles.get(profileId).uin;
      await this.instances.accept(profileId, rows);
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
      if (abort.signal.aborted) {
        throw cloudError({ code: 'Cancelled', message: 'The connection test was cancelled', kind: 'cancelled' });
      }
      if (error instanceof UserFacingError) throw error;
      throw cloudError(this.reader.describeError(error));
    } finally {
      if (this.#running.get(profileId) === abort) this.#running.delete(profileId);
    }
  }

  cancel(profileId: string): void {
    this.#running.get(profileId)?.abort();
  }

  cancelAll(): void {
    for (const abort of this.#running.values()) abort.abort();
  }
}
