// The rule form (创建同步规则 / 配置) checked as the user types, before any API call: every
// problem and warning by field, as message keys, and what saving would do. The service finds the
// facts (the instances, the rules already on the source); this decides.

import type { PatternWarning } from './pattern.js';
import {
  consoleSelectionProblem,
  consoleToFilters,
  isNamespaceName,
  type ConsoleSelection,
  type RuleFilter,
} from './rule-filters.js';
import { filterProblems, filterWarnings, type FilterWarning } from './rule-match.js';
import { ruleNameProblem } from './rule-name.js';

export type DraftSelection = ({ kind: 'console' } & ConsoleSelection) | { kind: 'raw'; filters: RuleFilter[] };

export type DraftTarget =
  | { mode: 'sameAccount'; registryId: string }
  | { mode: 'otherProfile'; profileId: string; registryId: string }
  | { mode: 'paste'; registryId: string; uin: string; token: string };

/** The form as typed. */
export interface DraftFields {
  name: string;
  description: string;
  selection: DraftSelection;
  target: DraftTarget;
  destNamespace: string;
  override: boolean;
  deletion: boolean;
}

/** An instance as the app knows it: enough to say whether it can take part in instance sync. */
export interface KnownInstance {
  registryId: string;
  /** basic | standard | premium */
  spec: string;
}

/** What the service found out about the form's instances and rules (no cloud call). */
export interface DraftFacts {
  /** The source instance, or undefined when no list of the profile has it. */
  source: KnownInstance | undefined;
  /** The target instance when the app lists it (same account, another profile); else undefined. */
  target: KnownInstance | undefined;
  /** `otherProfile`: the profile picked is the source's own (then it is the same account). */
  targetProfileIsSource?: boolean;
  /** `otherProfile`: the profile picked is unknown. */
  targetProfileUnknown?: boolean;
  /** The names of the rules on the source instance now. */
  namesOnSource: readonly string[];
  /** When editing: the rule as it is in the cloud now. */
  original?: { name: string; targetRegistryId: string };
  /** `paste`: the app keeps a token for this source instance and account (an empty field keeps it). */
  tokenKept: boolean;
}

export interface DraftWarning {
  key: string;
  params?: Record<string, string | number>;
}

export type DraftPlan = 'create' | 'update' | 'recreate';

export interface DraftCheck {
  fields: Record<string, string>;
  warnings: Record<string, DraftWarning[]>;
  plan: DraftPlan;
}

/** An instance id as TCR gives them: `tcr-` and lowercase letters and digits. */
const REGISTRY_ID = /^tcr-[a-z0-9]{4,32}$/;
const UIN = /^\d{5,20}$/;

/** The filters a form sends: the console's three, or the raw ones as they are. */
export function draftFilters(selection: DraftSelection): RuleFilter[] {
  if (selection.kind === 'raw') return selection.filters.map((f) => ({ type: f.type, value: f.value }));
  return consoleToFilters(selection);
}

/** Whether an instance of this edition can be a rule's source or target (标准版 / 高级版 only). */
export function syncEligible(spec: string): boolean {
  return spec.toLowerCase() !== 'basic';
}

const WARNING_KEYS: Record<PatternWarning | 'unknown-type', string> = {
  'looks-like-regex': 'rule.warn.looksLikeRegex',
  'globstar-in-component': 'rule.warn.globstarInComponent',
  'name-without-namespace': 'rule.warn.nameWithoutNamespace',
  'unknown-type': 'rule.warn.unknownFilterType',
};

