// The production guard: which changes need the rule's name typed, and the one line that says what
// such a change does.
import { describe, expect, it } from 'vitest';
import { changeSummary, confirmNeeded, type GuardedChange } from '../../../src-main/domain/production-guard.js';
import { en } from '../../../src-renderer/lib/i18n/en.js';
import { zhCN } from '../../../src-renderer/lib/i18n/zh-CN.js';

describe('confirmNeeded', () => {
  it('asks when the source or the target is production, or sync deletions are turned on', () => {
    const cases: [boolean, boolean, boolean, boolean][] = [
      // source, target, deletions on → needed
      [false, false, false, false],
      [true, false, false, true],
      [false, true, false, true],
      [true, true, false, true],
      [false, false, true, true],
      [true, true, true, true],
    ];
    for (const [sourceProduction, targetProduction, deletionTurnedOn, needed] of cases) {
      expect(
        confirmNeeded({ sourceProduction, targetProduction, deletionTurnedOn }),
        JSON.stringify({ sourceProduction, targetProduction, deletionTurnedOn }),
      ).toBe(needed);
    }
  });
});

describe('changeSummary', () => {
  const change: GuardedChange = {
    kind: 'disable',
    ruleName: 'to-prod',
    source: 'Acme · platform',
    target: 'Acme Prod · prod-sh',
    sourceProduction: false,
    targetProduction: true,
    deletionTurnedOn: false,
  };

  it('names the change, the rule, both ends and which end is production', () => {
    expect(changeSummary(change)).toEqual({
      key: 'production.summary.disable',
      params: { rule: 'to-prod', source: 'Acme · platform', target: 'Acme Prod · prod-sh', side: 'target' },
    });
    expect(changeSummary({ ...change, kind: 'enable', sourceProduction: true }).params.side).toBe('both');
    expect(changeSummary({ ...change, targetProduction: false, sourceProduction: true }).params.side).toBe('source');
    expect(changeSummary({ ...change, targetProduction: false, deletionTurnedOn: true }).params.side).toBe('none');
  });

  it('puts turning sync deletions on first: that is what the user confirms', () => {
    for (const kind of ['create', 'update', 'enable'] as const) {
      expect(changeSummary({ ...change, kind, deletionTurnedOn: true }).key).toBe('production.summary.deletionOn');
    }
    // A rule deleted or turned off deletes nothing more.
    expect(changeSummary({ ...change, kind: 'delete', deletionTurnedOn: true }).key).toBe('production.summary.delete');
    expect(changeSummary({ ...change, kind: 'disable', deletionTurnedOn: true }).key).toBe(
      'production.summary.disable',
    );
  });

  it('answers only keys the UI has in both languages, and side words for every side', () => {
    const kinds = ['create', 'update', 'enable', 'disable', 'delete'] as const;
    const keys = new Set<string>();
    for (const kind of kinds) {
      for (const deletionTurnedOn of [false, true]) {
        for (const [sourceProduction, targetProduction] of [
          [false, false],
          [true, false],
          [false, true],
          [true, true],
        ] as const) {
          const summary = changeSummary({ ...change, kind, deletionTurnedOn, sourceProduction, targetProduction });
          keys.add(summary.key);
          keys.add(`production.side.${summary.params.side ?? ''}`);
        }
      }
    }
    for (const key of keys) {
      expect(Object.hasOwn(en, key), `en: ${key}`).toBe(true);
      expect(Object.hasOwn(zhCN, key), `zh-CN: ${key}`).toBe(true);
    }
  });
});
