import type { CloudErrorView, InstanceRow } from '../../contract/index.js';
import type { CallerIdentity, CloudTarget } from '../../tcr/index.js';

export type { CallerIdentity, CloudTarget };

/**
 * What the services need from Tencent Cloud, so they are tested without the SDK. The TCR
 * gateway (src-main/tcr) implements it; see tcr-cloud-reader.ts.
 */
export interface CloudReader {
  callerIdentity(target: CloudTarget, signal?: AbortSignal): Promise<CallerIdentity>;
  /** Every instance of the account in every region, all pages. */
  instances(target: CloudTarget, signal?: AbortSignal): Promise<Omit<InstanceRow, 'profileId'>[]>;
  /** Any failure of the two calls above, as the user is shown it. */
  describeError(error: unknown): CloudErrorView;
  /** Drops what is kept for a profile (its SDK clients) once the profile is deleted. */
  forgetProfile(profileId: string): void;
  /** Lets go of connections and clients when the app stops. */
  close(): void;
}
