// Export and import of rules against a fake rules view and a fake rule editor that records what
// it was asked to send (the real editor is the lead's; integration runs it against the sandbox).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../../src-main/base/clock.js';
import type {
  InstanceRow,
  ProfileView,
  RuleImportProgress,
  RuleRow,
  RuleSave,
  RuleSetEnabled,
  RulesView,
} from '../../../../src-main/contract/index.js';
import { consoleToFilters } from '../../../../src-main/domain/rule-filters.js';
import { RuleTransfer, type RuleWriter } from '../../../../src-main/services/rules/rule-transfer.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { UserFacingError } from '../../../../src-main/services/shared/user-facing-error.js';

const ACME = '11111111-1111-4111-8111-111111111111';
const GLOBEX = '22222222-2222-4222-8222-222222222222';

function profile(id: string, name: string, uin: string): ProfileView {
  return {
    id,
    name,
    uin,
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID…0000',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function instance(
  profileId: string,
  registryId: string,
  name: string,
  regionId: number,
  regionName: string,
): InstanceRow {
  const row = { profileId, registryId, name, regionId, regionName, status: 'Running', spec: 'premium' };
  return { ...row, publicDomain: `${name}.tencentcloudcr.com`, createdAt: '2026-01-01T00:00:00.000Z' };
}

const GZ = instance(ACME, 'tcr-gz000001', 'acme-gz', 1, 'ap-guangzhou');
const SH = instance(ACME, 'tcr-sh000001', 'acme-sh', 4, 'ap-shanghai');
const SG = instance(GLOBEX, 'tcr-sg000001', 'globex-sg', 9, 'ap-singapore');

function row(name: string, target: InstanceRow, change: Partial<RuleRow> = {}): RuleRow {
  return {
    profileId: ACME,
    source: { registryId: GZ.registryId, name: GZ.name, regionId: GZ.regionId, regionName: GZ.regionName },
    policyId: 1,
    name,
    description: `${name} description`,
    filters: [
      { type: 'name', value: 'platform/**' },
      { type: 'tag', value: '' },
      { type: 'resource', value: 'image' },
    ],
    override: false,
    enabled: true,
    target: {
      raw: target.registryId,
      registryId: target.registryId,
      name: target.name,
      regionId: target.regionId,
      regionName: target.regionName,
      profileId: target.profileId,
    },
    sourceResource: GZ.registryId,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...change,
  };
}

/** The editor as the service sees it: records every save, and makes the rule known as the cloud would. */
class FakeWriter implements RuleWriter {
  readonly saves: { kind: 'create' | 'update'; input: RuleSave }[] = [];
  readonly toggles: RuleSetEnabled[] = [];
  refuse = new Set<string>();
  constructor(private readonly rows: RuleRow[]) {}

  create(input: RuleSave): Promise<RuleRow> {
    return this.#save('create', input);
  }
  update(input: RuleSave): Promise<RuleRow> {
    return this.#save('update', input);
  }
  async setEnabled(input: RuleSetEnabled): Promise<RuleRow> {
    await Promise.resolve();
    this.toggles.push(input);
    const found = this.rows.find((r) => r.name === input.ruleName);
    if (!found) throw new UserFacingError('NOT_FOUND', 'gone');
    found.enabled = input.enabled;
    return found;
  }

  async #save(kind: 'create' | 'update', input: RuleSave): Promise<RuleRow> {
    // Yields as a cloud call would, so two imports at once would interleave here.
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.saves.push({ kind, input: structuredClone(input) });
    const { draft } = input;
    if (this.refuse.has(draft.name)) {
      throw new UserFacingError('CLOUD', 'ManageReplication: refused', undefined, {
        code: 'FailedOperation',
        message: 'refused',
        kind: 'other',
        requestId: 'req-1',
      });
    }
    const filters = draft.selection.kind === 'raw' ? draft.selection.filters : consoleToFilters(draft.selection);
    const target = [GZ, SH, SG].find((i) => i.registryId === draft.target.registryId) ?? SH;
    const made = row(draft.name, target, { description: draft.description, filters, override: draft.override });
    const at = this.rows.findIndex((r) => r.name === draft.name);
    if (at >= 0) this.rows.splice(at, 1, made);
    else this.rows.push(made);
    return made;
  }
}

const profiles = [profile(ACME, 'Acme prod', '100012345678'), profile(GLOBEX, 'Globex', '200087654321')];
const okProfiles = (): RulesView['profiles'] =>
  profiles.map((p) => ({ profileId: p.id, state: 'ok', fetchedAt: '2026-12-04T11:00:00.000Z' }));

const clock: Clock = { now: () => Date.parse('2026-12-04T12:00:00.000Z'), sleep: () => Promise.resolve() };

let rows: RuleRow[];
let writer: FakeWriter;
let progress: RuleImportProgress[];
let transfer: RuleTransfer;

