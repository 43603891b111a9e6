import { ApiError, notFound } from '../api-error.js';
import { validateFilters } from '../filters.js';
import { isNamespaceName, isRuleName } from '../names.js';
import { byPage } from '../paging.js';
import { assertReplicable } from '../replication-engine.js';
import type { ParamsOf } from '../schemas.js';
import type { OwnedInstance, SandboxState } from '../state.js';
import { goTime } from '../time-format.js';
import type { SandboxAccount, SandboxRule } from '../types.js';
import type { ActionHandlers } from './context.js';

function checkDestNamespace(name: string): void {
  if (name !== '' && !isNamespaceName(name)) {
    throw new ApiError(
      'InvalidParameterValue',
      'The value of parameter `Rule.DestNamespace` must be empty (same name as the source) or a valid namespace name.',
    );
  }
}

function findRule(state: SandboxState, sourceRegistryId: string, name: string): SandboxRule {
  const rule = state.rules.find((r) => r.sourceRegistryId === sourceRegistryId && r.name === name);
  if (!rule) throw notFound(`Sync rule ${name} of instance ${sourceRegistryId}`);
  return rule;
}

/**
 * A rule whose destination belongs to another account needs that account's uin and an enabled,
 * unexpired long-term access token of the destination instance; returns what the rule keeps.
 */
function peerOf(
  params: ParamsOf<'ManageReplication'>,
  caller: SandboxAccount,
  destination: OwnedInstance,
  now: number,
): SandboxRule['peer'] {
  const option = params.PeerReplicationOption?.EnablePeerReplication ? params.PeerReplicationOption : undefined;
  const owner = destination.account.uin;
  if (option && option.PeerRegistryUin !== owner) {
    throw new ApiError(
      'InvalidParameterValue',
      `The value of parameter \`PeerReplicationOption.PeerRegistryUin\` does not match the owner of instance ${destination.instance.registryId}.`,
    );
  }
  if (owner === caller.uin) return undefined;
  if (!option) {
    throw new ApiError(
      'InvalidParameterValue',
      `Instance ${destination.instance.registryId} belongs to another account: a cross-account rule needs PeerReplicationOption with that account's uin and a long-term access token.`,
    );
  }
  const token = destination.instance.tokens.find((t) => t.token === option.PeerRegistryToken);
  const problem = !token
    ? 'is not an access token of the destination instance'
    : token.kind !== 'longterm'
      ? 'is a temporary token; cross-account sync needs a long-term token'
      : !token.enabled
        ? 'is disabled'
        : token.expiresAt <= now
          ? 'has expired'
          : '';
  if (problem) throw new ApiError('FailedOperation', `PeerReplicationOption.PeerRegistryToken ${problem}.`);
  return { uin: owner, token: option.PeerRegistryToken };
}

export const ruleActions: ActionHandlers<
  'ManageReplication' | 'ModifyReplication' | 'DeleteReplicationRule' | 'DescribeReplicationPolicies'
> = {
  ManageReplication: (params, { state, account, region, now }) => {
    const source = state.ownInstance(account, params.SourceRegistryId, region);
    const rule = params.Rule;
    if (!isRuleName(rule.Name)) {
      throw new ApiError(
        'InvalidParameterValue',
        'The value of parameter `Rule.Name` must use lowercase letters, digits and - . _, starting with a letter or digit.',
      );
    }
    assertReplicable(source, 'source');
    const destination = state.findInstance(params.DestinationRegistryId);
    if (!destination) throw notFound(`Instance ${params.DestinationRegistryId}`);
    if (destination.instance === source) {
      throw new ApiError('InvalidParameterValue', 'The source and destination instances must differ.');
    }
    if (params.DestinationRegionId !== undefined && params.DestinationRegionId !== destination.regionId) {
      throw new ApiError(
        'InvalidParameterValue',
        `The value of parameter \`DestinationRegionId\` does not match the region of instance ${params.DestinationRegistryId}.`,
      );
    }
    assertReplicable(destination.instance, 'destination');
    const peer = peerOf(params, account, destination, now);
    checkDestNamespace(rule.DestNamespace);
    const filters = validateFilters(rule.Filters);
    if (state.rules.some((r) => r.sourceRegistryId === source.registryId && r.name === rule.Name)) {
      throw new ApiError('InvalidParameter.ErrorNameExists', `A sync rule named ${rule.Name} already exists.`);
    }
    if (peer) {
      // The seed page: every rule towards one account follows the token of the newest rule added.
      for (const other of state.rules) {
        if (other.sourceRegistryId === source.registryId && other.peer?.uin === peer.uin) other.peer = { ...peer };
      }
    }
    state.rules.push({
      id: state.nextRuleId(),
      sourceRegistryId: source.registryId,
      destinationRegistryId: destination.instance.registryId,
      name: rule.Name,
      description: params.Description ?? '',
      destNamespace: rule.DestNamespace,
      override: rule.Override,
      deletion: rule.Deletion ?? false,
      enabled: true,
      filters,
      ...(peer ? { peer } : {}),
      createdAt: now,
      updatedAt: now,
    });
    return {};
  },

  ModifyReplication: (params, { state, account, region, now }) => {
    const source = state.ownInstance(account, params.SourceRegistryId, region);
    const rule = findRule(state, source.registryId, params.RuleName);
    const change = params.Rule;
    if (change.DestNamespace !== undefined) checkDestNamespace(change.DestNamespace);
    const filters = change.Filters === undefined ? undefined : validateFilters(change.Filters);
    if (change.DestNamespace !== undefined) rule.destNamespace = change.DestNamespace;
    if (change.Override !== undefined) rule.override = change.Override;
    if (change.Deletion !== undefined) rule.deletion = change.Deletion;
    if (change.Enabled !== undefined) rule.enabled = change.Enabled;
    if (filters) rule.filters = filters;
    if (params.Description !== undefined) rule.description = params.Description;
    rule.updatedAt = now;
    return {};
  },

  DeleteReplicationRule: (params, { state, engine, account, region }) => {
    const source = state.ownInstance(account, params.SourceRegistryId, region);
    const rule = findRule(state, source.registryId, params.RuleName);
    engine.stopExecutionsOf(rule.id);
    state.rules.splice(state.rules.indexOf(rule), 1);
    return {};
  },

  DescribeReplicationPolicies: (params, { state, account, region }) => {
    const source = state.ownInstance(account, params.RegistryId, region);
    const rules = state.rules.filter((r) => r.sourceRegistryId === source.registryId).sort((a, b) => a.id - b.id);
    return {
      TotalCount: rules.length,
      ReplicationPolicyInfoList: byPage(rules, params.Page, params.PageSize ?? 100).map((r) => ({
        ID: r.id,
        Name: r.name,
        Description: r.description,
        Filters: r.filters.map((f) => ({ Type: f.Type, Value: f.Value })),
        Override: r.override,
        Enabled: r.enabled,
        SrcResource: r.sourceRegistryId,
        DestResource: r.destinationRegistryId,
        CreationTime: goTime(r.createdAt),
        UpdateTime: goTime(r.updatedAt),
      })),
    };
  },
};
