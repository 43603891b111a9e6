import { z } from 'zod';
import type { AppError } from './result.js';
import { none, typed } from './result.js';

// Export and import of sync rules: the app's own JSON file (re-importable) and Terraform HCL.

/** The most rules one export names, and the largest file import reads (the domain counts UTF-8 bytes). */
const EXPORT_MAX_RULES = 1000;
const IMPORT_MAX_CHARS = 2 * 1024 * 1024;

/**
 * Exports rules the app knows (`rules:list`), in the order given:
 * - `json`: `{ "format": "tcr-sync-desktop/rules", "version": 1, "exportedAt", "rules": [...] }`, each
 *   rule with its source (account's profile name and uin, instance id and name, region), name,
 *   description, filters exactly as the cloud holds them, target (instance id, name and region, its
 *   account, whether it is another account, the namespace when known), override, deletion when
 *   known, enabled. `rules:import` reads it back.
 * - `terraform`: `tencentcloud_tcr_replication` resources with an `import` block each (ID
 *   `<source instance>#<rule name>`), and for cross-account rules `peer_replication_option` whose
 *   token is a declared sensitive `variable` (one per target instance).
 * Never a token or a key. A rule the app does not know → `NOT_FOUND` (nothing is exported).
 */
export const ruleExportSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        profileId: z.uuid({ error: 'id.invalid' }),
        registryId: z.string().min(1).max(64),
        ruleName: z.string().min(1).max(200),
      }),
    )
    .min(1, { error: 'transfer.noRules' })
    .max(EXPORT_MAX_RULES, { error: 'transfer.tooManyRules' }),
  format: z.enum(['json', 'terraform']),
});
export type RuleExportInput = z.input<typeof ruleExportSchema>;

export interface RuleExport {
  text: string;
  /** A name to save it under: `tcr-sync-rules-<date>.json` or `.tf`. */
  fileName: string;
}

/**
 * Imports a rules file (`rules:export`'s JSON).
 * - `apply: false`: the plan only; nothing is sent.
 * - `apply: true`: the plan is worked out again against the rules known now, then its creates and
 *   changes are sent one after another through the rule editor (`rules:create` / `rules:update`;
 *   `rules:setEnabled` for a rule to be disabled or enabled), each with its own result. Two
 *   imports at once run one after the other. `rules:cancelImport` stops it before the next rule
 *   (the rule being sent finishes); the answer then says `cancelled` and the rules not sent have
 *   no `result`.
 * A file that cannot be read → `VALIDATION` with `fields: { text: <key> }` (`transfer.file.tooLarge`
 * (> 2 MiB), `transfer.file.notJson`, `transfer.file.notRules`, `transfer.file.version`,
 * `transfer.file.tooManyRules` (> 1000), `transfer.file.invalid`) and the details in `message`.
 */
export const ruleImportSchema = z.strictObject({
  text: z.string().max(IMPORT_MAX_CHARS, { error: 'transfer.file.tooLarge' }),
  apply: z.boolean(),
});
export type RuleImportInput = z.input<typeof ruleImportSchema>;

/** One rule of the file and what importing does with it. */
export interface RuleImportItem {
  /** Its place in the file. */
  index: number;
  name: string;
  source: { instanceId: string; instanceName: string; region: string; account?: string };
  target: { instanceId: string; instanceName?: string; region?: string; account?: string };
  /**
   * - `create`: no rule of that name on that source instance;
   * - `change`: it exists and differs in `fields` (`description`, `filters`, `override`, `enabled`,
   *   `deletion`, `namespace`, `target` — a new target deletes the rule and creates it anew);
   * - `unchanged`;
   * - `cannot`: `reason` says why (`transfer.cannot.sourceUnknown`, `.rulesUnknown`,
   *   `.tokenNeeded` (the target's account is no profile here: a token would have to be pasted),
   *   `.targetUnknown`, `.targetIsSource`, `.duplicate`, `.name` / `.filters` with `problem` the
   *   rule check's own key, e.g. `rule.nameChars`).
   */
  action: 'create' | 'change' | 'unchanged' | 'cannot';
  reason?: string;
  problem?: string;
  fields?: string[];
  /** `apply: true`, creates and changes only: sent, or the error (the cloud's, with its RequestId). */
  result?: { ok: true } | { ok: false; error: AppError };
}

export interface RuleImportAnswer {
  items: RuleImportItem[];
  /** true when the creates and changes were sent. */
  applied: boolean;
  /** Applying was cancelled before every create and change was sent. */
  cancelled?: boolean;
}

/** Progress of an import being applied: `done` of `total` rules sent, the last one's item with its result. */
export interface RuleImportProgress {
  done: number;
  total: number;
  item: RuleImportItem;
}

export const ruleTransferChannels = {
  'rules:export': { input: ruleExportSchema, output: typed<RuleExport>() },
  'rules:import': { input: ruleImportSchema, output: typed<RuleImportAnswer>() },
  /** Stops the imports being applied (and those waiting) before their next rule. */
  'rules:cancelImport': { input: none, output: typed<null>() },
} as const;

export const ruleTransferEvents = {
  'rules:importProgress': typed<RuleImportProgress>(),
} as const;
