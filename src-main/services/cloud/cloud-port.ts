import type { CloudErrorView, InstanceRow } from '../../contract/index.js';
import type {
  CallerIdentity,
  CloudTarget,
  CreatedInstanceToken,
  InstanceTokenInfo,
  ManageReplicationInput,
  ModifyReplicationInput,
} from '../../tcr/index.js';

export type { CallerIdentity, CloudTarget, CreatedInstanceToken, InstanceTokenInfo };

/**
 * One sync run as DescribeReplicationExecutions lists it (times as the cloud writes them: read
 * them with domain/sync-run's cloudTimeToIso).
 */
export interface CloudRun {
  runId: number;
  ruleId: number;
  status: string;
  total: number;
  succeeded: number;
  startTime: string;
  endTime: string;
}

/** One task of a run as DescribeReplicationTasks lists it. */
export interface CloudRunTask {
  resourceType: string;
  source: string;
  destination: string;
  jobId: string;
  status: string;
  startTime: string;
  endTime: string;
}
/** A new rule as ManageReplication takes it (the app's camelCase shape). */
export type NewCloudRule = ManageReplicationInput;
/** A change of a rule as ModifyReplication takes it. */
export type CloudRuleChange = ModifyReplicationInput;

/** One instance sync rule as DescribeReplicationPolicies lists it (resources kept as the cloud gives them). */
export interface CloudRule {
  policyId: number;
  name: string;
  description: string;
  filters: { type: string; value: string }[];
  override: boolean;
  enabled: boolean;
  srcResource: string;
  destResource: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * What the services need from Tencent Cloud, so they are tested without the SDK. The TCR
 * gateway (src-main/tcr) implements it; see tcr-cloud-reader.ts.
 */
export interface CloudReader {
  callerIdentity(target: CloudTarget, signal?: AbortSignal): Promise<CallerIdentity>;
  /** Every instance of the account in every region, all pages. */
  instances(target: CloudTarget, signal?: AbortSignal): Promise<Omit<InstanceRow, 'profileId'>[]>;
  /**
   * Every sync rule of one instance, all pages. `target.region` must be the instance's region
   * (the cloud looks the instance up there).
   */
  rules(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<CloudRule[]>;
  /**
   * Enables or disables one rule (ModifyReplication with `Rule.Enabled` only), in the instance's
   * region. A write: never retried; a lost reply leaves it unknown whether it happened.
   */
  setRuleEnabled(
    target: CloudTarget,
    registryId: string,
    ruleName: string,
    enabled: boolean,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Deletes one rule (DeleteReplicationRule), in the instance's region. A write: never retried. */
  deleteRule(target: CloudTarget, registryId: string, ruleName: string, signal?: AbortSignal): Promise<void>;
  /**
   * Creates a rule (ManageReplication), in the source instance's region. A write: never retried.
   * For a cross-account rule `peer` carries the target's uin and a long-term token of it.
   */
  createRule(target: CloudTarget, input: NewCloudRule, signal?: AbortSignal): Promise<void>;
  /** Changes a rule (ModifyReplication), in the source instance's region. A write: never retried. */
  modifyRule(target: CloudTarget, input: CloudRuleChange, signal?: AbortSignal): Promise<void>;
  /** Creates a long-term access token of an instance (CreateInstanceToken). A write: never retried. */
  createLongTermToken(
    target: CloudTarget,
    registryId: string,
    description: string,
    signal?: AbortSignal,
  ): Promise<CreatedInstanceToken>;
  /**
   * Creates a temporary access token of an instance (CreateInstanceToken, TokenType temp: about an
   * hour), for logging in to its registry. A write: never retried.
   */
  createTempToken(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<CreatedInstanceToken>;
  /** Creates a namespace on an instance (CreateNamespace). A write: never retried. */
  createNamespace(
    target: CloudTarget,
    registryId: string,
    name: string,
    isPublic: boolean,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Deletes an access token of an instance (DeleteInstanceToken). A write: never retried. */
  deleteToken(target: CloudTarget, registryId: string, tokenId: string, signal?: AbortSignal): Promise<void>;
  /** The long-term access tokens of an instance (DescribeInstanceToken, all pages). */
  tokens(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<InstanceTokenInfo[]>;
  /**
   * One page (1-based, newest first) of the sync runs of one source instance, of every rule or of
   * one (`ruleId`), and how many there are in all. One call.
   */
  runs(
    target: CloudTarget,
    query: { registryId: string; ruleId?: number; page: number; pageSize: number },
    signal?: AbortSignal,
  ): Promise<{ runs: CloudRun[]; total: number }>;
  /** Every task of one run, all pages. */
  runTasks(target: CloudTarget, registryId: string, runId: number, signal?: AbortSignal): Promise<CloudRunTask[]>;
  /** Any failure of the calls above, as the user is shown it. */
  describeError(error: unknown): CloudErrorView;
  /** Drops what is kept for a profile (its SDK clients) once the profile is deleted. */
  forgetProfile(profileId: string): void;
  /** Lets go of connections and clients when the app stops. */
  close(): void;
}
