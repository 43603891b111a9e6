import { systemClock, type Clock } from '../../base/clock.js';
import { SerialQueue } from '../../base/serial-queue.js';
import type {
  AppError,
  InstancesView,
  ProfileView,
  RuleDraft,
  RuleExport,
  RuleImportAnswer,
  RuleImportItem,
  RuleRow,
  RuleSave,
  RuleSetEnabled,
  RulesView,
} from '../../contract/index.js';
import { parseRulesJson, rulesToJson, type TransferRule } from '../../domain/rule-export.js';
import { consoleToFilters, filtersToConsole, type RuleFilter } from '../../domain/rule-filters.js';
import { planImport, type ImportPlanItem, type ImportState } from '../../domain/rule-import.js';
import { rulesToTerraform } from '../../domain/rule-terraform.js';
import type { EventHub } from '../shared/event-hub.js';
import { UserFacingError } from '../shared/user-facing-error.js';

/** What sends a rule: the rule editor (`rules:create` / `rules:update`). */
export interface RuleWriter {
  create(input: RuleSave): Promise<RuleRow>;
  update(input: RuleSave): Promise<RuleRow>;
}

export interface RuleTransferDeps {
  rules: { view(): RulesView };
  instances: { view(): InstancesView };
  profiles: { list(): ProfileView[] };
  writer: RuleWriter;
  /** Enables or disables a rule (the editor's drafts have no "enabled"): `rules:setEnabled`. */
  toggler: { setEnabled(input: RuleSetEnabled): Promise<RuleRow> };
  events: EventHub;
  clock?: Clock;
}

export interface RuleKey {
  profileId: string;
  registryId: string;
  ruleName: string;
}

/**
 * Export of known rules (JSON, Terraform) and import of the app's JSON: a plan against the rules
 * known now, and applying it through the rule editor, one import at a time.
 */
export class RuleTransfer {
  readonly #queue = new SerialQueue();
  readonly #clock: Clock;
  /** Counts Cancels: an import asked before a Cancel stops at its next rule. */
  #cancels = 0;

  constructor(private readonly deps: RuleTransferDeps) {
    this.#clock = deps.clock ?? systemClock;
  }

