// What the gateway answers with: the app's own camelCase shapes, not the SDK's PascalCase.
// Times are passed on as the cloud formats them; absent text fields become "".

import type { RuleFilter } from '../domain/rule-filters.js';

export interface CallerIdentity {
  /** The root account (uin) the keys belong to: what a cross-account rule needs. */
  accountId: string;
  userId: string;
  /** The uin that owns the key. */
  principalId: string;
  arn: string;
  type: string;
}

export interface RegionInfo {
  /** Numeric id (DestinationRegionId of a rule). */
  regionId: number;
  regionName: string;
  alias: string;
  status: string;
  remark: string;
}

export interface InstanceInfo {
  registryId: string;
  name: string;
  /** Running, Pending, Deploying, Unhealthy, Isolate, … as the cloud names it. */
  status: string;
  /** basic | standard | premium */
  spec: string;
  regionId: number;
  regionName: string;
  publicDomain: string;
  internalEndpoint?: string;
  createdAt: string;
  /** Prepaid instances only. */
  expiresAt?: string;
  payMode?: 'postpaid' | 'prepaid';
  deletionProtection?: boolean;
}

export interface NamespaceInfo {
  name: string;
  namespaceId?: number;
  isPublic: boolean;
  createdAt: string;
}

export interface RepositoryInfo {
  /** `namespace/repository`, as DescribeRepositories names it. */
  name: string;
  namespace: string;
  isPublic: boolean;
  description: string;
  briefDescription: string;
  createdAt: string;
  updatedAt: string;
}

export interface ImageInfo {
  tag: string;
  digest: string;
  size: number;
  /** image | chart | … (制品类型) */
  kind: string;
  updatedAt: string;
}

/** An immutable-tag rule of an instance (DescribeImmutableTagRules): the tags it covers cannot be overwritten. */
export interface ImmutableTagRuleInfo {
  ruleId: number;
  namespace: string;
  /** Matched against the repository below the namespace. */
  repositoryPattern: string;
  /** `repoMatches` | `repoExcludes`. */
  repositoryDecoration: string;
  tagPattern: string;
  /** `matches` | `excludes`. */
  tagDecoration: string;
  disabled: boolean;
}

export interface InstanceTokenInfo {
  tokenId: string;
  description: string;
  registryId: string;
  enabled: boolean;
  createdAt: string;
  /** Unix timestamp as the cloud gives it. */
  expiresAt: number;
}

/** A freshly created token: the only time its secret is seen. Never log it or send it to the renderer. */
export interface CreatedInstanceToken {
  username: string;
  token: string;
  expiresAt: number;
  /** Long-term tokens only. */
  tokenId?: string;
}

/** name | tag | resource, or whatever else the cloud sends: the domain's filter. */
export type { RuleFilter };

export interface ReplicationPolicy {
  policyId: number;
  name: string;
  description: string;
  filters: RuleFilter[];
  override: boolean;
  enabled: boolean;
  srcResource: string;
  destResource: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReplicationExecution {
  executionId: number;
  policyId: number;
  /** InProgress | Succeed | Failed | Stopped, or whatever else the cloud says. */
  status: string;
  total: number;
  succeed: number;
  startTime: string;
  endTime: string;
}

export interface ReplicationTask {
  resourceType: string;
  srcResource: string;
  dstResource: string;
  jobId: string;
  status: string;
  startTime: string;
  endTime: string;
}

export interface ReplicationRuleInput {
  name: string;
  /** "" = the source namespace's name. */
  destNamespace: string;
  override: boolean;
  deletion?: boolean;
  filters: RuleFilter[];
}

export interface ManageReplicationInput {
  sourceRegistryId: string;
  destinationRegistryId: string;
  /** Numeric region id of the destination (from DescribeRegions). */
  destinationRegionId?: number;
  description?: string;
  rule: ReplicationRuleInput;
  /** Cross-account: the destination's root uin and a long-term token of the destination instance. */
  peer?: { uin: string; token: string };
}

export interface ModifyReplicationInput {
  sourceRegistryId: string;
  ruleName: string;
  description?: string;
  rule: { destNamespace?: string; override?: boolean; deletion?: boolean; filters?: RuleFilter[]; enabled?: boolean };
}
