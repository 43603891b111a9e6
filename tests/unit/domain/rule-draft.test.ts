// The rule form checked as typed: problems and warnings by field, and what saving would do.
import { describe, expect, it } from 'vitest';
import { checkDraft, draftFilters, type DraftFacts, type DraftFields } from '../../../src-main/domain/rule-draft.js';

const form = (changes: Partial<DraftFields> = {}): DraftFields => ({
  name: 'apps-to-dr',
  description: '',
  selection: { kind: 'console', namespace: 'platform', repository: '', tag: '', resource: '' },
  target: { mode: 'sameAccount', registryId: 'tcr-target01' },
  destNamespace: '',
  override: false,
  deletion: false,
  ...changes,
});

const facts = (changes: Partial<DraftFacts> = {}): DraftFacts => ({
  source: { registryId: 'tcr-source01', spec: 'premium' },
  target: { registryId: 'tcr-target01', spec: 'standard' },
  namesOnSource: ['existing'],
  tokenKept: false,
  ...changes,
});

describe('checkDraft', () => {
  it('a complete form of one account has nothing to say and creates', () => {
    expect(checkDraft(form(), facts())).toEqual({ fields: {}, warnings: {}, plan: 'create' });
  });

  it('the name: rule, length, and unique on the source instance (its own name when editing is fine)', () => {
    expect(checkDraft(form({ name: '' }), facts()).fields.name).toBe('rule.nameRequired');
    expect(checkDraft(form({ name: 'Apps' }), facts()).fields.name).toBe('rule.nameChars');
    expect(checkDraft(form({ name: '_apps' }), facts()).fields.name).toBe('rule.nameStart');
    expect(checkDraft(form({ name: 'a'.repeat(61) }), facts()).fields.name).toBe('rule.nameTooLong');
    expect(checkDraft(form({ name: 'existing' }), facts()).fields.name).toBe('rule.nameTaken');
    const editing = facts({ original: { name: 'existing', targetRegistryId: 'tcr-target01' } });
    expect(checkDraft(form({ name: 'existing' }), editing).fields).toEqual({});
  });

  it('Basic instances cannot sync, as source or target; the source is never the target', () => {
    expect(checkDraft(form(), facts({ source: { registryId: 'tcr-source01', spec: 'basic' } })).fields).toEqual({
      registryId: 'rule.sourceNotEligible',
    });
    expect(checkDraft(form(), facts({ target: { registryId: 'tcr-target01', spec: 'Basic' } })).fields).toEqual({
      'target.registryId': 'rule.targetNotEligible',
    });
    const self = form({ target: { mode: 'sameAccount', registryId: 'tcr-source01' } });
    expect(checkDraft(self, facts()).fields).toEqual({ 'target.registryId': 'rule.targetIsSource' });
    expect(checkDraft(form(), facts({ source: undefined })).fields.registryId).toBe('rule.sourceUnknown');
    expect(checkDraft(form(), facts({ target: undefined })).fields['target.registryId']).toBe('rule.targetUnknown');
  });

  it('namespace required and well-formed; a malformed pattern is its field’s problem', () => {
    const sel = (s: Partial<{ namespace: string; repository: string; tag: string }>) =>
      form({ selection: { kind: 'console', namespace: 'platform', repository: '', tag: '', resource: '', ...s } });
    expect(checkDraft(sel({ namespace: '' }), facts()).fields).toEqual({ namespace: 'rule.namespaceRequired' });
    expect(checkDraft(sel({ namespace: 'plat*' }), facts()).fields).toEqual({ namespace: 'rule.namespaceInvalid' });
    expect(checkDraft(sel({ repository: 'app[' }), facts()).fields).toEqual({ repository: 'rule.filterPattern' });
    expect(checkDraft(sel({ tag: '{v1' }), facts()).fields).toEqual({ tag: 'rule.filterPattern' });
  });

  it('a regular expression typed by habit is a warning that names the pattern, not a problem', () => {
    const check = checkDraft(
      form({ selection: { kind: 'console', namespace: 'platform', repository: 'app.*', tag: '^v1', resource: '' } }),
      facts(),
    );
    expect(check.fields).toEqual({});
    expect(check.warnings).toEqual({
      repository: [{ key: 'rule.warn.looksLikeRegex', params: { pattern: 'platform/app.*', type: 'name' } }],
      tag: [{ key: 'rule.warn.looksLikeRegex', params: { pattern: '^v1', type: 'tag' } }],
    });
  });

  it('raw filters are checked where they are, by index; an unknown type is a warning', () => {
    const raw = form({
      selection: {
        kind: 'raw',
        filters: [
          { type: 'name', value: '{a,b}/**' },
          { type: 'label', value: 'x' },
          { type: 'resource', value: 'wasm' },
        ],
      },
    });
    const check = checkDraft(raw, facts());
    expect(check.fields).toEqual({ 'filters.2': 'rule.filterResource' });
    expect(check.warnings['filters.1']?.[0]?.key).toBe('rule.warn.unknownFilterType');
    expect(draftFilters(raw.selection)).toEqual([
      { type: 'name', value: '{a,b}/**' },
      { type: 'label', value: 'x' },
      { type: 'resource', value: 'wasm' },
    ]);
  });

  it('another account: instance id shape, uin digits, a token unless one is kept', () => {
    const paste = (t: Partial<{ registryId: string; uin: string; token: string }>) =>
      form({ target: { mode: 'paste', registryId: 'tcr-abcd1234', uin: '200087654321', token: 'eyJ.tok', ...t } });
    expect(checkDraft(paste({}), facts({ target: undefined })).fields).toEqual({});
    expect(checkDraft(paste({ registryId: 'TCR-1' }), facts()).fields).toEqual({
      'target.registryId': 'rule.targetIdInvalid',
    });
    expect(checkDraft(paste({ uin: '' }), facts()).fields['target.uin']).toBe('rule.uinRequired');
    expect(checkDraft(paste({ uin: '2000x' }), facts()).fields['target.uin']).toBe('rule.uinDigits');
    expect(checkDraft(paste({ token: '' }), facts()).fields['target.token']).toBe('rule.tokenRequired');
    expect(checkDraft(paste({ token: '' }), facts({ tokenKept: true })).fields).toEqual({});
    expect(checkDraft(paste({ token: 'a b' }), facts()).fields['target.token']).toBe('rule.tokenWhitespace');
  });

  it('editing a pasted cross-account rule (same target, same name): no uin nor token needed — the update sends neither', () => {
    const editing = facts({ original: { name: 'apps-to-dr', targetRegistryId: 'tcr-abcd1234' }, target: undefined });
    const pasted = form({ target: { mode: 'paste', registryId: 'tcr-abcd1234', uin: '', token: '' } });
    expect(checkDraft(pasted, editing)).toMatchObject({ fields: {}, plan: 'update' });
    // A new name is delete + create: the new rule needs the account and a token.
    expect(checkDraft({ ...pasted, name: 'apps-to-dr2' }, editing).fields).toEqual({
      'target.uin': 'rule.uinRequired',
      'target.token': 'rule.tokenRequired',
    });
    // What is typed is still checked.
    const typed = form({ target: { mode: 'paste', registryId: 'tcr-abcd1234', uin: '12x', token: '' } });
    expect(checkDraft(typed, editing).fields).toEqual({
      'target.uin': 'rule.uinDigits',
    });
  });

  it('another profile: unknown, or the source profile itself, is said on the profile field', () => {
    const other = form({ target: { mode: 'otherProfile', profileId: 'p2', registryId: 'tcr-target01' } });
    expect(checkDraft(other, facts()).fields).toEqual({});
    expect(checkDraft(other, facts({ targetProfileUnknown: true })).fields).toEqual({
      'target.profileId': 'rule.targetProfileUnknown',
    });
    expect(checkDraft(other, facts({ targetProfileIsSource: true })).fields).toEqual({
      'target.profileId': 'rule.targetProfileIsSource',
    });
  });

  it('the target namespace is empty (same name) or a namespace name', () => {
    expect(checkDraft(form({ destNamespace: 'dr' }), facts()).fields).toEqual({});
    expect(checkDraft(form({ destNamespace: 'DR!' }), facts()).fields).toEqual({
      destNamespace: 'rule.destNamespaceInvalid',
    });
  });

  it('override and sync deletions are warned about', () => {
    const check = checkDraft(form({ override: true, deletion: true }), facts());
    expect(check.warnings).toEqual({
      override: [{ key: 'rule.warn.override' }],
      deletion: [{ key: 'rule.warn.deletion' }],
    });
  });

  it('editing: update, unless the name or the target changes (delete + create)', () => {
    const editing = facts({ original: { name: 'apps-to-dr', targetRegistryId: 'tcr-target01' } });
    expect(checkDraft(form({ description: 'x' }), editing).plan).toBe('update');
    expect(checkDraft(form({ name: 'apps-to-dr2' }), editing).plan).toBe('recreate');
    const moved = form({ target: { mode: 'sameAccount', registryId: 'tcr-target02' } });
    expect(checkDraft(moved, { ...editing, target: { registryId: 'tcr-target02', spec: 'premium' } }).plan).toBe(
      'recreate',
    );
  });
});
