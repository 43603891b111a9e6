// The sandbox's controls for sync logs: a rule run now (触发同步) makes one execution with a task
// per selected source artifact, and injected failures make the next tasks towards an instance
// fail, as DescribeReplicationExecutions / DescribeReplicationTasks then report them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executionActions } from '../../../src-main/sandbox/actions/executions.js';
import type { ActionContext } from '../../../src-main/sandbox/actions/context.js';
import { ApiError } from '../../../src-main/sandbox/api-error.js';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox/index.js';
import { ReplicationEngine } from '../../../src-main/sandbox/replication-engine.js';
import { replicationFaultSchema } from '../../../src-main/sandbox/replication-faults.js';
import { SandboxState } from '../../../src-main/sandbox/state.js';
import type { SandboxInstance, SandboxRule, SandboxSeed } from '../../../src-main/sandbox/types.js';
import { sandboxControl } from '../../shared/sandbox-control.js';

const RUN_MS = 1000;

function instance(registryId: string): SandboxInstance {
  return {
    registryId,
    registryName: registryId,
    registryType: 'standard',
    regionName: 'ap-guangzhou',
    createdAt: 0,
    namespaces: [],
    tokens: [],
  };
}

function rule(overrides: Partial<SandboxRule>): SandboxRule {
  return {
    id: 1,
    sourceRegistryId: 'tcr-src',
    destinationRegistryId: 'tcr-dst',
    name: 'apps-to-dst',
    description: '',
    destNamespace: '',
    override: false,
    deletion: false,
    enabled: true,
    filters: [{ Type: 'name', Value: 'apps/**' }],
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

function world(rules: SandboxRule[]): SandboxSeed {
  const source = instance('tcr-src');
  source.namespaces.push(
    { name: 'apps', public: false, createdAt: 0, repositories: [] },
    { name: 'base', public: false, createdAt: 0, repositories: [] },
  );
  return {
    accounts: [{ name: 'A', uin: '1', secretId: 'id-a', secretKey: 'key-a', instances: [source, instance('tcr-dst')] }],
    rules,
    executions: [],
  };
}

let clock: number;
let state: SandboxState;
let engine: ReplicationEngine;

beforeEach(() => {
  clock = 1_000_000;
  state = new SandboxState(
    world([
      rule({ id: 1 }),
      rule({ id: 2, name: 'base-off', enabled: false, filters: [{ Type: 'name', Value: 'base/**' }] }),
    ]),
  );
  engine = new ReplicationEngine(state, { now: () => clock, runTimeMs: RUN_MS });
});

const push = (namespace: string, repository: string, tag: string) =>
  engine.push({ registryId: 'tcr-src', namespace, repository, tag, kind: 'image' });

const later = (ms: number) => {
  clock += ms;
  engine.settle();
};

/** What DescribeReplicationExecutions answers for the source instance. */
function listed(policyId?: number) {
  const context = { state, account: state.accounts[0], region: 'ap-guangzhou' } as unknown as ActionContext;
  return executionActions.DescribeReplicationExecutions(
    { RegistryId: 'tcr-src', ...(policyId !== undefined ? { PolicyId: policyId } : {}) },
    context,
  ) as {
    TotalCount: number;
    ReplicationExecutionList: { ExecutionID: number; Status: string; Total: number; Succeed: number }[];
  };
}

describe('runRule (触发同步)', () => {
  it('makes one execution with one task per source artifact the filters select', () => {
    for (let i = 1; i <= 20; i += 1) push('apps', i % 2 ? 'web' : 'api', `v${i}`);
    push('base', 'os', 'v1');
    later(RUN_MS);
    const { executionId, tasks } = engine.runRule({ registryId: 'tcr-src', ruleName: 'apps-to-dst' });
    expect(tasks).toBe(20);
    const run = state.executions.find((e) => e.id === executionId);
    expect(run?.tasks.map((t) => t.srcResource).sort()).toContain('apps/web:v1');
    expect(run?.tasks.some((t) => t.srcResource.startsWith('base/'))).toBe(false);
    // A disabled rule can still be run by hand, and by id.
    expect(engine.runRule({ registryId: 'tcr-src', ruleId: 2 }).tasks).toBe(1);
  });

  it('says so for an unknown rule or instance', () => {
    expect(() => engine.runRule({ registryId: 'tcr-src', ruleName: 'nope' })).toThrow(ApiError);
    expect(() => engine.runRule({ registryId: 'tcr-nope', ruleId: 1 })).toThrow(ApiError);
  });
});

describe('failReplication', () => {
  it('fails the next N tasks towards the instance with the detail given; the run reads 18/20 Failed', () => {
    for (let i = 1; i <= 20; i += 1) push('apps', 'web', `v${i}`);
    later(RUN_MS);
    const pending = engine.faults.add(
      replicationFaultSchema.parse({ registryId: 'tcr-dst', times: 2, detail: 'disk full' }),
    );
    expect(pending).toBe(2);
    const { executionId } = engine.runRule({ registryId: 'tcr-src', ruleId: 1 });
    later(RUN_MS);
    const run = state.executions.find((e) => e.id === executionId);
    expect(run?.tasks.filter((t) => t.status === 'Failed').map((t) => t.detail)).toEqual(['disk full', 'disk full']);
    const newest = listed(1).ReplicationExecutionList[0];
    expect(newest).toMatchObject({ ExecutionID: executionId, Status: 'Failed', Total: 20, Succeed: 18 });
    expect(engine.faults.pending('tcr-dst')).toBe(0);
  });

  it('clears with times 0, and lists executions newest first', () => {
    engine.faults.add(replicationFaultSchema.parse({ registryId: 'tcr-dst', times: 5 }));
    expect(engine.faults.add(replicationFaultSchema.parse({ registryId: 'tcr-dst', times: 0 }))).toBe(0);
    push('apps', 'web', 'v1');
    push('apps', 'web', 'v2');
    later(RUN_MS);
    const ids = listed().ReplicationExecutionList.map((e) => e.ExecutionID);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(listed().ReplicationExecutionList.every((e) => e.Status === 'Succeed')).toBe(true);
  });
});

describe('the controls over HTTP', () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ runTimeMs: 50 });
  });
  afterEach(() => sandbox.close());

  it('takes fail-replication and run-rule, and refuses bad input as the cloud would', async () => {
    const fail = await sandboxControl(sandbox.endpoint, 'fail-replication', { registryId: 'tcr-x', times: 3 });
    expect(fail).toEqual({ status: 200, body: { pending: 3 } });
    const bad = await sandboxControl(sandbox.endpoint, 'fail-replication', { registryId: 'tcr-x', times: -1 });
    expect(bad.status).toBe(400);
    const both = await sandboxControl(sandbox.endpoint, 'run-rule', { registryId: 'tcr-x', ruleId: 1, ruleName: 'a' });
    expect(both.status).toBe(400);
    const missing = await sandboxControl(sandbox.endpoint, 'run-rule', { registryId: 'tcr-x', ruleId: 1 });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });
});