beforeEach(() => {
  rows = [
    row('to-shanghai', SH),
    row('to-globex', SG, {
      filters: [
        { type: 'name', value: 'platform/api-gateway' },
        { type: 'tag', value: 'v*' },
      ],
      enabled: false,
    }),
  ];
  writer = new FakeWriter(rows);
  progress = [];
  const events = new EventHub();
  events.on('rules:importProgress', (p) => progress.push(structuredClone(p)));
  const view = (): RulesView => ({ rows: structuredClone(rows), profiles: okProfiles(), refreshing: false });
  transfer = new RuleTransfer({
    rules: { view },
    instances: { view: () => ({ rows: [GZ, SH, SG], profiles: [], refreshing: false }) },
    profiles: { list: () => profiles },
    writer,
    toggler: writer,
    events,
    clock,
  });
});

const key = (ruleName: string) => ({ profileId: ACME, registryId: GZ.registryId, ruleName });

/** The JSON export of the known rules, changed by `edit` (the file a user would import). */
function exported(edit: (rules: Record<string, unknown>[]) => void = () => undefined): string {
  const text = transfer.export([key('to-shanghai'), key('to-globex')], 'json').text;
  const doc = JSON.parse(text) as { rules: Record<string, unknown>[] };
  edit(doc.rules);
  return JSON.stringify(doc);
}

