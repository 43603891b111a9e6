import { z } from 'zod';
import type { CloudErrorView } from './cloud.js';
import { none, typed } from './result.js';
import type { RuleChangeRequest, RuleRow } from './rules.js';

// Creating and editing a sync rule: the console's form (创建同步规则 / 配置), checked as the user
// types, and the drafts that keep a change that could not be sent.

/** Bounds of what the form sends; the cloud's own limits are checked by `rules:check`. */
const ID_MAX = 64;
const NAME_MAX = 200;
const TEXT_MAX = 1000;
const PATTERN_MAX = 1000;
const TOKEN_MAX = 8192;
const FILTERS_MAX = 20;

const uuid = z.uuid({ error: 'id.invalid' });
const registryId = z.string().max(ID_MAX, { error: 'registryId.tooLong' });

/** What a rule syncs, as the console's fields (命名空间 / 仓库名称 / 版本Tag / 仓库类型). */
export const consoleSelectionSchema = z.strictObject({
  kind: z.literal('console'),
  namespace: z.string().max(NAME_MAX),
  /** '' = every repository of the namespace. */
  repository: z.string().max(PATTERN_MAX),
  /** '' = every tag. */
  tag: z.string().max(PATTERN_MAX),
  /** '' = images and Helm charts. */
  resource: z.enum(['image', 'chart', '']),
});

/**
 * What a rule syncs as the API's filters, for a rule whose filters do not fit the console's fields:
 * saved as they are (nothing dropped or rewritten).
 */
export const rawSelectionSchema = z.strictObject({
  kind: z.literal('raw'),
  filters: z.array(z.strictObject({ type: z.string().max(64), value: z.string().max(PATTERN_MAX) })).max(FILTERS_MAX),
});

/**
 * Where a rule syncs to.
 * - `sameAccount`: an instance of the source's own account (picked from the list).
 * - `otherProfile` (one-click): an instance of another profile in the app; on save the app creates
 *   a long-term token on that instance (CreateInstanceToken), keeps it in the keychain and sends it.
 * - `paste`: another account the app has no profile for: its uin and a long-term token of the
 *   target instance. `token: ''` when editing = keep the token the app stored for this rule.
 */
export const ruleTargetSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('sameAccount'), registryId }),
  z.strictObject({ mode: z.literal('otherProfile'), profileId: uuid, registryId }),
  z.strictObject({
    mode: z.literal('paste'),
    registryId,
    uin: z.string().max(20, { error: 'uin.tooLong' }),
    token: z.string().max(TOKEN_MAX, { error: 'token.tooLong' }),
  }),
]);
export type RuleTarget = z.output<typeof ruleTargetSchema>;

/** The form: a new rule, or (with `original`) a change to an existing one. */
export const ruleDraftSchema = z.strictObject({
  /** The profile and instance the rule lives on (its source). */
  profileId: uuid,
  registryId,
  /** When editing: the rule's name in the cloud now (its key). */
  original: z.strictObject({ ruleName: z.string().min(1).max(NAME_MAX) }).optional(),
  name: z.string().max(NAME_MAX, { error: 'rule.nameTooLong' }),
  description: z.string().max(TEXT_MAX, { error: 'description.tooLong' }),
  selection: z.discriminatedUnion('kind', [consoleSelectionSchema, rawSelectionSchema]),
  target: ruleTargetSchema,
  /** '' = the source namespace's name (created on the target if missing). */
  destNamespace: z.string().max(NAME_MAX),
  override: z.boolean(),
  /** The API's "sync deletions" (Rule.Deletion). */
  deletion: z.boolean(),
  /**
   * Editing only: the fields left as they are in the cloud. The cloud never lists a rule's target
   * namespace nor its sync deletions, so the form cannot show them; an edit sends them only when
   * the user sets them, and leaves them out (unchanged) when they are listed here.
   */
  keep: z
    .array(z.enum(['destNamespace', 'deletion']))
    .max(2)
    .optional(),
});
export type RuleDraft = z.input<typeof ruleDraftSchema>;

