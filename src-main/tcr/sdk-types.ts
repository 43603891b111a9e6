// The SDK's request and response types per action (PascalCase, as on the wire). They stay
// inside src-main/tcr: the gateway's methods answer with the app's camelCase types.
import type * as S from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_models.js';
import type * as T from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_models.js';
import type { Assert } from '../base/type-equality.js';
import type { ActionName } from './actions.js';

interface Io<Req, Res> {
  req: Req;
  res: Res;
}

export interface ActionIo {
  GetCallerIdentity: Io<S.GetCallerIdentityRequest, S.GetCallerIdentityResponse>;
  DescribeRegions: Io<T.DescribeRegionsRequest, T.DescribeRegionsResponse>;
  DescribeInstances: Io<T.DescribeInstancesRequest, T.DescribeInstancesResponse>;
  DescribeNamespaces: Io<T.DescribeNamespacesRequest, T.DescribeNamespacesResponse>;
  DescribeRepositories: Io<T.DescribeRepositoriesRequest, T.DescribeRepositoriesResponse>;
  DescribeImages: Io<T.DescribeImagesRequest, T.DescribeImagesResponse>;
  DescribeInstanceToken: Io<T.DescribeInstanceTokenRequest, T.DescribeInstanceTokenResponse>;
  DescribeReplicationPolicies: Io<T.DescribeReplicationPoliciesRequest, T.DescribeReplicationPoliciesResponse>;
  DescribeReplicationExecutions: Io<T.DescribeReplicationExecutionsRequest, T.DescribeReplicationExecutionsResponse>;
  DescribeReplicationTasks: Io<T.DescribeReplicationTasksRequest, T.DescribeReplicationTasksResponse>;
  DescribeReplicationInstances: Io<T.DescribeReplicationInstancesRequest, T.DescribeReplicationInstancesResponse>;
  DescribeReplicationInstanceSyncStatus: Io<
    T.DescribeReplicationInstanceSyncStatusRequest,
    T.DescribeReplicationInstanceSyncStatusResponse
  >;
  DescribeImmutableTagRules: Io<T.DescribeImmutableTagRulesRequest, T.DescribeImmutableTagRulesResponse>;
  CreateNamespace: Io<T.CreateNamespaceRequest, T.CreateNamespaceResponse>;
  CreateInstanceToken: Io<T.CreateInstanceTokenRequest, T.CreateInstanceTokenResponse>;
  ModifyInstanceToken: Io<T.ModifyInstanceTokenRequest, T.ModifyInstanceTokenResponse>;
  DeleteInstanceToken: Io<T.DeleteInstanceTokenRequest, T.DeleteInstanceTokenResponse>;
  ManageReplication: Io<T.ManageReplicationRequest, T.ManageReplicationResponse>;
  ModifyReplication: Io<T.ModifyReplicationRequest, T.ModifyReplicationResponse>;
  DeleteReplicationRule: Io<T.DeleteReplicationRuleRequest, T.DeleteReplicationRuleResponse>;
}

// Compile-time check: every classified action has its types, and nothing else does.
type SameKeys = [ActionName] extends [keyof ActionIo] ? ([keyof ActionIo] extends [ActionName] ? true : false) : false;
export type ActionIoIsComplete = Assert<SameKeys>;

export type RequestOf<A extends ActionName> = ActionIo[A]['req'];
export type ResponseOf<A extends ActionName> = ActionIo[A]['res'];
