// The replication engine on a small world and a fake clock: what a push or delete starts, and
// what the end of a run does to the destination, decided by the state when the run ends.
import { beforeEach, describe, expect, it } from 'vitest';
import { ReplicationEngine } from '../../../src-main/sandbox/replication-engine.js';
import { SandboxState, findNamespace } from '../../../src-main/sandbox/state.js';
import type { SandboxInstance, SandboxRule, SandboxSeed } from '../../../src-main/sandbox/types.js';

const RUN_MS = 1000;
const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;

function instance(registryId: string, registryType: SandboxInstance['registryType'] = 'standard'): SandboxInstance {
  return {
    registryId,
    registryName: registryId,
    registryType,
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
  source.namespaces.push({ name: 'apps', public: false, createdAt: 0, repositories: [] });
  const peerDestination = instance('tcr-peer');
  peerDestination.tokens.push({
    id: 'tok1',
    token: 'peer-token',
    username: 'tcr$tok1',
    desc: '',
    kind: 'longterm',
    enabled: true,
    createdAt: 0,
    expiresAt: Number.MAX_SAFE_INTEGER,
  });
  return {
    accounts: [
      { name: 'A', uin: '1', secretId: 'id-a', secretKey: 'key-a', instances: [source, instance('tcr-dst')] },
      { name: 'B', uin: '2', secretId: 'id-b', secretKey: 'key-b', instances: [peerDestination] },
    ],
    rules,
    executions: [],
  };
}

let clock: number;
let state: SandboxState;
let engine: ReplicationEngine;

function setup(rules: SandboxRule[]): void {
  clock = 1_000_000;
  state = new SandboxState(world(rules));
  engine = new ReplicationEngine(state, { now: () => clock, runTimeMs: RUN_MS });
}

function tagsAt(registryId: string, namespace: string, repository: string): Record<string, string> {
  const found = state.findInstance(registryId)?.instance;
  const repo = found && findNamespace(found, namespace)?.repositories.find((r) => r.name === repository);
  return Object.fromEntries((repo?.artifacts ?? []).map((a) => [a.tag, a.digest]));
}

const push = (tag: string, extra: Partial<{ repository: string; digest: string; kind: 'image' | 'chart' }> = {}) =>
  engine.push({ registryId: 'tcr-src', namespace: 'apps', repository: 'web', tag, kind: 'image', ...extra });

const later = (ms: number) => {
  clock += ms;
  engine.settle();
};

describe('replication engine', () => {
  beforeEach(() => setup([rule({})]));

  it('runs a matching rule: InProgress until the run time is up, then Succeed with the artifact copied', () => {
    const { executionIds } = push('v1', { digest: DIGEST_A });
    expect(executionIds).toHaveLength(1);
    const execution = state.executions.find((e) => e.id === executionIds[0])!;
    expect(execution).toMatchObject({ status: 'InProgress', startTime: 1_000_000, ruleId: 1 });
    expect(execution.tasks).toMatchObject([
      { status: 'InProgress', srcResource: 'apps/web:v1', dstResource: 'apps/web:v1' },
    ]);

    later(RUN_MS - 1);
    expect(execution.status).toBe('InProgress');
    expect(tagsAt('tcr-dst', 'apps', 'web')).toEqual({});

    later(1);
    expect(execution).toMatchObject({ status: 'Succeed', endTime: 1_000_000 + RUN_MS });
    expect(execution.tasks).toMatchObject([{ status: 'Succeed', endTime: 1_000_000 + RUN_MS, resourceType: 'image' }]);
    expect(tagsAt('tcr-dst', 'apps', 'web')).toEqual({ v1: DIGEST_A });
  });

  it('starts nothing for a disabled rule or one whose filters do not all match', () => {
    setup([
      rule({ id: 1, name: 'off', enabled: false }),
      rule({
        id: 2,
        name: 'tags',
        filters: [
          { Type: 'name', Value: 'apps/**' },
          { Type: 'tag', Value: 'v2.*' },
        ],
      }),
      rule({ id: 3, name: 'charts', filters: [{ Type: 'resource', Value: 'chart' }] }),
      rule({ id: 4, name: 'other-ns', filters: [{ Type: 'name', Value: 'base/**' }] }),
    ]);
    expect(push('v1.0').executionIds).toEqual([]);
    expect(push('v2.1').executionIds).toHaveLength(1);
    expect(push('1.0.0', { repository: 'helm-app', kind: 'chart' }).executionIds).toHaveLength(1);
  });

  it('writes into the rule’s destination namespace, creating it when missing', () => {
    setup([rule({ destNamespace: 'mirror' })]);
    push('v1', { digest: DIGEST_A });
    later(RUN_MS);
    expect(tagsAt('tcr-dst', 'mirror', 'web')).toEqual({ v1: DIGEST_A });
    expect(state.executions[0]?.tasks[0]?.dstResource).toBe('mirror/web:v1');
  });

  it('keeps a same-named tag on the destination when override is off, and records it', () => {
    push('v1', { digest: DIGEST_A });
    later(RUN_MS);
    push('v1', { digest: DIGEST_B });
    later(RUN_MS);
    expect(tagsAt('tcr-dst', 'apps', 'web')).toEqual({ v1: DIGEST_A });
    expect(state.executions[1]).toMatchObject({ status: 'Succeed', tasks: [{ status: 'Skipped' }] });
  });

  it('replaces a same-named tag when override is on', () => {
    setup([rule({ override: true })]);
    push('v1', { digest: DIGEST_A });
    later(RUN_MS);
    push('v1', { digest: DIGEST_B });
    later(RUN_MS);
    expect(tagsAt('tcr-dst', 'apps', 'web')).toEqual({ v1: DIGEST_B });
    expect(state.executions[1]?.tasks[0]?.status).toBe('Succeed');
  });

  it('replicates deletes only for rules with deletion on', () => {
    setup([
      rule({ id: 1, name: 'keep' }),
      rule({
        id: 2,
        name: 'mirror',
        destinationRegistryId: 'tcr-peer',
        deletion: true,
        peer: { uin: '2', token: 'peer-token' },
      }),
    ]);
    push('v1', { digest: DIGEST_A });
    later(RUN_MS);
    expect(tagsAt('tcr-peer', 'apps', 'web')).toEqual({ v1: DIGEST_A });
    const { executionIds } = engine.delete({ registryId: 'tcr-src', namespace: 'apps', repository: 'web', tag: 'v1' });
    expect(executionIds).toHaveLength(1);
    later(RUN_MS);
    expect(tagsAt('tcr-src', 'apps', 'web')).toEqual({});
    expect(tagsAt('tcr-peer', 'apps', 'web')).toEqual({});
    expect(tagsAt('tcr-dst', 'apps', 'web')).toEqual({ v1: DIGEST_A });
  });

  it('fails a run whose destination was deleted after the rule was created', () => {
    push('v1');
    state.removeInstance('tcr-dst');
    later(RUN_MS);
    expect(state.executions[0]).toMatchObject({ status: 'Failed', tasks: [{ status: 'Failed' }] });
    expect(state.executions[0]?.tasks[0]?.detail).toMatch(/no longer exists/);
  });

  it('fails a cross-account run when the peer token was disabled, succeeds again once re-enabled', () => {
    setup([rule({ destinationRegistryId: 'tcr-peer', peer: { uin: '2', token: 'peer-token' } })]);
    const token = state.findInstance('tcr-peer')!.instance.tokens[0]!;
    token.enabled = false;
    push('v1');
    later(RUN_MS);
    expect(state.executions[0]).toMatchObject({ status: 'Failed' });
    expect(state.executions[0]?.tasks[0]?.detail).toMatch(/disabled/);
    expect(tagsAt('tcr-peer', 'apps', 'web')).toEqual({});

    token.enabled = true;
    push('v2');
    later(RUN_MS);
    expect(state.executions[1]).toMatchObject({ status: 'Succeed' });
    expect(Object.keys(tagsAt('tcr-peer', 'apps', 'web'))).toEqual(['v2']);
  });

  it('fails the copy of an artifact deleted from the source before the run ended', () => {
    push('v1');
    engine.delete({ registryId: 'tcr-src', namespace: 'apps', repository: 'web', tag: 'v1' });
    later(RUN_MS);
    expect(state.executions[0]).toMatchObject({
      status: 'Failed',
      tasks: [{ detail: 'the source artifact no longer exists' }],
    });
  });

  it('stops the running executions of a deleted rule', () => {
    push('v1');
    clock += 10;
    engine.stopExecutionsOf(1);
    later(RUN_MS);
    expect(state.executions[0]).toMatchObject({
      status: 'Stopped',
      endTime: 1_000_010,
      tasks: [{ status: 'Stopped' }],
    });
  });

  it('refuses a push into a namespace that does not exist', () => {
    expect(() =>
      engine.push({ registryId: 'tcr-src', namespace: 'nope', repository: 'web', tag: 'v1', kind: 'image' }),
    ).toThrow(expect.objectContaining({ code: 'ResourceNotFound' }));
  });
});
