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

/** The sync rules of every instance of every profile. */
export const ruleChannels = {
  /** What is known (cache and last refresh); the renderer asks `rules:refresh` when it wants fresh rows. */
  'rules:list': { input: none, output: typed<RulesView>() },
  'rules:refresh': { input: rulesRefreshSchema, output: typed<RulesView>() },
  'rules:cancel': { input: none, output: typed<null>() },
} as const;

export const ruleEvents = {
  'rules:changed': typed<RulesView>(),
} as const;
