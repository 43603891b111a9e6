// The rule form's model: what the user edits, how a rule read from the cloud (or a draft kept after
// a failed save) fills it, and the `RuleDraft` it sends. Plain TypeScript (no DOM, no runes): the
// unit tests run it as the form does.
import type {
  DraftView,
  InstanceRow,
  ProfileView,
  RuleDraft,
  RuleRow,
  RuleTarget,
} from '../../src-main/contract/index.js';

export type TargetMode = RuleTarget['mode'];
export type ResourceChoice = '' | 'image' | 'chart';

/**
 * Everything the form holds. Each target mode keeps its own fields, so that switching modes back
 * and forth loses nothing typed; only the chosen mode's fields are sent.
 */
export interface RuleFormState {
  profileId: string;
  registryId: string;
  /** Editing: the rule's name in the cloud now (its key). */
  original?: { ruleName: string } | undefined;
  name: string;
  description: string;
  /** `raw`: a rule whose filters do not fit the console's fields, edited as its filters. */
  selection: 'console' | 'raw';
  namespace: string;
  repository: string;
  tag: string;
  resource: ResourceChoice;
  filters: { type: string; value: string }[];
  targetMode: TargetMode;
  /** sameAccount: an instance of the source's profile. */
  sameRegistryId: string;
  /** otherProfile: the profile, then one of its instances. */
  otherProfileId: string;
  otherRegistryId: string;
  /** paste: the target as typed. `token` '' when editing = keep the stored one. */
  pasteRegistryId: string;
  uin: string;
  token: string;
  destNamespace: string;
  override: boolean;
  deletion: boolean;
  /**
   * Editing: the settings the cloud never lists (target namespace, sync deletions), so the form
   * cannot show them; left as they are in the cloud until the user sets them.
   */
  keep: KeptSetting[];
}

export type KeptSetting = 'destNamespace' | 'deletion';

/**
 * Instance sync needs Standard or Premium on both ends (实例规格为标准版或高级版): Basic is the one
 * edition left out (an edition the app does not know yet is left to the cloud, as main's check does).
 */
export function isEligibleSpec(spec: string): boolean {
  return spec.toLowerCase() !== 'basic';
}

/** An empty form; the source prefilled when the user started from an instance. */
export function emptyForm(source?: { profileId: string; registryId: string }): RuleFormState {
  return {
    profileId: source?.profileId ?? '',
    registryId: source?.registryId ?? '',
    name: '',
    description: '',
    selection: 'console',
    namespace: '',
    repository: '',
    tag: '',
    resource: '',
    filters: [],
    targetMode: 'sameAccount',
    sameRegistryId: '',
    otherProfileId: '',
    otherRegistryId: '',
    pasteRegistryId: '',
    uin: '',
    token: '',
    destNamespace: '',
    override: false,
    deletion: false,
    keep: [],
  };
}

/** The profile of another account? Same profile, or profiles with the same account ID, are one account. */
function sameAccount(a: ProfileView | undefined, b: ProfileView | undefined): boolean {
  if (!a || !b) return false;
  return a.id === b.id || (a.uin !== '' && a.uin === b.uin);
}

/**
 * The form for editing `row`. Its filters fill the console's fields when they fit them, else they
 * are edited as they are (raw). The target: the source's own account → same account; an instance
 * another profile knows → that profile; else another account with the token kept (`token` '').
 * `deletion` is not read back by the list (the API does not list it): it starts off.
 */
export function formFromRow(row: RuleRow, profiles: readonly ProfileView[]): RuleFormState {
  const form = emptyForm({ profileId: row.profileId, registryId: row.source.registryId });
  form.original = { ruleName: row.name };
  form.name = row.name;
  form.description = row.description;
  form.override = row.override;
  form.keep = ['destNamespace', 'deletion'];
  if (row.console) {
    form.namespace = row.console.namespace;
    form.repository = row.console.repository;
    form.tag = row.console.tag;
    form.resource = row.console.resource;
  } else {
    form.selection = 'raw';
    form.filters = row.filters.map((f) => ({ type: f.type, value: f.value }));
  }
  const targetId = row.target.registryId ?? row.target.raw;
  const source = profiles.find((p) => p.id === row.profileId);
  const targetProfile =
    row.target.profileId === undefined ? undefined : profiles.find((p) => p.id === row.target.profileId);
  if (row.target.profileId === row.profileId || sameAccount(source, targetProfile)) {
    form.targetMode = 'sameAccount';
    form.sameRegistryId = targetId;
  } else if (targetProfile) {
    form.targetMode = 'otherProfile';
    form.otherProfileId = targetProfile.id;
    form.otherRegistryId = targetId;
  } else {
    form.targetMode = 'paste';
    form.pasteRegistryId = targetId;
  }
  return form;
}