describe('export', () => {
  it('JSON: the rules named, their accounts, the cross-account target marked; no token', () => {
    const out = transfer.export([key('to-globex'), key('to-shanghai')], 'json');
    expect(out.fileName).toBe('tcr-sync-rules-2026-12-04.json');
    const doc = JSON.parse(out.text) as { rules: { name: string; source: unknown; target: unknown }[] };
    expect(doc.rules.map((r) => r.name)).toEqual(['to-globex', 'to-shanghai']);
    expect(doc.rules[0]?.source).toMatchObject({ account: { profile: 'Acme prod', uin: '100012345678' } });
    expect(doc.rules[0]?.target).toMatchObject({
      instanceId: 'tcr-sg000001',
      account: { profile: 'Globex', uin: '200087654321' },
      crossAccount: true,
    });
    expect(doc.rules[1]?.target).toMatchObject({ crossAccount: false });
    expect(out.text).not.toMatch(/token/i);
  });

  it('Terraform: import blocks and the token as a variable', () => {
    const out = transfer.export([key('to-globex')], 'terraform');
    expect(out.fileName).toBe('tcr-sync-rules-2026-12-04.tf');
    expect(out.text).toContain('id = "tcr-gz000001#to-globex"');
    expect(out.text).toContain('peer_registry_token     = var.peer_token_tcr_sg000001');
  });

  it('a rule the app does not know: NOT_FOUND, nothing exported', () => {
    expect(() => transfer.export([key('to-shanghai'), key('nope')], 'json')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

describe('import', () => {
  it('a file that cannot be read: VALIDATION on the text field', async () => {
    await expect(transfer.import('{', false)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { text: 'transfer.file.notJson' },
    });
  });

  it('the plan sends nothing', async () => {
    const text = exported((r) => {
      r.push({ ...r[0], name: 'new-rule' });
      (r[0] as { description: string }).description = 'changed';
    });
    const answer = await transfer.import(text, false);
    expect(answer.applied).toBe(false);
    expect(answer.items.map((i) => [i.name, i.action, i.fields])).toEqual([
      ['to-shanghai', 'change', ['description']],
      ['to-globex', 'unchanged', undefined],
      ['new-rule', 'create', undefined],
    ]);
    expect(writer.saves).toEqual([]);
    expect(writer.toggles).toEqual([]);
  });

  it('apply: creates with the console fields when they give the same filters, raw otherwise; a disabled rule is disabled after', async () => {
    const text = exported((r) => {
      r.splice(0, 2, { ...r[0], name: 'new-console' }, { ...r[1], name: 'new-raw' });
    });
    const answer = await transfer.import(text, true);
    expect(answer.items.map((i) => [i.name, i.action, i.result])).toEqual([
      ['new-console', 'create', { ok: true }],
      ['new-raw', 'create', { ok: true }],
    ]);
    const [consoleSave, rawSave] = writer.saves;
    expect(consoleSave?.kind).toBe('create');
    expect(consoleSave?.input.draft).toMatchObject({
      profileId: ACME,
      registryId: 'tcr-gz000001',
      name: 'new-console',
      selection: { kind: 'console', namespace: 'platform', repository: '', tag: '', resource: 'image' },
      target: { mode: 'sameAccount', registryId: 'tcr-sh000001' },
      destNamespace: '',
      deletion: false,
    });
    expect(consoleSave?.input.draft).not.toHaveProperty('original');
    // Two filters: the console would add an empty resource filter, so they are sent as they are.
    expect(rawSave?.input.draft).toMatchObject({
      selection: {
        kind: 'raw',
        filters: [
          { type: 'name', value: 'platform/api-gateway' },
          { type: 'tag', value: 'v*' },
        ],
      },
      target: { mode: 'otherProfile', profileId: GLOBEX, registryId: 'tcr-sg000001' },
    });
    expect(writer.toggles).toEqual([{ ...key('new-raw'), enabled: false }]);
    expect(progress.map((p) => [p.done, p.total, p.item.name])).toEqual([
      [1, 2, 'new-console'],
      [2, 2, 'new-raw'],
    ]);
  });

  it('apply: a change is an edit of the rule (unknown fields kept); only "enabled" is a toggle', async () => {
    const text = exported((r) => {
      Object.assign(r[0] ?? {}, { override: true });
      Object.assign(r[1] ?? {}, { enabled: true });
    });
    const answer = await transfer.import(text, true);
    expect(answer.items.map((i) => i.result)).toEqual([{ ok: true }, { ok: true }]);
    expect(writer.saves).toHaveLength(1);
    expect(writer.saves[0]?.kind).toBe('update');
    expect(writer.saves[0]?.input.draft).toMatchObject({
      name: 'to-shanghai',
      original: { ruleName: 'to-shanghai' },
      override: true,
      keep: ['destNamespace', 'deletion'],
    });
    expect(writer.saves[0]?.input).not.toHaveProperty('confirmRecreate');
    expect(writer.toggles).toEqual([{ ...key('to-globex'), enabled: true }]);
  });

  it('apply: a new target is confirmed as delete + create', async () => {
    const text = exported((r) => {
      Object.assign((r[0] as { target: object }).target, { instanceId: 'tcr-sg000001', crossAccount: true });
    });
    await transfer.import(text, true);
    expect(writer.saves[0]?.input).toMatchObject({
      confirmRecreate: true,
      draft: { target: { mode: 'otherProfile', profileId: GLOBEX, registryId: 'tcr-sg000001' } },
    });
  });

  it('apply: one refused rule keeps its error with the RequestId; the others are still sent', async () => {
    writer.refuse.add('first');
    const text = exported((r) => {
      r.splice(0, 2, { ...r[0], name: 'first' }, { ...r[0], name: 'second' });
    });
    const answer = await transfer.import(text, true);
    expect(answer.items[0]?.result).toMatchObject({ ok: false, error: { code: 'CLOUD', requestId: 'req-1' } });
    expect(answer.items[1]?.result).toEqual({ ok: true });
  });

  it('apply: cannot and unchanged rules are never sent', async () => {
    const text = exported((r) => {
      r.push({ ...r[0], name: 'Bad Name' });
    });
    const answer = await transfer.import(text, true);
    expect(answer.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged', 'cannot']);
    expect(answer.items[2]).toMatchObject({ reason: 'transfer.cannot.name', problem: 'rule.nameChars' });
    expect(writer.saves).toEqual([]);
  });

  it('Cancel stops before the next rule: the rule being sent finishes, the others are not sent', async () => {
    const text = exported((r) => {
      r.splice(0, 2, { ...r[0], name: 'one' }, { ...r[0], name: 'two' }, { ...r[0], name: 'three' });
    });
    const events = new EventHub();
    events.on('rules:importProgress', () => transfer.cancelImport());
    // The hub of this test's service: cancel as soon as the first rule is reported.
    transfer = new RuleTransfer({
      rules: { view: () => ({ rows: structuredClone(rows), profiles: okProfiles(), refreshing: false }) },
      instances: { view: () => ({ rows: [GZ, SH, SG], profiles: [], refreshing: false }) },
      profiles: { list: () => profiles },
      writer,
      toggler: writer,
      events,
      clock,
    });
    const answer = await transfer.import(text, true);
    expect(answer.cancelled).toBe(true);
    expect(answer.items.map((i) => [i.name, i.result])).toEqual([
      ['one', { ok: true }],
      ['two', undefined],
      ['three', undefined],
    ]);
    expect(writer.saves.map((s) => s.input.draft.name)).toEqual(['one']);
    // A later import is not cancelled by an earlier Cancel.
    const next = await transfer.import(text, false);
    expect(next.items.map((i) => i.action)).toEqual(['unchanged', 'create', 'create']);
  });

  it('two imports at once: the second plans against what the first made, nothing is created twice', async () => {
    const text = exported((r) => {
      r.splice(0, 2, { ...r[0], name: 'once' });
    });
    const [first, second] = await Promise.all([transfer.import(text, true), transfer.import(text, true)]);
    expect(first.items[0]).toMatchObject({ action: 'create', result: { ok: true } });
    expect(second.items[0]?.action).toBe('unchanged');
    expect(writer.saves.map((s) => [s.kind, s.input.draft.name])).toEqual([['create', 'once']]);
  });
});
