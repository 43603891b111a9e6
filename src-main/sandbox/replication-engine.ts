import { ApiError, notFound } from './api-error.js';
import { fakeDigest, fakeSize } from './artifact-digest.js';
import { filtersMatch, type ArtifactRef } from './filters.js';
import { assertMutable, immutableProblem } from './immutable.js';
import { ReplicationFaults, type ReplicationFaultInput } from './replication-faults.js';
import { findNamespace, findRepository, type SandboxState } from './state.js';
import type {
  DeleteInput,
  DeleteResult,
  PendingWork,
  PushInput,
  PushResult,
  RunRuleInput,
  RunRuleResult,
  SandboxArtifact,
  SandboxExecution,
  SandboxInstance,
  SandboxRule,
  SandboxTask,
} from './types.js';

/** Where a tag is: instance, namespace, repository. */
export interface ContentPlace {
  registryId: string;
  namespace: string;
  repository: string;
}

/** A change of an instance's content, for the registry that holds it (the demo's in-process ones). */
export type ContentChange =
  | { kind: 'pushed'; at: ContentPlace; artifact: SandboxArtifact }
  | { kind: 'deleted'; at: ContentPlace; tag: string }
  | { kind: 'copied'; from: ContentPlace; to: ContentPlace; tag: string };

export interface EngineOptions {
  now: () => number;
  /** How long an execution stays InProgress. */
  runTimeMs: number;
  /** Told of every push, delete and replicated copy or delete once it is done. */
  onContentChange?: (change: ContentChange) => void;
}

/**
 * Event-based replication as TCR runs it: a push (or, with `Deletion`, a delete) on a source
 * instance starts one execution per enabled matching rule. Executions finish lazily: whoever
 * looks (any API call, push or delete) first settles every run whose time is up, so outcomes
 * depend only on the clock and the state at the end of the run, never on timers.
 */
export class ReplicationEngine {
  /** Failures on purpose of the tasks towards an instance (the `fail-replication` control). */
  readonly faults = new ReplicationFaults();

  constructor(
    private readonly state: SandboxState,
    private readonly options: EngineOptions,
  ) {}

  push(input: PushInput): PushResult {
    this.settle();
    const now = this.options.now();
    const instance = this.#sourceInstance(input.registryId);
    const namespace = findNamespace(instance, input.namespace);
    if (!namespace) throw notFound(`Namespace ${input.namespace} of instance ${input.registryId}`);
    let repository = findRepository(namespace, input.repository);
    if (!repository) {
      repository = { name: input.repository, description: '', createdAt: now, artifacts: [] };
      namespace.repositories.push(repository);
    }
    const digest = input.digest ?? fakeDigest(input.registryId, input.namespace, input.repository, input.tag, now);
    const existing = repository.artifacts.find((a) => a.tag === input.tag);
    if (existing && existing.digest !== digest) {
      assertMutable(instance, input.namespace, input.repository, input.tag, 'overwrite');
    }
    const artifact = {
      tag: input.tag,
      kind: input.kind,
      digest,
      size: input.size ?? fakeSize(digest, input.kind),
      pushedAt: now,
    };
    repository.artifacts = [...repository.artifacts.filter((a) => a.tag !== input.tag), artifact];
    const at = { registryId: input.registryId, namespace: input.namespace, repository: input.repository };
    this.options.onContentChange?.({ kind: 'pushed', at, artifact });
    const executionIds = this.#start(input.registryId, { ...input }, 'copy', () => true);
    return {
      artifact: { ...artifact, registryId: input.registryId, namespace: input.namespace, repository: input.repository },
      executionIds,
    };
  }

