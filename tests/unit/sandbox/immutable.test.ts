// The replication engine and immutable-tag rules of the destination: an overwrite or a replicated
// delete of a covered tag fails the task with a message saying which rule refused it.
import { describe, expect, it } from 'vitest';
import { ReplicationEngine } from '../../../src-main/sandbox/replication-engine.js';
import { SandboxState, findNamespace } from '../../../src-main/sandbox/state.js';
import type { SandboxInstance, SandboxSeed } from '../../../src-main/sandbox/types.js';

const RUN_MS = 1000;
const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;

function instance(registryId: string): SandboxInstance {
  return {
    registryId,
    registryName: registryId,
    registryType: 'standard',
    regionName: 'ap-guangzhou',
    createdAt: 0,
    namespaces: [{ name: 'apps', public: false, createdAt: 0, repositories: [] }],
    tokens: [],
  };
}

function world(override: boolean, deletion = false) {
  let clock = 0;
  const dst = instance('tcr-dst');
  dst.namespaces[0]?.repositories.push({
    name: 'web',
    description: '',
    createdAt: 0,
    artifacts: [{ tag: 'v1', kind: 'image', digest: DIGEST_B, size: 1, pushedAt: 0 }],
  });
  dst.immutableRules = [
    {
      id: 7,
      namespace: 'apps',
      repositoryPattern: '**',
      repositoryDecoration: 'repoMatches',
      tagPattern: 'v*',
      tagDecoration: 'matches',
      disabled: false,
    },
  ];
  const seed: SandboxSeed = {
    accounts: [{ name: 'a', uin: '1', secretId: 'id', secretKey: 'key', instances: [instance('tcr-src'), dst] }],
    rules: [
      {
        id: 1,
        sourceRegistryId: 'tcr-src',
        destinationRegistryId: 'tcr-dst',
        name: 'apps',
        description: '',
        destNamespace: '',
        override,
        deletion,
        enabled: true,
        filters: [{ Type: 'name', Value: 'apps/**' }],
        createdAt: 0,
        updatedAt: 0,
      },
    ],
    executions: [],
  };
  const state = new SandboxState(seed);
  const engine = new ReplicationEngine(state, { now: () => clock, runTimeMs: RUN_MS });
  const destTag = () =>
    findNamespace(state.findInstance('tcr-dst')!.instance, 'apps')?.repositories[0]?.artifacts.find(
      (a) => a.tag === 'v1',
    );
  return {
    state,
    engine,
    destTag,
    later: () => {
      clock += RUN_MS;
      engine.settle();
    },
  };
}

describe('replication onto immutable tags', () => {
  it('an overwrite fails the task, saying which rule refused it; the target keeps its digest', () => {
    const w = world(true);
    w.engine.push({
      registryId: 'tcr-src',
      namespace: 'apps',
      repository: 'web',
      tag: 'v1',
      kind: 'image',
      digest: DIGEST_A,
    });
    w.later();
    const task = w.state.executions[0]?.tasks[0];
    expect(task?.status).toBe('Failed');
    expect(task?.detail).toBe(
      'apps/web:v1 of instance tcr-dst is immutable (immutable-tag rule 7): it cannot be overwritten with another digest',
    );
    expect(w.state.executions[0]?.status).toBe('Failed');
    expect(w.destTag()?.digest).toBe(DIGEST_B);
  });

  it('override off skips the tag as before (the immutable rule is never reached)', () => {
    const w = world(false);
    w.engine.push({
      registryId: 'tcr-src',
      namespace: 'apps',
      repository: 'web',
      tag: 'v1',
      kind: 'image',
      digest: DIGEST_A,
    });
    w.later();
    expect(w.state.executions[0]?.tasks[0]?.status).toBe('Skipped');
  });

  it('the same digest is no overwrite: the task succeeds', () => {
    const w = world(true);
    w.engine.push({
      registryId: 'tcr-src',
      namespace: 'apps',
      repository: 'web',
      tag: 'v1',
      kind: 'image',
      digest: DIGEST_B,
    });
    w.later();
    expect(w.state.executions[0]?.tasks[0]?.status).toBe('Succeed');
  });

  it('a replicated delete of an immutable tag fails; the tag stays', () => {
    const w = world(true, true);
    w.engine.push({
      registryId: 'tcr-src',
      namespace: 'apps',
      repository: 'web',
      tag: 'v1',
      kind: 'image',
      digest: DIGEST_B,
    });
    w.later();
    w.engine.delete({ registryId: 'tcr-src', namespace: 'apps', repository: 'web', tag: 'v1' });
    w.later();
    const task = w.state.executions[1]?.tasks[0];
    expect(task?.status).toBe('Failed');
    expect(task?.detail).toContain('cannot be deleted');
    expect(w.destTag()?.digest).toBe(DIGEST_B);
  });
});
