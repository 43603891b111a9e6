import { checkPattern } from '../../domain/pattern.js';
import { ApiError, notFound } from '../api-error.js';
import { byPage } from '../paging.js';
import { findNamespace } from '../state.js';
import type { SandboxImmutableRule } from '../types.js';
import type { ActionHandlers } from './context.js';

// Immutable-tag rules (镜像版本不可变) of an instance, per namespace. What they refuse (pushing
// another digest to a covered tag, deleting it) is the replication engine's (immutable.ts).

function checkRulePattern(pattern: string, field: string): void {
  const error = checkPattern(pattern);
  if (error) {
    throw new ApiError(
      'InvalidParameterValue',
      `The value of parameter \`Rule.${field}\` is not a valid pattern: ${error.message}`,
    );
  }
}

export const immutableActions: ActionHandlers<
  'DescribeImmutableTagRules' | 'CreateImmutableTagRules' | 'DeleteImmutableTagRules'
> = {
  DescribeImmutableTagRules: (params, { state, account, region }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const rules = [...(instance.immutableRules ?? [])].sort((a, b) => a.id - b.id);
    const withRules = new Set(rules.map((r) => r.namespace));
    return {
      Rules: byPage(rules, params.Page, params.PageSize ?? 100).map((r) => ({
        RepositoryPattern: r.repositoryPattern,
        TagPattern: r.tagPattern,
        RepositoryDecoration: r.repositoryDecoration,
        TagDecoration: r.tagDecoration,
        Disabled: r.disabled,
        RuleId: r.id,
        NsName: r.namespace,
      })),
      EmptyNs: instance.namespaces.map((n) => n.name).filter((name) => !withRules.has(name)),
      Total: rules.length,
    };
  },

  CreateImmutableTagRules: (params, { state, account, region }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    if (!findNamespace(instance, params.NamespaceName)) notFoundNamespace(params.NamespaceName);
    checkRulePattern(params.Rule.RepositoryPattern, 'RepositoryPattern');
    checkRulePattern(params.Rule.TagPattern, 'TagPattern');
    const rules = instance.immutableRules ?? [];
    // Rule ids are unique across the sandbox, as the cloud's are.
    const id =
      Math.max(
        0,
        ...state.accounts.flatMap((a) => a.instances).flatMap((i) => (i.immutableRules ?? []).map((r) => r.id)),
      ) + 1;
    const rule: SandboxImmutableRule = {
      id,
      namespace: params.NamespaceName,
      repositoryPattern: params.Rule.RepositoryPattern,
      repositoryDecoration: params.Rule.RepositoryDecoration,
      tagPattern: params.Rule.TagPattern,
      tagDecoration: params.Rule.TagDecoration,
      disabled: params.Rule.Disabled ?? false,
    };
    instance.immutableRules = [...rules, rule];
    return {};
  },

  DeleteImmutableTagRules: (params, { state, account, region }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const rules = instance.immutableRules ?? [];
    const rule = rules.find((r) => r.id === params.RuleId && r.namespace === params.NamespaceName);
    if (!rule) throw notFound(`Immutable-tag rule ${String(params.RuleId)} of namespace ${params.NamespaceName}`);
    instance.immutableRules = rules.filter((r) => r !== rule);
    return {};
  },
};

function notFoundNamespace(name: string): never {
  throw notFound(`Namespace ${name}`);
}
