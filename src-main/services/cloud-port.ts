import type { CloudErrorView, InstanceRow } from '../contract/index.js';

/** Which account, endpoint and region a cloud call goes to; keys are looked up by profile id. */
export interface CloudTarget {
  profileId: string;
  /** `tcr.tencentcloudapi.com`, a custom endpoint, or the sandbox's `http://127.0.0.1:PORT`. */
  endpoint: string;
  region: string;
}

export interface CallerIdentity {
  accountId: string;
  userId: string;
  principalId: string;
  arn: string;
  type: string;
}

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
  /** Lets go of connections and clients when the app stops. */
  close?(): void;
}
