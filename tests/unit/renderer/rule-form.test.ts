// The rule form's model: a rule read from the cloud fills the form (console fields or raw filters,
// the target's mode), the form sends the draft main checks and saves, a kept draft fills the form
// again as it was, and the pickers offer what instance sync allows.
import { describe, expect, it } from 'vitest';
import type { InstanceRow, ProfileView, RuleDraft, RuleRow } from '../../../src-main/contract/index.js';
import {
  controlIdOf,
  draftOf,
  emptyForm,
  firstField,
  formChanged,
  formFromDraft,
  formFromRow,
  formOfStart,
  otherProfileChoices,
  profileInstanceChoices,
  release,
  sameAccountChoices,
  sourceChoices,
  tokenKeptAtStart,
} from '../../../src-renderer/lib/rule-form.js';

const ACME = '11111111-1111-4111-8111-111111111111';
const ACME_OPS = '22222222-2222-4222-8222-222222222222';
const GLOBEX = '33333333-3333-4333-8333-333333333333';

function profile(id: string, name: string, uin: string): ProfileView {
  return {
    id,
    name,
    uin,
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    secretIdMasked: 'AKID****',
    source: 'manual',
    production: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const profiles = [
  profile(ACME, 'Acme', '100000000001'),
  // A second profile of the same account (another sub-user's keys).
  profile(ACME_OPS, 'Acme ops', '100000000001'),
  profile(GLOBEX, 'Globex', '200000000002'),
];

function instance(profileId: string, registryId: string, name: string, spec: string): InstanceRow {
  return {
    profileId,
    registryId,
    name,
    regionId: 1,
    regionName: 'ap-guangzhou',
    status: 'Running',
    spec,
    publicDomain: `${name}.tencentcloudcr.com`,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

const instances = [
  instance(ACME, 'tcr-gz', 'acme-prod-gz', 'premium'),
  instance(ACME, 'tcr-sh', 'acme-prod-sh', 'standard'),
  instance(ACME, 'tcr-dev', 'acme-dev-gz', 'basic'),
  instance(GLOBEX, 'tcr-sg', 'globex-main-sg', 'premium'),
  instance(GLOBEX, 'tcr-hk', 'globex-edge-hk', 'basic'),
];

function row(fields: Partial<RuleRow> = {}): RuleRow {
  return {
    profileId: ACME,
    source: { registryId: 'tcr-gz', name: 'acme-prod-gz', regionId: 1, regionName: 'ap-guangzhou' },
    policyId: 7,
    name: 'platform-to-shanghai',
    description: 'platform images',
    filters: [
      { type: 'name', value: 'platform/**' },
      { type: 'tag', value: 'v*' },
      { type: 'resource', value: 'image' },
    ],
    console: { namespace: 'platform', repository: '', tag: 'v*', resource: 'image' },
    override: true,
    enabled: true,
    target: { raw: 'tcr-sh', registryId: 'tcr-sh', name: 'acme-prod-sh', profileId: ACME },
    sourceResource: 'tcr-gz',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

describe('a rule read from the cloud, edited', () => {
  it('fills the console’s fields and sends them back as they were, the target’s unlisted settings kept', () => {
    const form = formFromRow(row(), profiles);
    expect(draftOf(form)).toEqual({
      profileId: ACME,
      registryId: 'tcr-gz',
      original: { ruleName: 'platform-to-shanghai' },
      name: 'platform-to-shanghai',
      description: 'platform images',
      selection: { kind: 'console', namespace: 'platform', repository: '', tag: 'v*', resource: 'image' },
      target: { mode: 'sameAccount', registryId: 'tcr-sh' },
      destNamespace: '',
      override: true,
      deletion: false,
      keep: ['destNamespace', 'deletion'],
    } satisfies RuleDraft);
  });

  it('a rule the console’s fields cannot show is edited as its raw filters: untouched rows go back as they are', () => {
    const filters = [
      { type: 'name', value: '**' },
      { type: 'label', value: 'team=platform' },
      { type: 'tag', value: 'regex:^v[0-9]+$' },
    ];
    const form = formFromRow(row({ filters, console: undefined }), profiles);
    expect(form.selection).toBe('raw');
    form.filters[0] = { type: 'name', value: 'platform/**' };
    expect(draftOf(form).selection).toEqual({
      kind: 'raw',
      filters: [{ type: 'name', value: 'platform/**' }, filters[1], filters[2]],
    });
  });

  it('a setting the user sets is sent from then on; the other stays kept', () => {
    const form = formFromRow(row(), profiles);
    form.deletion = true;
    release(form, 'deletion');
    expect(draftOf(form)).toMatchObject({ deletion: true, keep: ['destNamespace'] });
    form.destNamespace = 'mirror';
    release(form, 'destNamespace');
    expect(draftOf(form)).not.toHaveProperty('keep');
  });

  it('the target’s mode: the same account (also through another profile of that account), another profile, or a pasted token kept', () => {
    expect(formFromRow(row(), profiles).targetMode).toBe('sameAccount');
    const viaOps = formFromRow(row({ target: { raw: 'tcr-x', registryId: 'tcr-x', profileId: ACME_OPS } }), profiles);
    expect(draftOf(viaOps).target).toEqual({ mode: 'sameAccount', registryId: 'tcr-x' });

    const globex = formFromRow(row({ target: { raw: 'tcr-sg', registryId: 'tcr-sg', profileId: GLOBEX } }), profiles);
    expect(draftOf(globex).target).toEqual({ mode: 'otherProfile', profileId: GLOBEX, registryId: 'tcr-sg' });

    const unknown = formFromRow(row({ target: { raw: 'tcr-far', registryId: 'tcr-far' } }), profiles);
    expect(draftOf(unknown).target).toEqual({ mode: 'paste', registryId: 'tcr-far', uin: '', token: '' });
    expect(tokenKeptAtStart({ kind: 'edit', row: row() })).toBe(true);
  });

  it('a destination that names no instance is kept as the API gave it', () => {
    const form = formFromRow(row({ target: { raw: 'some-registry' } }), profiles);
    expect(draftOf(form).target).toEqual({ mode: 'paste', registryId: 'some-registry', uin: '', token: '' });
  });
});

describe('the draft the form sends', () => {
  it('sends only the chosen target mode’s fields, as typed (main shows stray spaces, nothing is trimmed)', () => {
    const form = emptyForm({ profileId: ACME, registryId: 'tcr-gz' });
    form.sameRegistryId = 'tcr-sh';
    form.otherProfileId = GLOBEX;
    form.otherRegistryId = 'tcr-sg';
    form.pasteRegistryId = 'tcr-far ';
    form.uin = ' 300000000003';
    form.token = 'tok en';
    expect(draftOf(form).target).toEqual({ mode: 'sameAccount', registryId: 'tcr-sh' });
    form.targetMode = 'otherProfile';
    expect(draftOf(form).target).toEqual({ mode: 'otherProfile', profileId: GLOBEX, registryId: 'tcr-sg' });
    form.targetMode = 'paste';
    expect(draftOf(form).target).toEqual({
      mode: 'paste',
      registryId: 'tcr-far ',
      uin: ' 300000000003',
      token: 'tok en',
    });
    // A new rule has nothing to keep and no original.
    expect(draftOf(form)).not.toHaveProperty('keep');
    expect(draftOf(form)).not.toHaveProperty('original');
  });

  it('a kept draft fills the form as it was typed, in every target mode', () => {
    const base = formFromRow(row(), profiles);
    base.name = 'platform-to-sg';
    base.tag = '.*';
    for (const mode of ['sameAccount', 'otherProfile', 'paste'] as const) {
      const form = structuredClone(base);
      form.targetMode = mode;
      form.otherProfileId = GLOBEX;
      form.otherRegistryId = 'tcr-sg';
      form.pasteRegistryId = 'tcr-far';
      form.uin = '300000000003';
      const draft = draftOf(form);
      expect(draftOf(formFromDraft(draft))).toEqual(draft);
    }
    const raw = formFromRow(row({ console: undefined, filters: [{ type: 'label', value: 'x' }] }), profiles);
    expect(draftOf(formFromDraft(draftOf(raw)))).toEqual(draftOf(raw));
  });

  it('a draft opened from the panel starts from its form; one without a form starts from its instance', () => {
    const draft = draftOf(formFromRow(row(), profiles));
    const view = {
      id: '44444444-4444-4444-8444-444444444444',
      kind: 'update' as const,
      profileId: ACME,
      registryId: 'tcr-gz',
      ruleName: 'platform-to-shanghai',
      draft,
      tokenKept: false,
      error: { kind: 'throttled' as const, code: 'RequestLimitExceeded', message: 'slow down' },
      savedAt: '2026-01-02T00:00:00.000Z',
    };
    expect(draftOf(formOfStart({ kind: 'draft', draft: view }, profiles))).toEqual(draft);
    const bare = formOfStart({ kind: 'draft', draft: { ...view, draft: undefined } }, profiles);
    expect(draftOf(bare)).toMatchObject({ profileId: ACME, registryId: 'tcr-gz', name: '' });
    expect(tokenKeptAtStart({ kind: 'draft', draft: { ...view, tokenKept: true } })).toBe(true);
    expect(tokenKeptAtStart({ kind: 'new' })).toBe(false);
  });

  it('knows when something was typed (Escape asks first), a pasted token included', () => {
    const initial = formFromRow(row(), profiles);
    const now = structuredClone(initial);
    expect(formChanged(initial, now)).toBe(false);
    now.targetMode = 'paste';
    now.targetMode = 'sameAccount';
    now.token = 'secret';
    expect(formChanged(initial, now)).toBe(true);
    const described = structuredClone(initial);
    described.description = 'other';
    expect(formChanged(initial, described)).toBe(true);
  });
});

describe('the pickers', () => {
  it('sources: every instance by profile, Basic ones listed but not eligible', () => {
    const groups = sourceChoices(instances, profiles);
    expect(groups.map((g) => g.profile.name)).toEqual(['Acme', 'Globex']);
    expect(groups[0]?.instances.map((i) => [i.name, i.eligible])).toEqual([
      ['acme-dev-gz', false],
      ['acme-prod-gz', true],
      ['acme-prod-sh', true],
    ]);
  });

  it('same account: the source profile’s other instances, never the source itself', () => {
    const form = emptyForm({ profileId: ACME, registryId: 'tcr-gz' });
    expect(sameAccountChoices(instances, form).map((i) => [i.registryId, i.eligible])).toEqual([
      ['tcr-dev', false],
      ['tcr-sh', true],
    ]);
  });

  it('one-click: the profiles of other accounts only, then the chosen one’s instances', () => {
    expect(otherProfileChoices(profiles, ACME).map((p) => p.name)).toEqual(['Globex']);
    expect(profileInstanceChoices(instances, GLOBEX).map((i) => [i.name, i.eligible])).toEqual([
      ['globex-edge-hk', false],
      ['globex-main-sg', true],
    ]);
  });
});

describe('where a problem is shown', () => {
  it('the target’s instance field follows the mode; a filter row by its index', () => {
    expect(controlIdOf('target.registryId', 'sameAccount')).toBe('rule-target-instance');
    expect(controlIdOf('target.registryId', 'otherProfile')).toBe('rule-target-profile-instance');
    expect(controlIdOf('target.registryId', 'paste')).toBe('rule-target-registry');
    expect(controlIdOf('filters.2', 'paste')).toBe('rule-filter-2-value');
    expect(controlIdOf('name', 'paste')).toBe('rule-name');
  });

  it('the first problem in the form’s order gets the focus, raw filters where the console’s fields stand', () => {
    expect(firstField({ 'target.uin': 'rule.uinDigits', name: 'rule.nameChars' })).toBe('name');
    expect(firstField({ destNamespace: 'x', 'filters.10': 'y', 'filters.2': 'z' })).toBe('filters.2');
    expect(firstField({ 'target.token': 'x', namespace: 'y' })).toBe('namespace');
    expect(firstField({})).toBeUndefined();
  });
});