/** A warning next to a field: a message key and what fills it. */
export interface FieldWarning {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * What saving the form would do.
 * - `create`: ManageReplication.
 * - `update`: ModifyReplication.
 * - `recreate`: the name or the target changed, which the cloud cannot change: delete the rule
 *   and create it anew (the confirmation says so).
 */
export type RuleSavePlan = 'create' | 'update' | 'recreate';

/** The answer of `rules:check`: every problem and warning, field by field, before any API call. */
export interface RuleCheck {
  /**
   * Problems as message keys by field (`name`, `description`, `registryId`, `namespace`,
   * `repository`, `tag`, `filters.<i>`, `target.registryId`, `target.profileId`, `target.uin`,
   * `target.token`, `destNamespace`); empty = it can be saved.
   */
  fields: Record<string, string>;
  /** Warnings by the same field names (e.g. `rule.warn.looksLikeRegex` for `.*`). */
  warnings: Record<string, FieldWarning[]>;
  plan: RuleSavePlan;
  /**
   * Cross-account: the rules of the source instance that sync to the same account (by name) —
   * their lifecycle follows the token this save sends (the newest one). Empty otherwise.
   */
  tokenFollowers: string[];
  /**
   * The saved change needs the rule's name typed (`confirmName`): a production account is its
   * source or target, or sync deletions is turned on.
   */
  confirmRequired: boolean;
  /** The requests saving would send, in order (for `recreate`: the delete, then the create). */
  requests: RuleChangeRequest[];
}

/**
 * Saves the form. `confirmName` is what the user typed when `rules:check` said `confirmRequired`
 * (a mismatch → `VALIDATION` with `fields: { confirmName: 'rule.confirmMismatch' }`). `draftId`:
 * the draft this save retries (removed once it is sent). A change that cannot be sent (offline,
 * throttled, refused) is kept as a draft and the answer is the error with the draft's id in
 * `draftId`.
 */
export const ruleSaveSchema = z.strictObject({
  draft: ruleDraftSchema,
  confirmName: z.string().max(NAME_MAX).optional(),
  /** `recreate` only: the user confirmed that the rule is deleted and created anew. */
  confirmRecreate: z.boolean().optional(),
  draftId: uuid.optional(),
});
export type RuleSave = z.input<typeof ruleSaveSchema>;

/** A change that could not be sent, kept until it is sent or discarded (also across restarts). */
export interface DraftView {
  id: string;
  kind: 'create' | 'update' | 'setEnabled' | 'delete';
  profileId: string;
  registryId: string;
  /** The rule's name (for create/update: the name typed). */
  ruleName: string;
  /** create / update: the form as typed (a pasted token is never in it: `tokenKept` says it is in the keychain). */
  draft?: RuleDraft;
  /** setEnabled: what was asked. */
  enabled?: boolean;
  tokenKept: boolean;
  /** Why it was not sent. */
  error: CloudErrorView | { kind: 'app'; code: string; message: string };
  savedAt: string;
}

export const draftDiscardSchema = z.strictObject({ id: uuid });

/** Creating and editing rules, and the drafts of changes that could not be sent. */
export const ruleEditChannels = {
  /** Checks the form as typed (never asks the cloud); see `RuleCheck`. */
  'rules:check': { input: ruleDraftSchema, output: typed<RuleCheck>() },
  /** Creates the rule (ManageReplication) and answers it as read back from the cloud. */
  'rules:create': { input: ruleSaveSchema, output: typed<RuleRow>() },
  /** Changes the rule (ModifyReplication, or delete + create for `recreate`); answers it as read back. */
  'rules:update': { input: ruleSaveSchema, output: typed<RuleRow>() },
  'drafts:list': { input: none, output: typed<DraftView[]>() },
  'drafts:discard': { input: draftDiscardSchema, output: typed<null>() },
} as const;

export const ruleEditEvents = {
  'drafts:changed': typed<DraftView[]>(),
} as const;
