// Every TencentCloud action the gateway calls, classified once: reads may be retried after a
// transient failure; writes never are, because a write whose reply was lost may have happened.

export type TcrService = 'tcr' | 'sts';
export type ActionKind = 'read' | 'write';

export interface ActionSpec {
  service: TcrService;
  kind: ActionKind;
}

export const actionTable = {
  GetCallerIdentity: { service: 'sts', kind: 'read' },
  DescribeRegions: { service: 'tcr', kind: 'read' },
  DescribeInstances: { service: 'tcr', kind: 'read' },
  DescribeNamespaces: { service: 'tcr', kind: 'read' },
  DescribeRepositories: { service: 'tcr', kind: 'read' },
  DescribeImages: { service: 'tcr', kind: 'read' },
  DescribeInstanceToken: { service: 'tcr', kind: 'read' },
  DescribeReplicationPolicies: { service: 'tcr', kind: 'read' },
  DescribeReplicationExecutions: { service: 'tcr', kind: 'read' },
  DescribeReplicationTasks: { service: 'tcr', kind: 'read' },
  DescribeReplicationInstances: { service: 'tcr', kind: 'read' },
  DescribeReplicationInstanceSyncStatus: { service: 'tcr', kind: 'read' },
  DescribeImmutableTagRules: { service: 'tcr', kind: 'read' },
  CreateNamespace: { service: 'tcr', kind: 'write' },
  CreateInstanceToken: { service: 'tcr', kind: 'write' },
  ModifyInstanceToken: { service: 'tcr', kind: 'write' },
  DeleteInstanceToken: { service: 'tcr', kind: 'write' },
  ManageReplication: { service: 'tcr', kind: 'write' },
  ModifyReplication: { service: 'tcr', kind: 'write' },
  DeleteReplicationRule: { service: 'tcr', kind: 'write' },
} as const satisfies Record<string, ActionSpec>;

export type ActionName = keyof typeof actionTable;

export function isReadAction(action: ActionName): boolean {
  return actionTable[action].kind === 'read';
}
