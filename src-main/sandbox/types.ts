// The sandbox's world: what a seed describes and what the running sandbox keeps in memory.
// Times are Unix milliseconds; the reply layer formats them the way the cloud does.

export type RegistryType = 'basic' | 'standard' | 'premium';
export type ArtifactKind = 'image' | 'chart';

export interface SandboxArtifact {
  tag: string;
  kind: ArtifactKind;
  digest: string;
  size: number;
  pushedAt: number;
}

export interface SandboxRepository {
  name: string;
  description: string;
  createdAt: number;
  artifacts: SandboxArtifact[];
}

export interface SandboxNamespace {
  name: string;
  public: boolean;
  createdAt: number;
  repositories: SandboxRepository[];
}

export interface SandboxToken {
  id: string;
  /** The secret a `docker login` (or a cross-account rule) presents. */
  token: string;
  username: string;
  desc: string;
  kind: 'longterm' | 'temp';
  enabled: boolean;
  createdAt: number;
  expiresAt: number;
}

/**
 * An immutable-tag rule (镜像版本不可变): the tags it covers cannot be overwritten with another
 * digest nor deleted. Patterns are Harbor's doublestar; the repository one is matched below the
 * namespace.
 */
export interface SandboxImmutableRule {
  id: number;
  namespace: string;
  repositoryPattern: string;
  repositoryDecoration: 'repoMatches' | 'repoExcludes';
  tagPattern: string;
  tagDecoration: 'matches' | 'excludes';
  disabled: boolean;
}

export interface SandboxInstance {
  registryId: string;
  registryName: string;
  registryType: RegistryType;
  regionName: string;
  createdAt: number;
  namespaces: SandboxNamespace[];
  tokens: SandboxToken[];
  /** Absent in older seeds: none. */
  immutableRules?: SandboxImmutableRule[];
}

export interface SandboxAccount {
  name: string;
  uin: string;
  secretId: string;
  secretKey: string;
  instances: SandboxInstance[];
}

export interface RuleFilter {
  Type: string;
  Value: string;
}

export interface SandboxRule {
  id: number;
  sourceRegistryId: string;
  destinationRegistryId: string;
  name: string;
  description: string;
  /** "" = the source namespace's name. */
  destNamespace: string;
  override: boolean;
  deletion: boolean;
  enabled: boolean;
  filters: RuleFilter[];
  /** Set on cross-account rules: the destination owner and the long-term token given. */
  peer?: { uin: string; token: string };
  createdAt: number;
  updatedAt: number;
}

export type TaskStatus = 'InProgress' | 'Succeed' | 'Failed' | 'Stopped' | 'Skipped';
export type ExecutionStatus = 'InProgress' | 'Succeed' | 'Failed' | 'Stopped';

/** What one task of a running execution has to do when the run ends. */
export interface PendingWork {
  operation: 'copy' | 'delete';
  namespace: string;
  repository: string;
  tag: string;
  kind: ArtifactKind;
}

export interface SandboxTask {
  jobId: string;
  resourceType: ArtifactKind;
  srcResource: string;
  dstResource: string;
  status: TaskStatus;
  /** Why a task failed or was skipped, for whoever inspects the state. */
  detail?: string;
  startTime: number;
  endTime?: number;
  work?: PendingWork;
}

export interface SandboxExecution {
  id: number;
  ruleId: number;
  /** The rule's source instance: executions are listed on it. */
  registryId: string;
  /** The rule's destination, kept so that executions stay filterable after a rule is deleted. */
  destinationRegistryId: string;
  status: ExecutionStatus;
  startTime: number;
  endTime?: number;
  /** When an InProgress execution finishes (start + runTimeMs). */
  dueAt?: number;
  tasks: SandboxTask[];
}

export interface SandboxSeed {
  accounts: SandboxAccount[];
  rules: SandboxRule[];
  executions: SandboxExecution[];
}

export interface PushInput {
  registryId: string;
  namespace: string;
  repository: string;
  tag: string;
  kind: ArtifactKind;
  digest?: string;
  size?: number;
}

export interface PushResult {
  artifact: SandboxArtifact & { registryId: string; namespace: string; repository: string };
  /** One execution per enabled rule whose filters all matched. */
  executionIds: number[];
}

export interface DeleteInput {
  registryId: string;
  namespace: string;
  repository: string;
  tag: string;
}

export interface DeleteResult {
  deleted: boolean;
  /** One execution per enabled matching rule with `Deletion: true`. */
  executionIds: number[];
}

export interface RunRuleInput {
  /** The rule's source instance. */
  registryId: string;
  ruleId?: number | undefined;
  ruleName?: string | undefined;
}

export interface RunRuleResult {
  executionId: number;
  /** One per source artifact the rule's filters select. */
  tasks: number;
}
