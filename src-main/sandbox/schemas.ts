// One zod schema per action, with the fields of the API reference (tcr_models.d.ts); unknown
// fields are refused as the cloud does. Values the cloud checks (limits, enums) are checked here.
import { z } from 'zod';

const id = z.string().min(1);
const offset = z.number().int().min(0).optional();
const limit = (max: number) => z.number().int().min(1).max(max).optional();
const page = z.number().int().min(0).optional();
const filter = z.strictObject({ Name: z.string(), Values: z.array(z.string()) });
const tagSpecification = z.strictObject({
  ResourceType: z.string(),
  Tags: z.array(z.strictObject({ Key: z.string(), Value: z.string() })),
});
const replicationFilter = z.strictObject({
  Type: z.enum(['name', 'tag', 'resource']),
  Value: z.string().optional(),
});

const immutableTagRule = z.strictObject({
  RepositoryPattern: z.string(),
  TagPattern: z.string(),
  RepositoryDecoration: z.enum(['repoMatches', 'repoExcludes']),
  TagDecoration: z.enum(['matches', 'excludes']),
  Disabled: z.boolean().optional(),
  // Read-only fields the SDK's type carries: accepted and ignored, as the cloud does.
  RuleId: z.number().int().optional(),
  NsName: z.string().optional(),
});

export const schemas = {
  DescribeRegions: z.strictObject({}),
  DescribeInstances: z.strictObject({
    Registryids: z.array(z.string()).max(100).optional(),
    Offset: offset,
    Limit: limit(100),
    Filters: z.array(filter).optional(),
    AllRegion: z.boolean().optional(),
  }),
  DescribeNamespaces: z.strictObject({
    RegistryId: id,
    NamespaceName: z.string().optional(),
    Limit: limit(100),
    Offset: page,
    All: z.boolean().optional(),
    Filters: z.array(filter).optional(),
    KmsSignPolicy: z.boolean().optional(),
  }),
  CreateNamespace: z.strictObject({
    RegistryId: id,
    NamespaceName: z.string(),
    IsPublic: z.boolean(),
    TagSpecification: tagSpecification.optional(),
    IsAutoScan: z.boolean().optional(),
    IsPreventVUL: z.boolean().optional(),
    Severity: z.enum(['low', 'medium', 'high']).optional(),
    CVEWhitelistItems: z.array(z.strictObject({ CVEID: z.string().optional() })).optional(),
  }),
  DescribeRepositories: z.strictObject({
    RegistryId: id,
    NamespaceName: z.string().optional(),
    RepositoryName: z.string().optional(),
    Offset: page,
    Limit: limit(100),
    SortBy: z.enum(['-creation_time', '-name', '-update_time', 'creation_time', 'name', 'update_time']).optional(),
  }),
  DescribeImages: z.strictObject({
    RegistryId: id,
    NamespaceName: z.string().min(1),
    RepositoryName: z.string().min(1),
    ImageVersion: z.string().optional(),
    Limit: limit(100),
    Offset: page,
    Digest: z.string().optional(),
    ExactMatch: z.boolean().optional(),
  }),
  CreateInstanceToken: z.strictObject({
    RegistryId: id,
    TokenType: z.enum(['longterm', 'temp']).optional(),
    Desc: z.string().max(255).optional(),
  }),
  DescribeInstanceToken: z.strictObject({ RegistryId: id, Limit: limit(100), Offset: offset }),
  ModifyInstanceToken: z.strictObject({
    TokenId: id,
    RegistryId: id,
    Enable: z.boolean().optional(),
    Desc: z.string().max(255).optional(),
    ModifyFlag: z.union([z.literal(1), z.literal(2)]).optional(),
  }),
  DeleteInstanceToken: z.strictObject({ RegistryId: id, TokenId: id }),
  ManageReplication: z.strictObject({
    SourceRegistryId: id,
    DestinationRegistryId: id,
    Rule: z.strictObject({
      Name: z.string(),
      DestNamespace: z.string(),
      Override: z.boolean(),
      Filters: z.array(replicationFilter).max(3),
      Deletion: z.boolean().optional(),
    }),
    Description: z.string().max(200).optional(),
    DestinationRegionId: z.number().int().optional(),
    PeerReplicationOption: z
      .strictObject({
        PeerRegistryUin: z.string(),
        PeerRegistryToken: z.string(),
        EnablePeerReplication: z.boolean(),
      })
      .optional(),
  }),
  ModifyReplication: z.strictObject({
    SourceRegistryId: id,
    RuleName: id,
    Rule: z.strictObject({
      DestNamespace: z.string().optional(),
      Override: z.boolean().optional(),
      Deletion: z.boolean().optional(),
      Filters: z.array(replicationFilter).max(3).optional(),
      Enabled: z.boolean().optional(),
    }),
    Description: z.string().max(200).optional(),
  }),
  DeleteReplicationRule: z.strictObject({
    SourceRegistryId: id,
    RuleName: id,
    Description: z.string().optional(),
  }),
  DescribeReplicationPolicies: z.strictObject({ RegistryId: id, Page: page, PageSize: limit(100) }),
  DescribeReplicationExecutions: z.strictObject({
    RegistryId: id,
    PolicyId: z.number().int().optional(),
    ReplicationInstanceId: z.string().optional(),
    Page: page,
    PageSize: limit(100),
  }),
  DescribeReplicationTasks: z.strictObject({
    RegistryId: id,
    ExecutionId: z.number().int(),
    Page: page,
    PageSize: limit(100),
  }),
  DescribeImmutableTagRules: z.strictObject({ RegistryId: id, Page: page, PageSize: limit(100) }),
  CreateImmutableTagRules: z.strictObject({
    RegistryId: id,
    NamespaceName: z.string().min(1),
    Rule: immutableTagRule,
  }),
  DeleteImmutableTagRules: z.strictObject({
    RegistryId: id,
    NamespaceName: z.string().min(1),
    RuleId: z.number().int(),
  }),
  GetCallerIdentity: z.strictObject({}),
} satisfies Record<string, z.ZodType>;

export type ActionName = keyof typeof schemas;
export type ParamsOf<A extends ActionName> = z.output<(typeof schemas)[A]>;