/** Every problem and warning of the form, by field, and what saving it would do. */
export function checkDraft(form: DraftFields, facts: DraftFacts): DraftCheck {
  const fields: Record<string, string> = {};
  const warnings: Record<string, DraftWarning[]> = {};
  const warn = (field: string, warning: DraftWarning): void => {
    (warnings[field] ??= []).push(warning);
  };

  const nameProblem = ruleNameProblem(form.name);
  if (nameProblem) fields.name = nameProblem;
  else if (form.name !== facts.original?.name && facts.namesOnSource.includes(form.name)) {
    fields.name = 'rule.nameTaken';
  }

  if (!facts.source) fields.registryId = 'rule.sourceUnknown';
  else if (!syncEligible(facts.source.spec)) fields.registryId = 'rule.sourceNotEligible';

  checkSelection(form.selection, fields, warn);
  const plan = planOf(form, facts);
  checkTarget(form.target, facts, fields, plan);

  if (form.destNamespace !== '' && !isNamespaceName(form.destNamespace)) {
    fields.destNamespace = 'rule.destNamespaceInvalid';
  }
  if (form.override) warn('override', { key: 'rule.warn.override' });
  if (form.deletion) warn('deletion', { key: 'rule.warn.deletion' });

  return { fields, warnings, plan };
}

function checkSelection(
  selection: DraftSelection,
  fields: Record<string, string>,
  warn: (field: string, warning: DraftWarning) => void,
): void {
  const filters = draftFilters(selection);
  if (selection.kind === 'console') {
    const problem = consoleSelectionProblem(selection);
    if (problem) fields.namespace = problem;
    // The console's filters are name, tag, resource in this order: a name problem is the
    // repository field's (the namespace was checked above).
    const fieldOf = ['repository', 'tag', 'resource'];
    for (const p of filterProblems(filters)) {
      const field = fieldOf[p.index] ?? `filters.${String(p.index)}`;
      if (field === 'repository' && fields.namespace) continue;
      fields[field] ??= p.key;
    }
    for (const w of filterWarnings(filters)) {
      const field = fieldOf[w.index] ?? `filters.${String(w.index)}`;
      warn(field, warningOf(w, filters));
    }
    return;
  }
  for (const p of filterProblems(filters)) fields[`filters.${String(p.index)}`] ??= p.key;
  for (const w of filterWarnings(filters)) warn(`filters.${String(w.index)}`, warningOf(w, filters));
}

function warningOf(w: FilterWarning, filters: readonly RuleFilter[]): DraftWarning {
  return { key: WARNING_KEYS[w.warning], params: { pattern: filters[w.index]?.value ?? '', type: w.type } };
}

function checkTarget(target: DraftTarget, facts: DraftFacts, fields: Record<string, string>, plan: DraftPlan): void {
  if (target.registryId === '') {
    fields['target.registryId'] = 'rule.targetRequired';
    return;
  }
  if (target.registryId === facts.source?.registryId) {
    fields['target.registryId'] = 'rule.targetIsSource';
    return;
  }
  if (target.mode === 'paste') {
    if (!REGISTRY_ID.test(target.registryId)) fields['target.registryId'] = 'rule.targetIdInvalid';
    // An edit of the same target (ModifyReplication) sends neither the account nor a token: the
    // cloud keeps them, and it never lists the uin, so the form cannot be asked to repeat it.
    const needsPeer = plan !== 'update';
    if (target.uin === '') {
      if (needsPeer) fields['target.uin'] = 'rule.uinRequired';
    } else if (!UIN.test(target.uin)) fields['target.uin'] = 'rule.uinDigits';
    if (target.token === '') {
      if (needsPeer && !facts.tokenKept) fields['target.token'] = 'rule.tokenRequired';
    } else if (/\s/.test(target.token)) fields['target.token'] = 'rule.tokenWhitespace';
    return;
  }
  if (target.mode === 'otherProfile') {
    if (facts.targetProfileUnknown) {
      fields['target.profileId'] = 'rule.targetProfileUnknown';
      return;
    }
    if (facts.targetProfileIsSource) {
      fields['target.profileId'] = 'rule.targetProfileIsSource';
      return;
    }
  }
  if (!facts.target) fields['target.registryId'] = 'rule.targetUnknown';
  else if (!syncEligible(facts.target.spec)) fields['target.registryId'] = 'rule.targetNotEligible';
}

/** A rule's name and target cannot change in the cloud: changing them is delete + create. */
function planOf(form: DraftFields, facts: DraftFacts): DraftPlan {
  const original = facts.original;
  if (!original) return 'create';
  if (form.name !== original.name || form.target.registryId !== original.targetRegistryId) return 'recreate';
  return 'update';
}
