// What importing a rules file would do, rule by rule, against the rules the app knows now:
// create, change (which fields), leave unchanged, or cannot (and why, as a message key).
// Nothing here talks to the cloud; the service sends the creates and changes.

import type { RulesDocument, TransferRule } from './rule-export.js';
import type { RuleFilter } from './rule-filters.js';
import { filterProblems } from './rule-match.js';
import { ruleNameProblem } from './rule-name.js';

/** A profile of the app as the plan needs it. */
export interface ImportProfile {
  id: string;
  name: string;
  uin: string;
  /** The profile's rules were fetched at least once (else "no rule of that name" proves nothing). */
  rulesKnown: boolean;
}

/** An instance some profile lists. */
export interface ImportInstance {
  profileId: string;
  registryId: string;
}

/** A rule the app knows. */
export interface ImportKnownRule {
  profileId: string;
  registryId: string;
  name: string;
  description: string;
  filters: RuleFilter[];
  override: boolean;
  enabled: boolean;
  /** Unknown when absent (the cloud does not list them). */
  deletion?: boolean;
  destNamespace?: string;
  targetRegistryId?: string;
}

export interface ImportState {
  profiles: readonly ImportProfile[];
  instances: readonly ImportInstance[];
  rules: readonly ImportKnownRule[];
}

export type ImportAction = 'create' | 'change' | 'unchanged' | 'cannot';

/** The fields a change touches, in the file's terms. */
export type ImportField = 'description' | 'filters' | 'override' | 'enabled' | 'deletion' | 'namespace' | 'target';

export type ImportCannotKey =
  | 'transfer.cannot.sourceUnknown'
  | 'transfer.cannot.rulesUnknown'
  | 'transfer.cannot.tokenNeeded'
  | 'transfer.cannot.targetUnknown'
  | 'transfer.cannot.targetIsSource'
  | 'transfer.cannot.duplicate'
  | 'transfer.cannot.name'
  | 'transfer.cannot.filters';

/** Where the rule would sync to, as the rule editor takes it (never a pasted token). */
export type ImportTarget =
  { mode: 'sameAccount'; registryId: string } | { mode: 'otherProfile'; profileId: string; registryId: string };

export interface ImportPlanItem {
  /** The rule's place in the file. */
  index: number;
  rule: TransferRule;
  action: ImportAction;
  /** `cannot`: why; `problem`: the name's or filters' own message key (e.g. `rule.nameChars`). */
  reason?: ImportCannotKey;
  problem?: string;
  /** `change`: what differs. */
  fields?: ImportField[];
  /** create / change: the profile that sends it and the target as the editor takes it. */
  profileId?: string;
  target?: ImportTarget;
}

/** The filters as a set: the cloud keeps their order, but it means nothing. */
function sameFilters(a: readonly RuleFilter[], b: readonly RuleFilter[]): boolean {
  const key = (fs: readonly RuleFilter[]): string =>
    JSON.stringify(fs.map((f) => [f.type, f.value]).sort((x, y) => (x.join('\0') < y.join('\0') ? -1 : 1)));
  return a.length === b.length && key(a) === key(b);
}

/** What differs between the file's rule and the known one (unknown fields of either side are not compared). */
export function changedFields(rule: TransferRule, known: ImportKnownRule): ImportField[] {
  const fields: ImportField[] = [];
  if (rule.description !== known.description) fields.push('description');
  if (!sameFilters(rule.filters, known.filters)) fields.push('filters');
  if (rule.override !== known.override) fields.push('override');
  if (rule.enabled !== known.enabled) fields.push('enabled');
  if (rule.deletion !== undefined && known.deletion !== undefined && rule.deletion !== known.deletion) {
    fields.push('deletion');
  }
  if (
    rule.target.namespace !== undefined &&
    known.destNamespace !== undefined &&
    rule.target.namespace !== known.destNamespace
  ) {
    fields.push('namespace');
  }
  if (known.targetRegistryId !== undefined && known.targetRegistryId !== rule.target.instanceId) fields.push('target');
  return fields;
}

/** The profile that would send the rule: one that lists the source instance, the file's own profile first. */
function sourceProfile(rule: TransferRule, state: ImportState): ImportProfile | undefined {
  const owners = state.instances
    .filter((i) => i.registryId === rule.source.instanceId)
    .flatMap((i) => state.profiles.filter((p) => p.id === i.profileId));
  return owners.find((p) => p.name === rule.source.account.profile) ?? owners[0];
}

function targetOf(rule: TransferRule, source: ImportProfile, state: ImportState): ImportTarget | ImportCannotKey {
  const registryId = rule.target.instanceId;
  if (registryId === rule.source.instanceId) return 'transfer.cannot.targetIsSource';
  const owners = state.instances.filter((i) => i.registryId === registryId).map((i) => i.profileId);
  if (owners.includes(source.id)) return { mode: 'sameAccount', registryId };
  const other = state.profiles.find((p) => owners.includes(p.id));
  if (other) return { mode: 'otherProfile', profileId: other.id, registryId };
  // No profile lists it: the file says whether it is the source's account (the cloud checks).
  if (rule.target.crossAccount === false) return { mode: 'sameAccount', registryId };
  return rule.target.crossAccount === true ? 'transfer.cannot.tokenNeeded' : 'transfer.cannot.targetUnknown';
}

/** The plan of one rule (duplicates in the file are the caller's concern). */
function planOne(rule: TransferRule, index: number, state: ImportState): ImportPlanItem {
  const cannot = (reason: ImportCannotKey, problem?: string): ImportPlanItem => ({
    index,
    rule,
    action: 'cannot',
    reason,
    ...(problem ? { problem } : {}),
  });
  const nameProblem = ruleNameProblem(rule.name);
  if (nameProblem) return cannot('transfer.cannot.name', nameProblem);
  const filterProblem = filterProblems(rule.filters)[0];
  if (filterProblem) return cannot('transfer.cannot.filters', filterProblem.key);
  const profile = sourceProfile(rule, state);
  if (!profile) return cannot('transfer.cannot.sourceUnknown');
  if (!profile.rulesKnown) return cannot('transfer.cannot.rulesUnknown');
  const known = state.rules.find((r) => r.registryId === rule.source.instanceId && r.name === rule.name);
  const fields = known ? changedFields(rule, known) : [];
  if (known && fields.length === 0) return { index, rule, action: 'unchanged', profileId: known.profileId };
  // A change is sent by the profile that sees the rule.
  const sender = (known && state.profiles.find((p) => p.id === known.profileId)) ?? profile;
  const target = targetOf(rule, sender, state);
  if (typeof target === 'string') return cannot(target);
  if (!known) return { index, rule, action: 'create', profileId: profile.id, target };
  return { index, rule, action: 'change', fields, profileId: sender.id, target };
}

/** The plan of every rule of the file, in its order. A rule given twice (same source, same name) is planned once. */
export function planImport(document: RulesDocument, state: ImportState): ImportPlanItem[] {
  const seen = new Set<string>();
  return document.rules.map((rule, index) => {
    const key = `${rule.source.instanceId}#${rule.name}`;
    if (seen.has(key)) return { index, rule, action: 'cannot', reason: 'transfer.cannot.duplicate' };
    seen.add(key);
    return planOne(rule, index, state);
  });
}
