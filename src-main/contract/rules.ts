import { z } from 'zod';
import type { ProfileFetchState } from './cloud.js';
import { none, typed } from './result.js';

/** One filter of a rule as the cloud gives it back (`name`, `tag`, `resource`). */
export interface RuleFilterView {
  type: string;
  value: string;
}

/**
 * A rule's filters as the console's fields, when they fit them (same shape as the domain's
 * `ConsoleSelection`; the contract names it itself, as it imports nothing from the domain).
 */
export interface RuleConsoleFields {
  namespace: string;
  /** '' = every repository of the namespace. */
  repository: string;
  /** '' = every tag. */
  tag: string;
  resource: 'image' | 'chart' | '';
}

/** One instance sync rule (实例同步规则) of one source instance of one profile. */
export interface RuleRow {
  profileId: string;
  /** The instance the rule lives on (as the profile's instance list knows it). */
  source: { registryId: string; name: string; regionId: number; regionName: string };
  /** The cloud's rule id (`ID`, the `PolicyId` of the sync log). */
  policyId: number;
  /** The rule's key on its source instance. */
  name: string;
  description: string;
  filters: RuleFilterView[];
  /** The filters as console fields; absent when they do not fit them (show the raw filters). */
  console?: RuleConsoleFields;
  override: boolean;
  enabled: boolean;
  /**
   * The destination as the API gives it: `raw` is `DestResource` as is; `registryId` when it names
   * an instance (`tcr-…`, possibly with more after it). When the destination is an instance some
   * profile knows, its name, region and that profile (a cross-account rule: another profile).
   */
  target: {
    raw: string;
    registryId?: string;
    name?: string;
    regionId?: number;
    regionName?: string;
    profileId?: string;
  };
  /** `SrcResource` as is. */
  sourceResource: string;
  createdAt: string;
  updatedAt: string;
}

/** Every rule of every profile, and how fresh each profile's rules are. */
export interface RulesView {
  rows: RuleRow[];
  profiles: ProfileFetchState[];
  refreshing: boolean;
}

/** `{}` = every profile. Unknown fields are refused. */
export const rulesRefreshSchema = z.strictObject({
  profileIds: z
    .array(z.uuid({ error: 'id.invalid' }))
    .max(1000)
    .optional(),
});

/** Bounds of the ids a change names (the cloud's rule names stop at 60; older ones may be longer). */
const REGISTRY_ID_MAX_LENGTH = 64;
const RULE_NAME_MAX_LENGTH = 200;

/** One rule: the profile that sees it, its source instance and its name (its key there). */
const ruleKeyFields = {
  profileId: z.uuid({ error: 'id.invalid' }),
  registryId: z.string().min(1, { error: 'registryId.required' }).max(REGISTRY_ID_MAX_LENGTH),
  ruleName: z.string().min(1, { error: 'rule.nameRequired' }).max(RULE_NAME_MAX_LENGTH),
};

/**
 * Enables (`true`) or disables (`false`) one rule. A rule whose source or target is a production
 * profile changes only with `confirmName` equal to its name (the production guard; `rules:request`
 * answers `confirm` for such a rule); otherwise the answer is `VALIDATION` with
 * `fields: { confirmName: 'rule.confirmMismatch' }` and nothing is sent. Other rules ignore it.
 */
export const ruleSetEnabledSchema = z.strictObject({
  ...ruleKeyFields,
  enabled: z.boolean(),
  confirmName: z.string().max(RULE_NAME_MAX_LENGTH).optional(),
});
export type RuleSetEnabled = z.input<typeof ruleSetEnabledSchema>;

/**
 * Deletes one rule. `confirmName` is what the user typed to confirm: unless it equals `ruleName`
 * exactly, nothing is deleted and the answer is `VALIDATION` with
 * `fields: { confirmName: 'rule.confirmMismatch' }`.
 */
export const ruleDeleteSchema = z.strictObject({ ...ruleKeyFields, confirmName: z.string().max(RULE_NAME_MAX_LENGTH) });
export type RuleDelete = z.input<typeof ruleDeleteSchema>;

/** Which change to preview: the input of `rules:setEnabled` (with `enabled`) or of `rules:delete`. */
export const ruleRequestSchema = z
  .strictObject({ ...ruleKeyFields, kind: z.enum(['setEnabled', 'delete']), enabled: z.boolean().optional() })
  .superRefine((v, ctx) => {
    if (v.kind === 'setEnabled' && v.enabled === undefined) {
      ctx.addIssue({ code: 'custom', path: ['enabled'], message: 'enabled.required' });
    }
  });
export type RuleRequestQuery = z.input<typeof ruleRequestSchema>;

/**
 * The API request a change is about to send, for the user to see before sending it (no secret in
 * it: the keys sign the request, they are not part of it). Field names are the API's.
 * - setEnabled: `action: 'ModifyReplication'`, `request: { SourceRegistryId, RuleName, Rule: { Enabled } }`,
 *   `before: { Enabled: <now> }`, `after: { Enabled: <wanted> }`.
 * - delete: `action: 'DeleteReplicationRule'`, `request: { SourceRegistryId, RuleName }`,
 *   `before`: the rule as DescribeReplicationPolicies lists it (`Name`, `Description`, `Filters`,
 *   `Override`, `Enabled`, `SrcResource`, `DestResource`), `after: null`.
 * `before` is what the app last read from the cloud (the rule's row).
 */
export interface RuleChangeRequest {
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request: Record<string, unknown>;
  /**
   * Present when the production guard asks for the rule's name to be typed before sending (the
   * rule's source or target is a production profile; a delete always asks, with or without it):
   * `summary` is the one line saying what the change does, and `production` which end is a
   * production account.
   */
  confirm?: { summary: ChangeSummary; production: { source: boolean; target: boolean } };
}

/**
 * A line of the UI as data: a message key of the renderer's catalogue (`production.summary.*`) and
 * its parameters. Main says what it means; the renderer says it in the user's language.
 */
export interface ChangeSummary {
  key: string;
  params: Record<string, string>;
}

/** The sync rules of every instance of every profile. */
export const ruleChannels = {
  /** What is known (cache and last refresh); the renderer asks `rules:refresh` when it wants fresh rows. */
  'rules:list': { input: none, output: typed<RulesView>() },
  'rules:refresh': { input: rulesRefreshSchema, output: typed<RulesView>() },
  'rules:cancel': { input: none, output: typed<null>() },
  /**
   * Enables or disables one rule (ModifyReplication, `Rule.Enabled` only) and answers the rule as
   * read back from the cloud. Changes of one instance's rules run one after another, so two windows
   * toggling at once end in the last one asked. A write is never retried; when its reply was lost
   * (network error, timeout) the instance's rules are read back and the answer is what is true:
   * the change happened → the row; it did not → `CLOUD` with the cloud's code and RequestId.
   * Unknown profile, instance or rule → `NOT_FOUND`. `rules:changed` follows every change.
   */
  'rules:setEnabled': { input: ruleSetEnabledSchema, output: typed<RuleRow>() },
  /**
   * Deletes one rule (DeleteReplicationRule) once the user typed its name (`confirmName`); same
   * rules as `rules:setEnabled` (one at a time per instance, read back after a lost reply,
   * `NOT_FOUND`, `rules:changed`).
   */
  'rules:delete': { input: ruleDeleteSchema, output: typed<null>() },
  /** The request a change would send and the rule before/after it (never asks the cloud). */
  'rules:request': { input: ruleRequestSchema, output: typed<RuleChangeRequest>() },
} as const;

export const ruleEvents = {
  'rules:changed': typed<RulesView>(),
} as const;
