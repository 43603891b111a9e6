// The import plan: per rule of the file, what importing it would do against the rules known now.
import { describe, expect, it } from 'vitest';
import type { RulesDocument, TransferRule } from '../../../src-main/domain/rule-export.js';
import { planImport, type ImportKnownRule, type ImportState } from '../../../src-main/domain/rule-import.js';
import { crossAccount, rawFilters, sameAccount } from './rule-transfer-samples.js';

const ACME = 'acme-profile';
const GLOBEX = 'globex-profile';

const state: ImportState = {
  profiles: [
    { id: ACME, name: 'Acme prod', uin: '100012345678', rulesKnown: true },
    { id: GLOBEX, name: 'Globex', uin: '200087654321', rulesKnown: true },
  ],
  instances: [
    { profileId: ACME, registryId: 'tcr-7f3k9q2m' },
    { profileId: ACME, registryId: 'tcr-2h8v4n6p' },
    { profileId: GLOBEX, registryId: 'tcr-4nq6s2dk' },
  ],
  rules: [],
};

function knownAs(rule: TransferRule, profileId = ACME): ImportKnownRule {
  return {
    profileId,
    registryId: rule.source.instanceId,
    name: rule.name,
    description: rule.description,
    filters: rule.filters,
    override: rule.override,
    enabled: rule.enabled,
    targetRegistryId: rule.target.instanceId,
  };
}

const doc = (...rules: TransferRule[]): RulesDocument => ({ format: 'tcr-sync-desktop/rules', version: 1, rules });

describe('import plan', () => {
  it('create: no rule of that name on the source instance; the target as the editor takes it', () => {
    const [same, cross] = planImport(doc(sameAccount, crossAccount), state);
    expect(same).toMatchObject({
      action: 'create',
      profileId: ACME,
      target: { mode: 'sameAccount', registryId: 'tcr-2h8v4n6p' },
    });
    // Globex is a profile here: the one-click mode mints the token, nothing to paste.
    expect(cross).toMatchObject({
      action: 'create',
      profileId: ACME,
      target: { mode: 'otherProfile', profileId: GLOBEX, registryId: 'tcr-4nq6s2dk' },
    });
  });

  it('unchanged: the same rule, filters in another order', () => {
    const known = { ...knownAs(sameAccount), filters: [...sameAccount.filters].reverse() };
    const [item] = planImport(doc(sameAccount), { ...state, rules: [known] });
    expect(item?.action).toBe('unchanged');
  });

  it('change: lists exactly the fields that differ', () => {
    const known: ImportKnownRule = {
      ...knownAs(sameAccount),
      description: 'old',
      override: false,
      enabled: false,
      filters: [{ type: 'name', value: 'platform/**' }],
    };
    const [item] = planImport(doc(sameAccount), { ...state, rules: [known] });
    expect(item).toMatchObject({ action: 'change', fields: ['description', 'filters', 'override', 'enabled'] });
  });

  it('change: a new target instance; unknown namespace or deletion on either side is not a difference', () => {
    const known = { ...knownAs(crossAccount, ACME), targetRegistryId: 'tcr-2h8v4n6p' };
    const [item] = planImport(doc(crossAccount), { ...state, rules: [known] });
    expect(item).toMatchObject({ action: 'change', fields: ['target'] });
    const withNamespace = { ...knownAs(crossAccount), destNamespace: 'other', deletion: true };
    expect(planImport(doc(crossAccount), { ...state, rules: [withNamespace] })[0]?.fields).toEqual([
      'deletion',
      'namespace',
    ]);
  });

  it.each<[string, TransferRule, ImportState, string, string?]>([
    [
      'source instance unknown to every profile',
      { ...sameAccount, source: { ...sameAccount.source, instanceId: 'tcr-nowhere1' } },
      state,
      'transfer.cannot.sourceUnknown',
    ],
    [
      'the source profile’s rules never fetched',
      sameAccount,
      { ...state, profiles: state.profiles.map((p) => ({ ...p, rulesKnown: false })) },
      'transfer.cannot.rulesUnknown',
    ],
    [
      'cross-account target whose account is no profile here',
      crossAccount,
      { ...state, instances: state.instances.filter((i) => i.profileId !== GLOBEX) },
      'transfer.cannot.tokenNeeded',
    ],
    ['target of unknown account', rawFilters, state, 'transfer.cannot.targetUnknown'],
    ['invalid name', { ...sameAccount, name: 'Bad Name' }, state, 'transfer.cannot.name', 'rule.nameChars'],
    [
      'invalid filters',
      { ...sameAccount, filters: [{ type: 'tag', value: '[' }] },
      state,
      'transfer.cannot.filters',
      'rule.filterPattern',
    ],
    [
      'target is the source',
      { ...sameAccount, target: { ...sameAccount.target, instanceId: 'tcr-7f3k9q2m' } },
      state,
      'transfer.cannot.targetIsSource',
    ],
  ])('cannot: %s', (_what, rule, at, reason, problem) => {
    const [item] = planImport(doc(rule), at);
    expect(item).toMatchObject({ action: 'cannot', reason });
    expect(item?.problem).toBe(problem);
  });

  it('an unknown target the file says is the source’s own account: sent as same account', () => {
    const rule = { ...rawFilters, target: { ...rawFilters.target, crossAccount: false } };
    expect(planImport(doc(rule), state)[0]).toMatchObject({
      action: 'create',
      target: { mode: 'sameAccount', registryId: 'tcr-9zz9zz9z' },
    });
  });

  it('a rule twice in the file is planned once', () => {
    const plan = planImport(doc(sameAccount, sameAccount), state);
    expect(plan.map((p) => p.action)).toEqual(['create', 'cannot']);
    expect(plan[1]?.reason).toBe('transfer.cannot.duplicate');
  });

  it('an unchanged rule stays unchanged even when its target could not be resolved now', () => {
    const [item] = planImport(doc(rawFilters), { ...state, rules: [knownAs(rawFilters)] });
    expect(item?.action).toBe('unchanged');
  });
});
