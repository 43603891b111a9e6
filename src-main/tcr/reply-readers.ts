// Turns the cloud's PascalCase replies into the app's types, checking what they rely on: a list
// that is not a list, or an entry that is not an object, is an InvalidResponse, not a crash later.
import { LOCAL_CODES, TcrError } from './tcr-error.js';
import type {
  CallerIdentity,
  CreatedInstanceToken,
  ImageInfo,
  ImmutableTagRuleInfo,
  InstanceInfo,
  InstanceTokenInfo,
  NamespaceInfo,
  RegionInfo,
  ReplicationExecution,
  ReplicationPolicy,
  ReplicationTask,
  RepositoryInfo,
  RuleFilter,
} from './types.js';

type Fields = Record<string, unknown>;

export function invalidReply(action: string, what: string, requestId?: unknown): TcrError {
  return new TcrError({
    code: LOCAL_CODES.invalidResponse,
    message: `Unexpected reply: ${what}.`,
    action,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  });
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of a list field; an absent list is empty. */
export function listField(reply: object, field: string, action: string): Fields[] {
  const fields = reply as Fields;
  const value = fields[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isFields)) {
    throw invalidReply(action, `\`${field}\` is not a list of objects`, fields.RequestId);
  }
  return value;
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : 0;
const bool = (value: unknown): boolean => value === true;

export function readCallerIdentity(reply: object): CallerIdentity {
  const r = reply as Fields;
  const identity = {
    accountId: str(r.AccountId),
    userId: str(r.UserId),
    principalId: str(r.PrincipalId),
    arn: str(r.Arn),
    type: str(r.Type),
  };
  if (!identity.accountId) throw invalidReply('GetCallerIdentity', 'no `AccountId`', r.RequestId);
  return identity;
}

export function readRegion(r: Fields): RegionInfo {
  return {
    regionId: num(r.RegionId),
    regionName: str(r.RegionName),
    alias: str(r.Alias),
    status: str(r.Status),
    remark: str(r.Remark),
  };
}

export function readInstance(r: Fields): InstanceInfo {
  const instance: InstanceInfo = {
    registryId: str(r.RegistryId),
    name: str(r.RegistryName),
    status: str(r.Status),
    spec: str(r.RegistryType),
    regionId: num(r.RegionId),
    regionName: str(r.RegionName),
    publicDomain: str(r.PublicDomain),
    createdAt: str(r.CreatedAt),
  };
  if (str(r.InternalEndpoint)) instance.internalEndpoint = str(r.InternalEndpoint);
  if (str(r.ExpiredAt)) instance.expiresAt = str(r.ExpiredAt);
  if (r.PayMod === 0 || r.PayMod === 1) instance.payMode = r.PayMod === 1 ? 'prepaid' : 'postpaid';
  if (typeof r.DeletionProtection === 'boolean') instance.deletionProtection = r.DeletionProtection;
  return instance;
}

export function readNamespace(r: Fields): NamespaceInfo {
  const namespace: NamespaceInfo = { name: str(r.Name), isPublic: bool(r.Public), createdAt: str(r.CreationTime) };
  if (typeof r.NamespaceId === 'number') namespace.namespaceId = r.NamespaceId;
  return namespace;
}

export function readRepository(r: Fields): RepositoryInfo {
  return {
    name: str(r.Name),
    namespace: str(r.Namespace),
    isPublic: bool(r.Public),
    description: str(r.Description),
    briefDescription: str(r.BriefDescription),
    createdAt: str(r.CreationTime),
    updatedAt: str(r.UpdateTime),
  };
}

export function readImage(r: Fields): ImageInfo {
  return {
    tag: str(r.ImageVersion),
    digest: str(r.Digest),
    size: num(r.Size),
    kind: str(r.Kind),
    updatedAt: str(r.UpdateTime),
  };
}

export function readInstanceToken(r: Fields): InstanceTokenInfo {
  return {
    tokenId: str(r.Id),
    description: str(r.Desc),
    registryId: str(r.RegistryId),
    enabled: bool(r.Enabled),
    createdAt: str(r.CreatedAt),
    expiresAt: num(r.ExpiredAt),
  };
}

export function readCreatedToken(reply: object): CreatedInstanceToken {
  const r = reply as Fields;
  if (!str(r.Token)) throw invalidReply('CreateInstanceToken', 'no `Token`', r.RequestId);
  const token: CreatedInstanceToken = { username: str(r.Username), token: str(r.Token), expiresAt: num(r.ExpTime) };
  if (str(r.TokenId)) token.tokenId = str(r.TokenId);
  return token;
}

function readFilter(r: Fields): RuleFilter {
  return { type: str(r.Type), value: str(r.Value) };
}

export function readImmutableTagRule(r: Fields): ImmutableTagRuleInfo {
  return {
    ruleId: num(r.RuleId),
    namespace: str(r.NsName),
    repositoryPattern: str(r.RepositoryPattern),
    repositoryDecoration: str(r.RepositoryDecoration),
    tagPattern: str(r.TagPattern),
    tagDecoration: str(r.TagDecoration),
    disabled: bool(r.Disabled),
  };
}

export function readPolicy(r: Fields): ReplicationPolicy {
  return {
    policyId: num(r.ID),
    name: str(r.Name),
    description: str(r.Description),
    filters: listField(r, 'Filters', 'DescribeReplicationPolicies').map(readFilter),
    override: bool(r.Override),
    enabled: bool(r.Enabled),
    srcResource: str(r.SrcResource),
    destResource: str(r.DestResource),
    createdAt: str(r.CreationTime),
    updatedAt: str(r.UpdateTime),
  };
}

export function readExecution(r: Fields): ReplicationExecution {
  return {
    executionId: num(r.ExecutionID),
    policyId: num(r.PolicyID),
    status: str(r.Status),
    total: num(r.Total),
    succeed: num(r.Succeed),
    startTime: str(r.StartTime),
    endTime: str(r.EndTime),
  };
}

export function readTask(r: Fields): ReplicationTask {
  return {
    resourceType: str(r.ResourceType),
    srcResource: str(r.SrcResource),
    dstResource: str(r.DstResource),
    jobId: str(r.JobID),
    status: str(r.Status),
    startTime: str(r.StartTime),
    endTime: str(r.EndTime),
  };
}
