import { immutableCovers } from '../domain/rule-preview.js';
import { ApiError } from './api-error.js';
import type { SandboxImmutableRule, SandboxInstance } from './types.js';

// TCR refuses to overwrite (push another digest to) or delete a tag an enabled immutable-tag rule
// covers. The coverage is the domain's, so the app's preview and the sandbox agree.

/** The enabled rule of the instance that covers `namespace/repository:tag`, or undefined. */
export function immutableRuleFor(
  instance: SandboxInstance,
  namespace: string,
  repository: string,
  tag: string,
): SandboxImmutableRule | undefined {
  return (instance.immutableRules ?? []).find((rule) => immutableCovers([rule], namespace, repository, tag));
}

/** Why `namespace/repository:tag` of the instance cannot be changed, or "" when it can. */
export function immutableProblem(
  instance: SandboxInstance,
  namespace: string,
  repository: string,
  tag: string,
  change: 'overwrite' | 'delete',
): string {
  const rule = immutableRuleFor(instance, namespace, repository, tag);
  if (!rule) return '';
  const verb = change === 'overwrite' ? 'overwritten with another digest' : 'deleted';
  return `${namespace}/${repository}:${tag} of instance ${instance.registryId} is immutable (immutable-tag rule ${String(rule.id)}): it cannot be ${verb}`;
}

/** Throws the cloud's refusal when `namespace/repository:tag` is immutable. */
export function assertMutable(
  instance: SandboxInstance,
  namespace: string,
  repository: string,
  tag: string,
  change: 'overwrite' | 'delete',
): void {
  const problem = immutableProblem(instance, namespace, repository, tag, change);
  if (problem) throw new ApiError('FailedOperation.TagImmutable', `${problem}.`);
}
