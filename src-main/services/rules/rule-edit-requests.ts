// The API requests a rule form sends, as the user is shown them before sending (the API's field
// names: this is the request itself). A token is never shown: the placeholder says where it is.

import type { RuleChangeRequest } from '../../contract/index.js';
import type { RuleFilter } from '../../domain/rule-filters.js';
import type { StoredRule } from './rule-cache.js';

/** What a new rule sends, in the app's words. */
export interface NewRuleShape {
  sourceRegistryId: string;
  destinationRegistryId: string;
  destinationRegionId?: number;
  description: string;
  name: string;
  destNamespace: string;
  override: boolean;
  deletion: boolean;
  filters: RuleFilter[];
  /** Cross-account: the target account and where the token comes from. */
  peer?: { uin: string; token: 'minted' | 'pasted' | 'kept' };
}

export const TOKEN_PLACEHOLDER = {
  minted: '(a long-term token created on the target on save, kept in the keychain)',
  pasted: '(the token you pasted, kept in the keychain)',
  kept: '(the token kept in the keychain)',
} as const;

const apiFilters = (filters: readonly RuleFilter[]) => filters.map((f) => ({ Type: f.type, Value: f.value }));

export function createTokenRequest(targetRegistryId: string, description: string): RuleChangeRequest {
  return {
    action: 'CreateInstanceToken',
    request: { RegistryId: targetRegistryId, TokenType: 'longterm', Desc: description },
    before: null,
    after: null,
  };
}

export function manageRequest(rule: NewRuleShape): RuleChangeRequest {
  const after = {
    Name: rule.name,
    Description: rule.description,
    Filters: apiFilters(rule.filters),
    DestNamespace: rule.destNamespace,
    Override: rule.override,
    Deletion: rule.deletion,
    DestinationRegistryId: rule.destinationRegistryId,
  };
  return {
    action: 'ManageReplication',
    request: {
      SourceRegistryId: rule.sourceRegistryId,
      DestinationRegistryId: rule.destinationRegistryId,
      ...(rule.destinationRegionId !== undefined ? { DestinationRegionId: rule.destinationRegionId } : {}),
      Description: rule.description,
      Rule: {
        Name: rule.name,
        DestNamespace: rule.destNamespace,
        Override: rule.override,
        Deletion: rule.deletion,
        Filters: apiFilters(rule.filters),
      },
      ...(rule.peer
        ? {
            PeerReplicationOption: {
              PeerRegistryUin: rule.peer.uin,
              PeerRegistryToken: TOKEN_PLACEHOLDER[rule.peer.token],
              EnablePeerReplication: true,
            },
          }
        : {}),
    },
    before: null,
    after,
  };
}

/**
 * ModifyReplication with only what changed. The target namespace and sync deletions are never
 * listed by the cloud: they are sent when given (`undefined` = left as they are).
 */
export function modifyRequest(
  rule: StoredRule,
  next: {
    description: string;
    filters: RuleFilter[];
    destNamespace: string | undefined;
    override: boolean;
    deletion: boolean | undefined;
  },
): RuleChangeRequest {
  const sameFilters = JSON.stringify(apiFilters(rule.filters)) === JSON.stringify(apiFilters(next.filters));
  const change: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (!sameFilters) {
    change.Filters = apiFilters(next.filters);
    before.Filters = apiFilters(rule.filters);
    after.Filters = change.Filters;
  }
  if (next.override !== rule.override) {
    change.Override = next.override;
    before.Override = rule.override;
    after.Override = next.override;
  }
  if (next.destNamespace !== undefined) {
    change.DestNamespace = next.destNamespace;
    after.DestNamespace = next.destNamespace;
  }
  if (next.deletion !== undefined) {
    change.Deletion = next.deletion;
    after.Deletion = next.deletion;
  }
  if (next.description !== rule.description) {
    before.Description = rule.description;
    after.Description = next.description;
  }
  return {
    action: 'ModifyReplication',
    request: {
      SourceRegistryId: rule.source.registryId,
      RuleName: rule.name,
      Rule: change,
      ...(next.description !== rule.description ? { Description: next.description } : {}),
    },
    before,
    after,
  };
}

export function deleteRequest(rule: StoredRule): RuleChangeRequest {
  return {
    action: 'DeleteReplicationRule',
    request: { SourceRegistryId: rule.source.registryId, RuleName: rule.name },
    before: {
      Name: rule.name,
      Description: rule.description,
      Filters: apiFilters(rule.filters),
      Override: rule.override,
      Enabled: rule.enabled,
      SrcResource: rule.sourceResource,
      DestResource: rule.destResource,
    },
    after: null,
  };
}
