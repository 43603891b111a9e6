// The app's own file format for sync rules (export, and import back into this app or another
// copy of it): versioned JSON, self-describing, never a token or a key. A rule is keyed by its
// source instance's ID and its name, as the cloud keys it; the account names and uins are there
// for the reader (and to match a profile when two know the same instance).

import { z } from 'zod';
import type { RuleFilter } from './rule-filters.js';

export const RULES_FORMAT = 'tcr-sync-desktop/rules';
export const RULES_FORMAT_VERSION = 1;
/** The largest file import reads (UTF-8 bytes) and the most rules it takes. */
export const RULES_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const RULES_IMPORT_MAX_RULES = 1000;

/** An account as the file names it: the profile's name in the app that exported it and its uin. */
export interface TransferAccount {
  profile?: string;
  uin?: string;
}

/** One rule in the file. */
export interface TransferRule {
  name: string;
  description: string;
  source: {
    account: TransferAccount;
    instanceId: string;
    instanceName: string;
    /** The cloud's numeric region id and its name (`ap-guangzhou`). */
    regionId: number;
    region: string;
  };
  /** Exactly as the cloud holds them, in its order. */
  filters: RuleFilter[];
  target: {
    instanceId: string;
    /** Known when some profile of the exporting app knows the instance. */
    instanceName?: string;
    regionId?: number;
    region?: string;
    account?: TransferAccount;
    /** true: another account (needs a token of the target); false: the source's account; absent: unknown. */
    crossAccount?: boolean;
    /** The target namespace; absent when unknown (the cloud does not list it); '' = the source namespace's name. */
    namespace?: string;
  };
  override: boolean;
  /** Sync deletions; absent when unknown (the cloud does not list it). */
  deletion?: boolean;
  enabled: boolean;
}

export interface RulesDocument {
  format: typeof RULES_FORMAT;
  version: typeof RULES_FORMAT_VERSION;
  exportedAt?: string;
  rules: TransferRule[];
}

/** Generous bounds: the cloud's own are smaller; these only keep a hostile file from costing much. */
const ID = z.string().min(1).max(64);
const TEXT = z.string().max(1000);
const PATTERN = z.string().max(1000);

const accountSchema = z.strictObject({ profile: z.string().max(200).optional(), uin: z.string().max(20).optional() });

const ruleSchema = z.strictObject({
  name: z.string().max(200),
  description: TEXT,
  source: z.strictObject({
    account: accountSchema,
    instanceId: ID,
    instanceName: z.string().max(200),
    regionId: z.number().int().nonnegative(),
    region: z.string().max(64),
  }),
  filters: z.array(z.strictObject({ type: z.string().max(64), value: PATTERN })).max(20),
  target: z.strictObject({
    instanceId: ID,
    instanceName: z.string().max(200).optional(),
    regionId: z.number().int().nonnegative().optional(),
    region: z.string().max(64).optional(),
    account: accountSchema.optional(),
    crossAccount: z.boolean().optional(),
    namespace: z.string().max(200).optional(),
  }),
  override: z.boolean(),
  deletion: z.boolean().optional(),
  enabled: z.boolean(),
});

const documentSchema = z.strictObject({
  format: z.literal(RULES_FORMAT),
  version: z.literal(RULES_FORMAT_VERSION),
  exportedAt: z.string().max(64).optional(),
  rules: z.array(ruleSchema).max(RULES_IMPORT_MAX_RULES),
});

/** The file as text: two-space indented, keys in a fixed order, a final newline. */
export function rulesToJson(rules: readonly TransferRule[], exportedAt?: string): string {
  const document: RulesDocument = {
    format: RULES_FORMAT,
    version: RULES_FORMAT_VERSION,
    ...(exportedAt ? { exportedAt } : {}),
    rules: rules.map(ordered),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A rule with its keys in the file's order and without unknown (undefined) fields. */
function ordered(rule: TransferRule): TransferRule {
  const { target, source } = rule;
  return {
    name: rule.name,
    description: rule.description,
    source: {
      account: account(source.account),
      instanceId: source.instanceId,
      instanceName: source.instanceName,
      regionId: source.regionId,
      region: source.region,
    },
    filters: rule.filters.map((f) => ({ type: f.type, value: f.value })),
    target: {
      instanceId: target.instanceId,
      ...(target.instanceName !== undefined ? { instanceName: target.instanceName } : {}),
      ...(target.regionId !== undefined ? { regionId: target.regionId } : {}),
      ...(target.region !== undefined ? { region: target.region } : {}),
      ...(target.account ? { account: account(target.account) } : {}),
      ...(target.crossAccount !== undefined ? { crossAccount: target.crossAccount } : {}),
      ...(target.namespace !== undefined ? { namespace: target.namespace } : {}),
    },
    override: rule.override,
    ...(rule.deletion !== undefined ? { deletion: rule.deletion } : {}),
    enabled: rule.enabled,
  };
}

function account(a: TransferAccount): TransferAccount {
  return {
    ...(a.profile !== undefined ? { profile: a.profile } : {}),
    ...(a.uin !== undefined && a.uin !== '' ? { uin: a.uin } : {}),
  };
}

/** Why a file cannot be read, as a message key; `detail` says where (English, for the curious). */
export type RulesFileProblemKey =
  | 'transfer.file.tooLarge'
  | 'transfer.file.notJson'
  | 'transfer.file.notRules'
  | 'transfer.file.version'
  | 'transfer.file.tooManyRules'
  | 'transfer.file.invalid';

export type ParsedRules =
  { ok: true; document: RulesDocument } | { ok: false; key: RulesFileProblemKey; detail: string };

/**
 * Reads a rules file: its size first (before parsing anything), then JSON, then the format and
 * version, then every field. Nothing is fixed up: a file that does not fit is refused whole.
 */
export function parseRulesJson(text: string): ParsedRules {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > RULES_IMPORT_MAX_BYTES) {
    return { ok: false, key: 'transfer.file.tooLarge', detail: `${String(bytes)} bytes` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, key: 'transfer.file.notJson', detail: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== RULES_FORMAT) {
    return { ok: false, key: 'transfer.file.notRules', detail: `format is not ${RULES_FORMAT}` };
  }
  const { version, rules } = value as { version?: unknown; rules?: unknown };
  if (version !== RULES_FORMAT_VERSION) {
    return {
      ok: false,
      key: 'transfer.file.version',
      detail: version === undefined ? 'version missing' : `version ${JSON.stringify(version)}`,
    };
  }
  if (Array.isArray(rules) && rules.length > RULES_IMPORT_MAX_RULES) {
    return { ok: false, key: 'transfer.file.tooManyRules', detail: `${String(rules.length)} rules` };
  }
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    return { ok: false, key: 'transfer.file.invalid', detail: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, document: parsed.data };
}