  delete(input: DeleteInput): DeleteResult {
    this.settle();
    const instance = this.#sourceInstance(input.registryId);
    const repository = findRepository(
      findNamespace(instance, input.namespace) ?? { name: '', public: false, createdAt: 0, repositories: [] },
      input.repository,
    );
    const artifact = repository?.artifacts.find((a) => a.tag === input.tag);
    if (!repository || !artifact) {
      throw notFound(`Artifact ${input.namespace}/${input.repository}:${input.tag} of instance ${input.registryId}`);
    }
    assertMutable(instance, input.namespace, input.repository, input.tag, 'delete');
    repository.artifacts = repository.artifacts.filter((a) => a !== artifact);
    const at = { registryId: input.registryId, namespace: input.namespace, repository: input.repository };
    this.options.onContentChange?.({ kind: 'deleted', at, tag: input.tag });
    const executionIds = this.#start(
      input.registryId,
      { ...input, kind: artifact.kind },
      'delete',
      (rule) => rule.deletion,
    );
    return { deleted: true, executionIds };
  }

  /**
   * The next `times` tasks towards an instance fail (see ReplicationFaults). Runs already due are
   * settled first: the failures hit only tasks that end after this call.
   */
  failReplication(fault: ReplicationFaultInput): number {
    this.settle();
    return this.faults.add(fault);
  }

  /**
   * Runs one rule now, as the console's 触发同步 does: one execution with one task per artifact of
   * the source instance that the rule's filters select (none: an execution with no task).
   */
  runRule(input: RunRuleInput): RunRuleResult {
    this.settle();
    const instance = this.#sourceInstance(input.registryId);
    const rule = this.state.rules.find(
      (r) =>
        r.sourceRegistryId === instance.registryId &&
        (input.ruleId !== undefined ? r.id === input.ruleId : r.name === input.ruleName),
    );
    if (!rule) throw notFound(`Rule ${input.ruleId ?? input.ruleName ?? ''} of instance ${input.registryId}`);
    const now = this.options.now();
    const tasks: SandboxTask[] = [];
    for (const namespace of instance.namespaces) {
      for (const repository of namespace.repositories) {
        for (const artifact of repository.artifacts) {
          const ref: ArtifactRef = {
            namespace: namespace.name,
            repository: repository.name,
            tag: artifact.tag,
            kind: artifact.kind,
          };
          if (filtersMatch(rule.filters, ref)) tasks.push(this.#task(rule, ref, 'copy', now));
        }
      }
    }
    return { executionId: this.#execution(rule, instance.registryId, tasks, now), tasks: tasks.length };
  }

  /** Finishes every InProgress execution whose run time is over, oldest first. */
  settle(): void {
    const now = this.options.now();
    const due = this.state.executions
      .filter((e) => e.status === 'InProgress' && e.dueAt !== undefined && e.dueAt <= now)
      .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.id - b.id);
    for (const execution of due) this.#finish(execution, execution.dueAt ?? now);
  }

  /** A deleted rule's running executions stop where they are. */
  stopExecutionsOf(ruleId: number): void {
    const now = this.options.now();
    for (const execution of this.state.executions) {
      if (execution.ruleId !== ruleId || execution.status !== 'InProgress') continue;
      execution.status = 'Stopped';
      execution.endTime = now;
      delete execution.dueAt;
      for (const task of execution.tasks) {
        if (task.status !== 'InProgress') continue;
        task.status = 'Stopped';
        task.endTime = now;
        delete task.work;
      }
    }
  }

  #sourceInstance(registryId: string): SandboxInstance {
    const found = this.state.findInstance(registryId);
    if (!found) throw notFound(`Instance ${registryId}`);
    return found.instance;
  }

  #start(
    registryId: string,
    artifact: ArtifactRef,
    operation: PendingWork['operation'],
    applies: (rule: SandboxRule) => boolean,
  ): number[] {
    const now = this.options.now();
    const rules = this.state.rules.filter(
      (r) => r.sourceRegistryId === registryId && r.enabled && applies(r) && filtersMatch(r.filters, artifact),
    );
    return rules.map((rule) => this.#execution(rule, registryId, [this.#task(rule, artifact, operation, now)], now));
  }

  #task(rule: SandboxRule, artifact: ArtifactRef, operation: PendingWork['operation'], now: number): SandboxTask {
    const destNamespace = rule.destNamespace || artifact.namespace;
    return {
      jobId: this.state.nextJobId(),
      resourceType: artifact.kind,
      srcResource: `${artifact.namespace}/${artifact.repository}:${artifact.tag}`,
      dstResource: `${destNamespace}/${artifact.repository}:${artifact.tag}`,
      status: 'InProgress',
      startTime: now,
      work: {
        operation,
        namespace: artifact.namespace,
        repository: artifact.repository,
        tag: artifact.tag,
        kind: artifact.kind,
      },
    };
  }

  #execution(rule: SandboxRule, registryId: string, tasks: SandboxTask[], now: number): number {
    const execution: SandboxExecution = {
      id: this.state.nextExecutionId(),
      ruleId: rule.id,
      registryId,
      destinationRegistryId: rule.destinationRegistryId,
      status: 'InProgress',
      startTime: now,
      dueAt: now + this.options.runTimeMs,
      tasks,
    };
    this.state.executions.push(execution);
    return execution.id;
  }

  #finish(execution: SandboxExecution, at: number): void {
    const rule = this.state.rules.find((r) => r.id === execution.ruleId);
    const problem = rule ? this.#destinationProblem(rule, at) : 'the rule was deleted';
    for (const task of execution.tasks) {
      if (task.status !== 'InProgress') continue;
      const injected = rule && !problem ? this.faults.take(rule.destinationRegistryId) : undefined;
      const outcome =
        problem || !rule
          ? { status: 'Failed' as const, detail: problem }
          : injected !== undefined
            ? { status: 'Failed' as const, detail: injected }
            : this.#perform(rule, task, at);
      task.status = outcome.status;
      if (outcome.detail) task.detail = outcome.detail;
      task.endTime = at;
      delete task.work;
    }
    execution.status = execution.tasks.some((t) => t.status === 'Failed') ? 'Failed' : 'Succeed';
    execution.endTime = at;
    delete execution.dueAt;
  }

  /** Why nothing can reach the destination at time `at`, or "" when it can. */
  #destinationProblem(rule: SandboxRule, at: number): string {
    const destination = this.state.findInstance(rule.destinationRegistryId);
    if (!destination) return `destination instance ${rule.destinationRegistryId} no longer exists`;
    if (destination.instance.registryType === 'basic') {
      return `destination instance ${rule.destinationRegistryId} is a Basic edition instance`;
    }
    if (!rule.peer) return '';
    if (destination.account.uin !== rule.peer.uin) {
      return `destination instance ${rule.destinationRegistryId} is not owned by account ${rule.peer.uin}`;
    }
    const token = destination.instance.tokens.find((t) => t.token === rule.peer?.token);
    if (!token) return 'the access token of the destination instance was deleted';
    if (!token.enabled) return 'the access token of the destination instance is disabled';
    if (token.expiresAt <= at) return 'the access token of the destination instance has expired';
    return '';
  }

  #perform(rule: SandboxRule, task: SandboxTask, at: number): { status: SandboxTask['status']; detail?: string } {
    const work = task.work;
    const destination = this.state.findInstance(rule.destinationRegistryId)?.instance;
    if (!work || !destination) return { status: 'Failed', detail: 'nothing to replicate' };
    const destNamespaceName = rule.destNamespace || work.namespace;
    if (work.operation === 'delete') {
      const repository = findRepository(
        findNamespace(destination, destNamespaceName) ?? { name: '', public: false, createdAt: 0, repositories: [] },
        work.repository,
      );
      if (!repository?.artifacts.some((a) => a.tag === work.tag)) return { status: 'Succeed' };
      const problem = immutableProblem(destination, destNamespaceName, work.repository, work.tag, 'delete');
      if (problem) return { status: 'Failed', detail: problem };
      repository.artifacts = repository.artifacts.filter((a) => a.tag !== work.tag);
      const at = { registryId: destination.registryId, namespace: destNamespaceName, repository: work.repository };
      this.options.onContentChange?.({ kind: 'deleted', at, tag: work.tag });
      return { status: 'Succeed' };
    }
    const source = this.state.findInstance(rule.sourceRegistryId)?.instance;
    const sourceNamespace = source && findNamespace(source, work.namespace);
    const artifact =
      sourceNamespace && findRepository(sourceNamespace, work.repository)?.artifacts.find((a) => a.tag === work.tag);
    if (!artifact) return { status: 'Failed', detail: 'the source artifact no longer exists' };

    let namespace = findNamespace(destination, destNamespaceName);
    if (!namespace) {
      namespace = { name: destNamespaceName, public: false, createdAt: at, repositories: [] };
      destination.namespaces.push(namespace);
    }
    let repository = findRepository(namespace, work.repository);
    if (!repository) {
      repository = { name: work.repository, description: '', createdAt: at, artifacts: [] };
      namespace.repositories.push(repository);
    }
    const existing = repository.artifacts.find((a) => a.tag === work.tag);
    if (existing && existing.digest === artifact.digest) return { status: 'Succeed' };
    if (existing && !rule.override) {
      return { status: 'Skipped', detail: `${task.dstResource} exists on the destination and override is off` };
    }
    // TCR refuses to push another digest to an immutable tag: the task fails.
    const immutable =
      existing && immutableProblem(destination, destNamespaceName, work.repository, work.tag, 'overwrite');
    if (immutable) return { status: 'Failed', detail: immutable };
    repository.artifacts = [...repository.artifacts.filter((a) => a !== existing), { ...artifact, pushedAt: at }];
    this.options.onContentChange?.({
      kind: 'copied',
      from: { registryId: rule.sourceRegistryId, namespace: work.namespace, repository: work.repository },
      to: { registryId: destination.registryId, namespace: destNamespaceName, repository: work.repository },
      tag: work.tag,
    });
    return { status: 'Succeed' };
  }
}

export function assertReplicable(instance: SandboxInstance, role: 'source' | 'destination'): void {
  if (instance.registryType === 'basic') {
    throw new ApiError(
      'UnsupportedOperation',
      `Instance sync needs a Standard or Premium edition ${role} instance; ${instance.registryId} is Basic.`,
    );
  }
}