  /** The rules named, in that order, as a file. A rule the app does not know fails the export. */
  export(keys: readonly RuleKey[], format: 'json' | 'terraform'): RuleExport {
    const view = this.deps.rules.view();
    const profiles = this.deps.profiles.list();
    const rules = keys.map((key) => {
      const row = view.rows.find(
        (r) => r.profileId === key.profileId && r.source.registryId === key.registryId && r.name === key.ruleName,
      );
      if (!row) throw new UserFacingError('NOT_FOUND', `No rule ${key.ruleName} on ${key.registryId}`);
      return toTransferRule(row, profiles);
    });
    const now = new Date(this.#clock.now()).toISOString();
    const day = now.slice(0, 10);
    return format === 'json'
      ? { text: rulesToJson(rules, now), fileName: `tcr-sync-rules-${day}.json` }
      : { text: rulesToTerraform(rules), fileName: `tcr-sync-rules-${day}.tf` };
  }

  /**
   * The plan of a file (`apply: false`), or the plan worked out again and its creates and changes
   * sent (`apply: true`); imports run one after another, so a second one plans against what the
   * first made.
   */
  import(text: string, apply: boolean): Promise<RuleImportAnswer> {
    if (!apply) return Promise.resolve().then(() => ({ items: this.#plan(text).map(toItem), applied: false }));
    const cancels = this.#cancels;
    return this.#queue.run(async () => {
      const plan = this.#plan(text);
      const items = plan.map(toItem);
      const todo = plan.filter((p) => p.action === 'create' || p.action === 'change');
      let done = 0;
      for (const entry of todo) {
        if (this.#cancels !== cancels) return { items, applied: true, cancelled: true };
        const result = await this.#apply(entry);
        const item = { ...toItem(entry), result };
        items[entry.index] = item;
        done++;
        this.deps.events.emit('rules:importProgress', { done, total: todo.length, item });
      }
      return { items, applied: true };
    });
  }

  /** Stops the imports being applied, and those waiting, before their next rule. */
  cancelImport(): void {
    this.#cancels++;
  }

  #plan(text: string): ImportPlanItem[] {
    const parsed = parseRulesJson(text);
    if (!parsed.ok) throw new UserFacingError('VALIDATION', parsed.detail, { text: parsed.key });
    return planImport(parsed.document, this.#state());
  }

  #state(): ImportState {
    const view = this.deps.rules.view();
    const known = new Set(view.profiles.filter((p) => p.fetchedAt !== undefined).map((p) => p.profileId));
    return {
      profiles: this.deps.profiles
        .list()
        .map((p) => ({ id: p.id, name: p.name, uin: p.uin, rulesKnown: known.has(p.id) })),
      instances: this.deps.instances.view().rows.map((i) => ({ profileId: i.profileId, registryId: i.registryId })),
      rules: view.rows.map((r) => ({
        profileId: r.profileId,
        registryId: r.source.registryId,
        name: r.name,
        description: r.description,
        filters: r.filters,
        override: r.override,
        enabled: r.enabled,
        ...(r.target.registryId ? { targetRegistryId: r.target.registryId } : {}),
      })),
    };
  }

  /** Sends one create or change; what went wrong is the rule's own result, never the import's. */
  async #apply(entry: ImportPlanItem): Promise<{ ok: true } | { ok: false; error: AppError }> {
    const { rule, profileId, target } = entry;
    if (!profileId || !target) return { ok: false, error: { code: 'INTERNAL', message: 'No target planned' } };
    const key = { profileId, registryId: rule.source.instanceId, ruleName: rule.name };
    try {
      if (entry.action === 'create') {
        await this.deps.writer.create({ draft: draftOf(entry, profileId, target, false) });
        if (!rule.enabled) await this.deps.toggler.setEnabled({ ...key, enabled: false });
      } else {
        const fields = entry.fields ?? [];
        if (fields.some((f) => f !== 'enabled')) {
          await this.deps.writer.update({
            draft: draftOf(entry, profileId, target, true),
            ...(fields.includes('target') ? { confirmRecreate: true } : {}),
          });
        }
        if (fields.includes('enabled')) await this.deps.toggler.setEnabled({ ...key, enabled: rule.enabled });
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    }
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof UserFacingError) return error.toAppError();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Same filters, order aside. */
function sameFilters(a: readonly RuleFilter[], b: readonly RuleFilter[]): boolean {
  const key = (fs: readonly RuleFilter[]): string => JSON.stringify(fs.map((f) => `${f.type}\0${f.value}`).sort());
  return key(a) === key(b);
}

/**
 * The editor's form for a planned rule. The console's fields only when they give back exactly the
 * same filters (a rule without a tag filter would gain an empty one): else the raw filters, so the
 * rule is sent exactly as the file holds it.
 */
function draftOf(entry: ImportPlanItem, profileId: string, target: RuleDraft['target'], editing: boolean): RuleDraft {
  const { rule } = entry;
  const fields = filtersToConsole(rule.filters);
  const selection: RuleDraft['selection'] =
    fields && sameFilters(consoleToFilters(fields), rule.filters)
      ? { kind: 'console', ...fields }
      : { kind: 'raw', filters: rule.filters.map((f) => ({ type: f.type, value: f.value })) };
  // What the file does not know is left as it is in the cloud when editing.
  const keep = [
    ...(rule.target.namespace === undefined ? (['destNamespace'] as const) : []),
    ...(rule.deletion === undefined ? (['deletion'] as const) : []),
  ];
  return {
    profileId,
    registryId: rule.source.instanceId,
    ...(editing ? { original: { ruleName: rule.name } } : {}),
    name: rule.name,
    description: rule.description,
    selection,
    target,
    destNamespace: rule.target.namespace ?? '',
    override: rule.override,
    deletion: rule.deletion ?? false,
    ...(editing && keep.length > 0 ? { keep } : {}),
  };
}

/** A row as the file holds it (no token, no key). */
export function toTransferRule(row: RuleRow, profiles: readonly ProfileView[]): TransferRule {
  const source = profiles.find((p) => p.id === row.profileId);
  const owner = row.target.profileId ? profiles.find((p) => p.id === row.target.profileId) : undefined;
  const account = (p: ProfileView): TransferRule['source']['account'] => ({
    profile: p.name,
    ...(p.uin ? { uin: p.uin } : {}),
  });
  // Another profile owns the target: another account, unless both uins say it is the same one.
  const crossAccount =
    owner === undefined
      ? undefined
      : owner.id === row.profileId
        ? false
        : !(owner.uin !== '' && owner.uin === source?.uin);
  return {
    name: row.name,
    description: row.description,
    source: {
      account: source ? account(source) : {},
      instanceId: row.source.registryId,
      instanceName: row.source.name,
      regionId: row.source.regionId,
      region: row.source.regionName,
    },
    filters: row.filters.map((f) => ({ type: f.type, value: f.value })),
    target: {
      instanceId: row.target.registryId ?? row.target.raw,
      ...(row.target.name !== undefined ? { instanceName: row.target.name } : {}),
      ...(row.target.regionId !== undefined ? { regionId: row.target.regionId } : {}),
      ...(row.target.regionName !== undefined ? { region: row.target.regionName } : {}),
      ...(owner ? { account: account(owner) } : {}),
      ...(crossAccount !== undefined ? { crossAccount } : {}),
    },
    override: row.override,
    enabled: row.enabled,
  };
}

function toItem(entry: ImportPlanItem): RuleImportItem {
  const { rule } = entry;
  const { target } = rule;
  return {
    index: entry.index,
    name: rule.name,
    source: {
      instanceId: rule.source.instanceId,
      instanceName: rule.source.instanceName,
      region: rule.source.region,
      ...(rule.source.account.profile !== undefined ? { account: rule.source.account.profile } : {}),
    },
    target: {
      instanceId: target.instanceId,
      ...(target.instanceName !== undefined ? { instanceName: target.instanceName } : {}),
      ...(target.region !== undefined ? { region: target.region } : {}),
      ...(target.account?.profile !== undefined ? { account: target.account.profile } : {}),
    },
    action: entry.action,
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(entry.problem ? { problem: entry.problem } : {}),
    ...(entry.fields ? { fields: entry.fields } : {}),
  };
}
