import { z } from 'zod';
import type { CloudErrorView } from './cloud.js';
import { ruleDraftSchema } from './rule-edit.js';
import { typed } from './result.js';

// "What would this rule sync right now?": the source's repositories and tags a rule's filters
// select, compared with the target when the app can read it, and what would happen to each tag.

/** How a selected tag stands against the target. `unknown`: the target was not compared. */
export type PreviewTagState = 'new' | 'same' | 'different' | 'unknown';

/**
 * What syncing would do with a selected tag.
 * - `copy`: not on the target (or the target was not compared): copied.
 * - `unchanged`: on the target with the same digest: nothing to do.
 * - `keep`: on the target with another digest and override is off: the target's is kept.
 * - `overwrite`: on the target with another digest and override is on: replaced.
 * - `fail-immutable`: as `overwrite`, but an enabled immutable-tag rule of the target covers the
 *   tag, so TCR refuses to replace it and the task fails.
 */
export type PreviewOutcome = 'copy' | 'unchanged' | 'keep' | 'overwrite' | 'fail-immutable';

export interface PreviewTag {
  tag: string;
  /** `image` | `chart` (or what else the registry calls it). */
  kind: string;
  digest: string;
  /** The target's digest of this tag, when the target has it. */
  targetDigest?: string;
  state: PreviewTagState;
  outcome: PreviewOutcome;
}

/** A tag on the target that sync deletions would delete: gone from the source. */
export interface PreviewDeletion {
  tag: string;
  kind: string;
  digest: string;
  /** An immutable-tag rule of the target covers it: TCR refuses to delete it. */
  immutable: boolean;
}

/** Counts of a repository or of the whole preview. */
export interface PreviewCounts {
  tags: number;
  new: number;
  same: number;
  different: number;
  copy: number;
  unchanged: number;
  keep: number;
  overwrite: number;
  failImmutable: number;
  deletions: number;
}

export interface PreviewRepository {
  /** The source's namespace and repository (below the namespace, may hold `/`). */
  namespace: string;
  repository: string;
  /** Where it goes on the target: the rule's destination namespace, or the same name. */
  targetNamespace: string;
  /** Selected tags, by name. */
  tags: PreviewTag[];
  /** Target tags sync deletions would delete (empty unless the target was compared). */
  deletions: PreviewDeletion[];
  counts: PreviewCounts;
}

/**
 * Why the target was not compared:
 * - `otherAccount`: the target belongs to an account the app has no profile for;
 * - `unknownTarget`: the rule's destination names no instance the app knows;
 * - `targetError`: reading the target failed (`targetError` holds the cloud's message).
 */
export type PreviewTargetSkip = 'otherAccount' | 'unknownTarget' | 'targetError';

/** The answer of `rules:preview`. */
export interface RulePreview {
  /** The source instance and the target instance (as far as known). */
  source: { profileId: string; registryId: string };
  target: { registryId?: string; profileId?: string };
  /** The filters the selection was made with (a draft's console fields turned into filters). */
  filters: { type: string; value: string }[];
  override: boolean;
  /**
   * Sync deletions: `null` for an existing rule, whose setting the cloud does not list; the
   * deletions are then shown as "if sync deletions is on".
   */
  deletion: boolean | null;
  /**
   * The destination namespace used ('' = same name as the source's). `destNamespaceKnown: false`
   * for an existing rule (the cloud does not list it): '' was assumed.
   */
  destNamespace: string;
  destNamespaceKnown: boolean;
  /** Whether the target's tags were compared; when not, `targetSkipped` says why. */
  targetCompared: boolean;
  targetSkipped?: PreviewTargetSkip;
  targetError?: CloudErrorView;
  /** Selected repositories (at least one selected tag, or deletions), by name. */
  repositories: PreviewRepository[];
  /**
   * The repositories listed on the source: those of `listedNamespace` when the rule's name filter
   * names one namespace (only it was listed), else every repository of the instance.
   */
  sourceRepositories: number;
  listedNamespace?: string;
  counts: PreviewCounts & { repositories: number };
  /** When the source was listed (ISO); a cached preview keeps its time. */
  fetchedAt: string;
  /** How long the match took, in milliseconds. */
  matchMs: number;
  /** Filters the cloud would refuse: each matches nothing, so the preview may be empty. */
  filterProblems: string[];
}

const ID_MAX = 64;
const NAME_MAX = 200;

/** One existing rule: the profile that sees it, its source instance and its name. */
export const previewRuleKeySchema = z.strictObject({
  profileId: z.uuid({ error: 'id.invalid' }),
  registryId: z.string().min(1, { error: 'registryId.required' }).max(ID_MAX),
  ruleName: z.string().min(1, { error: 'rule.nameRequired' }).max(NAME_MAX),
});
export type PreviewRuleKey = z.output<typeof previewRuleKeySchema>;

/**
 * Which rule to preview: an existing rule (`rule`) or the form as typed (`draft`). `refresh`:
 * list the instances again rather than use what this session already listed. `requestId`: chosen
 * by the renderer so that `rules:cancelPreview` and `rules:previewProgress` name this preview.
 */
export const rulePreviewSchema = z.union([
  z.strictObject({
    rule: previewRuleKeySchema,
    refresh: z.boolean().optional(),
    requestId: z.uuid({ error: 'id.invalid' }).optional(),
  }),
  z.strictObject({
    draft: ruleDraftSchema,
    refresh: z.boolean().optional(),
    requestId: z.uuid({ error: 'id.invalid' }).optional(),
  }),
]);
export type RulePreviewQuery = z.input<typeof rulePreviewSchema>;

/** Cancels one preview (`requestId`), or every running one (`{}`). */
export const ruleCancelPreviewSchema = z.strictObject({ requestId: z.uuid({ error: 'id.invalid' }).optional() });

/** Progress of a running preview: repositories whose tags were listed, of how many. */
export interface RulePreviewProgress {
  requestId: string;
  /** `source` or `target` instance being listed. */
  side: 'source' | 'target';
  listed: number;
  total: number;
}

export const rulePreviewChannels = {
  /**
   * Lists the source instance's repositories and tags (DescribeRepositories, DescribeImages: all
   * pages, a few repositories at a time), and the target's when it is readable (same account, or
   * another profile in the app) with its immutable-tag rules (DescribeImmutableTagRules); matches
   * them with the rule's filters. What was listed is kept for the session, per instance
   * (`refresh: true` lists again). Errors: unknown rule or profile → `NOT_FOUND`; a failed source
   * listing → `CLOUD` with the cloud's code and RequestId; a failed target listing is not an
   * error: the answer says `targetSkipped: 'targetError'`. A cancelled preview → `CLOUD` with
   * `cloud.kind: 'cancelled'`.
   */
  'rules:preview': { input: rulePreviewSchema, output: typed<RulePreview>() },
  /** Cancels a running preview (or all); answers null whether or not one was running. */
  'rules:cancelPreview': { input: ruleCancelPreviewSchema, output: typed<null>() },
} as const;

export const rulePreviewEvents = {
  /** A running preview listed more repositories (at most every 100 ms per preview). */
  'rules:previewProgress': typed<RulePreviewProgress>(),
} as const;
