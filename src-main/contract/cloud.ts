import { z } from 'zod';
import { none, typed } from './result.js';
import type { ProfileView } from './profiles.js';

/** What went wrong with a cloud call, as the user is shown it (never a secret). */
export interface CloudErrorView {
  /** The cloud's code, e.g. `AuthFailure.SignatureFailure`, or ours: `NetworkError`, `Timeout`. */
  code: string;
  message: string;
  /** The TencentCloud API action that failed, e.g. `DescribeInstances`. */
  action?: string;
  requestId?: string;
  kind: CloudErrorKind;
}
export const cloudErrorKinds = [
  'auth',
  'permission',
  'throttled',
  'network',
  'timeout',
  'notFound',
  'invalid',
  'server',
  'cancelled',
  'other',
] as const;
export type CloudErrorKind = (typeof cloudErrorKinds)[number];

/** One TCR Enterprise instance of one profile. */
export interface InstanceRow {
  profileId: string;
  registryId: string;
  name: string;
  regionId: number;
  regionName: string;
  status: string;
  /** basic | standard | premium, as the cloud names it. */
  spec: string;
  publicDomain: string;
  createdAt: string;
}

/** How fresh one profile's instances are. */
export interface ProfileFetchState {
  profileId: string;
  state: 'never' | 'loading' | 'ok' | 'error';
  /** When the rows shown were fetched; absent when never fetched. */
  fetchedAt?: string;
  error?: CloudErrorView;
  /** While loading, once the cloud is being asked again: the attempt under way (2 = first retry). */
  attempt?: number;
  /** While loading: when this refresh gives up on the profile (ISO). */
  givesUpAt?: string;
}

export interface InstancesView {
  rows: InstanceRow[];
  profiles: ProfileFetchState[];
  refreshing: boolean;
}

export const instancesRefreshSchema = z.object({
  profileIds: z
    .array(z.uuid({ error: 'id.invalid' }))
    .max(1000)
    .optional(),
});

/** What "Test connection" found for a saved profile. */
export interface ConnectionTest {
  /** The root account the keys belong to (what a cross-account rule needs). */
  accountId: string;
  userId: string;
  /** The profile had no account ID: it now has `accountId`. */
  uinFilled: boolean;
  /** The saved account ID differs from the one the keys belong to (not changed). */
  uinMismatch?: { saved: string; actual: string };
  instanceCount: number;
  regionCount: number;
}

/** The embedded sandbox: a local stand-in for Tencent Cloud with demo accounts. */
export interface SandboxStatus {
  running: boolean;
  endpoint?: string;
  accounts: { name: string; uin: string; instanceCount: number; added: boolean }[];
}

/** What the cloud holds: every instance of every profile, and the embedded sandbox. */
export const cloudChannels = {
  'instances:view': { input: none, output: typed<InstancesView>() },
  'instances:refresh': { input: instancesRefreshSchema, output: typed<InstancesView>() },
  'instances:cancel': { input: none, output: typed<null>() },
  'sandbox:status': { input: none, output: typed<SandboxStatus>() },
  'sandbox:addAccounts': { input: none, output: typed<ProfileView[]>() },
} as const;

export const cloudEvents = {
  'instances:changed': typed<InstancesView>(),
} as const;
