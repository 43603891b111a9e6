// The app's rules file: written, read back the same, and refused whole when it does not fit.
import { describe, expect, it } from 'vitest';
import {
  parseRulesJson,
  RULES_IMPORT_MAX_BYTES,
  rulesToJson,
  type TransferRule,
} from '../../../src-main/domain/rule-export.js';
import { crossAccount, escaping, rawFilters, sameAccount } from './rule-transfer-samples.js';

const all: TransferRule[] = [sameAccount, crossAccount, rawFilters, escaping];

/** A rule as the file holds it: without the fields left unknown. */
function known(rule: TransferRule): unknown {
  return JSON.parse(JSON.stringify(rule));
}

describe('rules file: round trip', () => {
  it('reads back exactly the rules written, filters in their order', () => {
    const parsed = parseRulesJson(rulesToJson(all, '2026-12-04T12:00:00.000Z'));
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.document.format).toBe('tcr-sync-desktop/rules');
    expect(parsed.document.version).toBe(1);
    expect(parsed.document.exportedAt).toBe('2026-12-04T12:00:00.000Z');
    expect(parsed.document.rules).toEqual(all.map(known));
    expect(parsed.document.rules[2]?.filters).toEqual([
      { type: 'name', value: '{library,harbor}/**' },
      { type: 'label', value: 'release' },
    ]);
  });

  it('leaves unknown fields out rather than guessing them', () => {
    const text = rulesToJson([sameAccount]);
    const rule = (JSON.parse(text) as { rules: Record<string, Record<string, unknown>>[] }).rules[0];
    expect(rule).not.toHaveProperty('deletion');
    expect(rule?.target).not.toHaveProperty('namespace');
    expect(rule?.target).toMatchObject({ crossAccount: false, instanceId: 'tcr-2h8v4n6p' });
  });

  it('holds no token and no key, whatever the rule', () => {
    const text = rulesToJson(all);
    expect(text).not.toMatch(/token|secret/i);
  });
});

describe('rules file: refused', () => {
  const valid = JSON.parse(rulesToJson([sameAccount])) as Record<string, unknown>;
  const withRules = (rules: unknown): string => JSON.stringify({ ...valid, rules });

  it.each([
    ['not JSON', '{"format": ', 'transfer.file.notJson'],
    ['another format', JSON.stringify({ format: 'other', version: 1, rules: [] }), 'transfer.file.notRules'],
    ['an array', '[]', 'transfer.file.notRules'],
    ['a newer version', JSON.stringify({ ...valid, version: 2 }), 'transfer.file.version'],
    ['no version', JSON.stringify({ format: 'tcr-sync-desktop/rules', rules: [] }), 'transfer.file.version'],
    ['a field of the wrong type', withRules([{ ...sameAccount, override: 'yes' }]), 'transfer.file.invalid'],
    ['an unknown field (a token, say)', withRules([{ ...sameAccount, token: 'x' }]), 'transfer.file.invalid'],
    ['a missing filters list', withRules([{ ...sameAccount, filters: undefined }]), 'transfer.file.invalid'],
  ])('%s', (_what, text, key) => {
    const parsed = parseRulesJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.key).toBe(key);
  });

  it('more than 1000 rules', () => {
    const parsed = parseRulesJson(withRules(Array.from({ length: 1001 }, () => sameAccount)));
    expect(parsed).toMatchObject({ ok: false, key: 'transfer.file.tooManyRules' });
    expect(parseRulesJson(withRules(Array.from({ length: 1000 }, () => sameAccount))).ok).toBe(true);
  });

  it('more than 2 MiB, counted in UTF-8 bytes', () => {
    // 中 is 3 bytes: under 2 Mi characters, over 2 MiB.
    const big = withRules([{ ...sameAccount, description: '中'.repeat(1000) }]).padEnd(RULES_IMPORT_MAX_BYTES, ' ');
    expect(parseRulesJson(big)).toMatchObject({ ok: false, key: 'transfer.file.tooLarge' });
    const base = withRules([sameAccount]);
    const exactly = base + ' '.repeat(RULES_IMPORT_MAX_BYTES - new TextEncoder().encode(base).length);
    expect(parseRulesJson(exactly).ok).toBe(true);
    expect(parseRulesJson(`${exactly} `)).toMatchObject({ ok: false, key: 'transfer.file.tooLarge' });
  });
});
