// The request diff a rule change shows before it is sent: which parameters are shown as changed,
// with their value before and after, and what a deleted rule loses.
import { describe, expect, it } from 'vitest';
import {
  changedLines,
  diffParams,
  flattenParams,
  lineText,
  previewModel,
} from '../../../src-renderer/lib/request-diff.js';

describe('flattenParams', () => {
  it('names every leaf by its API path, lists included, in the value’s own order', () => {
    expect(
      flattenParams({
        SourceRegistryId: 'tcr-1',
        Rule: { Enabled: false, Filters: [{ Type: 'name', Value: 'base/**' }], Note: undefined },
        Empty: [],
      }),
    ).toEqual([
      ['SourceRegistryId', '"tcr-1"'],
      ['Rule.Enabled', 'false'],
      ['Rule.Filters[0].Type', '"name"'],
      ['Rule.Filters[0].Value', '"base/**"'],
      ['Empty', '[]'],
    ]);
  });
});

describe('diffParams', () => {
  it('marks what changed, what is new and what is gone; the rest is the same', () => {
    const lines = diffParams({ A: 1, B: 'x', C: true }, { A: 1, B: 'y', D: null });
    expect(lines.map((l) => [l.path, l.change])).toEqual([
      ['A', 'same'],
      ['B', 'changed'],
      ['D', 'added'],
      ['C', 'removed'],
    ]);
    expect(changedLines(lines).map((l) => lineText(l))).toEqual(['B: "x" → "y"', 'D: — → null', 'C: true → —']);
  });

  it('an emptied list is a change', () => {
    expect(changedLines(diffParams({ F: [{ V: 'a' }] }, { F: [] })).map((l) => lineText(l))).toEqual([
      'F: — → []',
      'F[0].V: "a" → —',
    ]);
  });
});

describe('previewModel', () => {
  it('disabling a rule changes Rule.Enabled only: true → false', () => {
    const model = previewModel({
      action: 'ModifyReplication',
      request: { SourceRegistryId: 'tcr-8h2k5m1q', RuleName: 'platform-to-shanghai', Rule: { Enabled: false } },
      before: { Enabled: true },
      after: { Enabled: false },
    });
    expect(model.action).toBe('ModifyReplication');
    expect(model.params.map((l) => [l.path, l.change])).toEqual([
      ['SourceRegistryId', 'same'],
      ['RuleName', 'same'],
      ['Rule.Enabled', 'changed'],
    ]);
    expect(changedLines(model.params).map((l) => lineText(l))).toEqual(['Rule.Enabled: true → false']);
    // Nothing else of the rule changes, so nothing more is shown.
    expect(model.rule).toEqual([]);
  });

  it('enabling shows false → true', () => {
    const model = previewModel({
      action: 'ModifyReplication',
      request: { SourceRegistryId: 'tcr-1', RuleName: 'r', Rule: { Enabled: true } },
      before: { Enabled: false },
      after: { Enabled: true },
    });
    expect(changedLines(model.params).map((l) => lineText(l))).toEqual(['Rule.Enabled: false → true']);
  });

  it('a request that sets what the rule already has shows nothing as changed', () => {
    const model = previewModel({
      action: 'ModifyReplication',
      request: { SourceRegistryId: 'tcr-1', RuleName: 'r', Rule: { Enabled: true } },
      before: { Enabled: true },
      after: { Enabled: true },
    });
    expect(changedLines(model.params)).toEqual([]);
    expect(model.rule).toEqual([]);
  });

  it('deleting a rule sends its key unchanged and shows every field of the rule as gone', () => {
    const model = previewModel({
      action: 'DeleteReplicationRule',
      request: { SourceRegistryId: 'tcr-1', RuleName: 'base-images-to-dr' },
      before: {
        Name: 'base-images-to-dr',
        Enabled: false,
        Filters: [{ Type: 'name', Value: 'base/**' }],
        DestResource: 'tcr-2nf9x4rb',
      },
      after: null,
    });
    expect(model.params.map((l) => lineText(l))).toEqual([
      'SourceRegistryId: "tcr-1"',
      'RuleName: "base-images-to-dr"',
    ]);
    expect(changedLines(model.params)).toEqual([]);
    expect(model.rule.map((l) => [l.change, lineText(l)])).toEqual([
      ['removed', 'Name: "base-images-to-dr" → —'],
      ['removed', 'Enabled: false → —'],
      ['removed', 'Filters[0].Type: "name" → —'],
      ['removed', 'Filters[0].Value: "base/**" → —'],
      ['removed', 'DestResource: "tcr-2nf9x4rb" → —'],
    ]);
  });
});