/** The form a kept draft (or a draft the form itself sent) stands for. */
export function formFromDraft(draft: RuleDraft): RuleFormState {
  const form = emptyForm({ profileId: draft.profileId, registryId: draft.registryId });
  form.original = draft.original ? { ruleName: draft.original.ruleName } : undefined;
  form.name = draft.name;
  form.description = draft.description;
  form.destNamespace = draft.destNamespace;
  form.override = draft.override;
  form.deletion = draft.deletion;
  form.keep = [...(draft.keep ?? [])];
  const selection = draft.selection;
  if (selection.kind === 'console') {
    form.namespace = selection.namespace;
    form.repository = selection.repository;
    form.tag = selection.tag;
    form.resource = selection.resource;
  } else {
    form.selection = 'raw';
    form.filters = selection.filters.map((f) => ({ type: f.type, value: f.value }));
  }
  const target = draft.target;
  form.targetMode = target.mode;
  if (target.mode === 'sameAccount') form.sameRegistryId = target.registryId;
  else if (target.mode === 'otherProfile') {
    form.otherProfileId = target.profileId;
    form.otherRegistryId = target.registryId;
  } else {
    form.pasteRegistryId = target.registryId;
    form.uin = target.uin;
    form.token = target.token;
  }
  return form;
}

/** What the form sends (`rules:check`, `rules:create`, `rules:update`): the chosen mode's fields only. */
export function draftOf(form: RuleFormState): RuleDraft {
  const target: RuleTarget =
    form.targetMode === 'sameAccount'
      ? { mode: 'sameAccount', registryId: form.sameRegistryId }
      : form.targetMode === 'otherProfile'
        ? { mode: 'otherProfile', profileId: form.otherProfileId, registryId: form.otherRegistryId }
        : // As typed: stray spaces are main's check to show, not something to trim silently.
          { mode: 'paste', registryId: form.pasteRegistryId, uin: form.uin, token: form.token };
  return {
    profileId: form.profileId,
    registryId: form.registryId,
    ...(form.original ? { original: { ruleName: form.original.ruleName } } : {}),
    name: form.name,
    description: form.description,
    selection:
      form.selection === 'console'
        ? {
            kind: 'console',
            namespace: form.namespace,
            repository: form.repository,
            tag: form.tag,
            resource: form.resource,
          }
        : { kind: 'raw', filters: form.filters.map((f) => ({ type: f.type, value: f.value })) },
    target,
    destNamespace: form.destNamespace,
    override: form.override,
    deletion: form.deletion,
    ...(form.original && form.keep.length > 0 ? { keep: [...form.keep] } : {}),
  };
}

/** The user set a setting the cloud does not list: it is sent from now on. */
export function release(form: RuleFormState, setting: KeptSetting): void {
  form.keep = form.keep.filter((k) => k !== setting);
}

/** Has the user changed anything since the form opened (Escape asks before losing it)? */
export function formChanged(initial: RuleFormState, now: RuleFormState): boolean {
  return JSON.stringify(draftOf(initial)) !== JSON.stringify(draftOf(now)) || initial.token !== now.token;
}

/** The target's registry ID as the chosen mode holds it. */
export function targetRegistryId(form: RuleFormState): string {
  if (form.targetMode === 'sameAccount') return form.sameRegistryId;
  if (form.targetMode === 'otherProfile') return form.otherRegistryId;
  return form.pasteRegistryId;
}

/** One instance in a picker: eligible or not (Basic), and its words. */
export interface InstanceChoice {
  profileId: string;
  registryId: string;
  name: string;
  regionName: string;
  spec: string;
  eligible: boolean;
}

function choiceOf(row: InstanceRow): InstanceChoice {
  return {
    profileId: row.profileId,
    registryId: row.registryId,
    name: row.name,
    regionName: row.regionName,
    spec: row.spec,
    eligible: isEligibleSpec(row.spec),
  };
}

function byName(a: InstanceChoice, b: InstanceChoice): number {
  return a.name.localeCompare(b.name) || a.registryId.localeCompare(b.registryId);
}

