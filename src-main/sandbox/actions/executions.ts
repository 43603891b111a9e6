import { notFound } from '../api-error.js';
import { byPage } from '../paging.js';
import { goTime } from '../time-format.js';
import type { ActionHandlers } from './context.js';

const timeOrEmpty = (ms: number | undefined): string => (ms === undefined ? '' : goTime(ms));

export const executionActions: ActionHandlers<'DescribeReplicationExecutions' | 'DescribeReplicationTasks'> = {
  DescribeReplicationExecutions: (params, { state, account, region }) => {
    const source = state.ownInstance(account, params.RegistryId, region);
    const executions = state.executions
      .filter((e) => e.registryId === source.registryId)
      .filter((e) => params.PolicyId === undefined || e.ruleId === params.PolicyId)
      .filter((e) => !params.ReplicationInstanceId || e.destinationRegistryId === params.ReplicationInstanceId)
      .sort((a, b) => b.id - a.id);
    return {
      TotalCount: executions.length,
      ReplicationExecutionList: byPage(executions, params.Page, params.PageSize ?? 100).map((e) => ({
        ExecutionID: e.id,
        PolicyID: e.ruleId,
        Status: e.status,
        Total: e.tasks.length,
        // A tag kept because override is off is not a failure.
        Succeed: e.tasks.filter((t) => t.status === 'Succeed' || t.status === 'Skipped').length,
        StartTime: goTime(e.startTime),
        EndTime: timeOrEmpty(e.endTime),
      })),
    };
  },

  DescribeReplicationTasks: (params, { state, account, region }) => {
    const source = state.ownInstance(account, params.RegistryId, region);
    const execution = state.executions.find((e) => e.id === params.ExecutionId && e.registryId === source.registryId);
    if (!execution) throw notFound(`Execution ${params.ExecutionId} of instance ${source.registryId}`);
    return {
      TotalCount: execution.tasks.length,
      ReplicationTaskList: byPage(execution.tasks, params.Page, params.PageSize ?? 100).map((t) => ({
        ResourceType: t.resourceType,
        SrcResource: t.srcResource,
        DstResource: t.dstResource,
        JobID: t.jobId,
        Status: t.status,
        StartTime: goTime(t.startTime),
        EndTime: timeOrEmpty(t.endTime),
      })),
    };
  },
};