/** Every instance of every profile, grouped by profile (in the profiles' order), Basic ones not eligible. */
export function sourceChoices(
  rows: readonly InstanceRow[],
  profiles: readonly ProfileView[],
): { profile: ProfileView; instances: InstanceChoice[] }[] {
  return profiles
    .map((profile) => ({
      profile,
      instances: rows
        .filter((r) => r.profileId === profile.id)
        .map(choiceOf)
        .sort(byName),
    }))
    .filter((group) => group.instances.length > 0);
}

/** Same account: the source profile's other instances (never the source itself). */
export function sameAccountChoices(rows: readonly InstanceRow[], form: RuleFormState): InstanceChoice[] {
  return rows
    .filter((r) => r.profileId === form.profileId && r.registryId !== form.registryId)
    .map(choiceOf)
    .sort(byName);
}

/** One-click: the profiles of other accounts than the source's. */
export function otherProfileChoices(profiles: readonly ProfileView[], sourceProfileId: string): ProfileView[] {
  const source = profiles.find((p) => p.id === sourceProfileId);
  return profiles.filter((p) => p.id !== sourceProfileId && !sameAccount(source, p));
}

/** One-click: the instances of the chosen profile. */
export function profileInstanceChoices(rows: readonly InstanceRow[], profileId: string): InstanceChoice[] {
  return rows
    .filter((r) => r.profileId === profileId)
    .map(choiceOf)
    .sort(byName);
}

/** The DOM id of the control a check's field name is about (`target.registryId` follows the mode). */
export function controlIdOf(field: string, mode: TargetMode): string {
  const filter = /^filters\.(\d+)(?:\.(type|value))?$/.exec(field);
  if (filter) return `rule-filter-${filter[1] ?? '0'}-${filter[2] ?? 'value'}`;
  const ids: Record<string, string> = {
    name: 'rule-name',
    description: 'rule-description',
    registryId: 'rule-source',
    profileId: 'rule-source',
    namespace: 'rule-namespace',
    repository: 'rule-repository',
    tag: 'rule-tag',
    resource: 'rule-resource',
    'target.registryId':
      mode === 'sameAccount'
        ? 'rule-target-instance'
        : mode === 'otherProfile'
          ? 'rule-target-profile-instance'
          : 'rule-target-registry',
    'target.profileId': 'rule-target-profile',
    'target.uin': 'rule-target-uin',
    'target.token': 'rule-target-token',
    destNamespace: 'rule-dest-namespace',
    confirmName: 'rule-confirm-name',
  };
  return ids[field] ?? `rule-${field}`;
}

/** The form's fields in the order shown, so that the first one needing attention gets the focus. */
export const FIELD_ORDER: readonly string[] = [
  'registryId',
  'profileId',
  'name',
  'description',
  'namespace',
  'repository',
  'tag',
  'resource',
  'target.profileId',
  'target.registryId',
  'target.uin',
  'target.token',
  'destNamespace',
];

/** The first field of `fields` in the form's order (the raw filters stand where the console's fields are). */
export function firstField(fields: Record<string, string>): string | undefined {
  const keys = Object.keys(fields);
  const filters = keys
    .filter((k) => k.startsWith('filters.'))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  const at = FIELD_ORDER.indexOf('namespace');
  const order = [...FIELD_ORDER.slice(0, at), ...filters, ...FIELD_ORDER.slice(at)];
  return order.find((f) => keys.includes(f)) ?? keys[0];
}

/** Where the form starts: a new rule (its source maybe chosen), a rule to edit, or a kept draft. */
export type RuleFormStart =
  | { kind: 'new'; source?: { profileId: string; registryId: string } | undefined }
  | { kind: 'edit'; row: RuleRow }
  | { kind: 'draft'; draft: DraftView };

/** The form a start fills in. */
export function formOfStart(start: RuleFormStart, profiles: readonly ProfileView[]): RuleFormState {
  if (start.kind === 'edit') return formFromRow(start.row, profiles);
  if (start.kind === 'draft' && start.draft.draft) return formFromDraft(start.draft.draft);
  if (start.kind === 'draft') {
    return emptyForm({ profileId: start.draft.profileId, registryId: start.draft.registryId });
  }
  return emptyForm(start.source);
}

/**
 * Is a pasted token stored for this rule already (so that an empty token field keeps it)? An
 * existing cross-account rule keeps the token it was created with; a draft says so itself.
 */
export function tokenKeptAtStart(start: RuleFormStart): boolean {
  if (start.kind === 'edit') return true;
  if (start.kind === 'draft') return start.draft.tokenKept;
  return false;
}
