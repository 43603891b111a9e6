// Terraform export: compared with golden files (tests/unit/domain/fixtures/*.tf). To rewrite them
// after a deliberate change: UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/domain/rule-terraform.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hclIdentifier,
  hclString,
  rulesToTerraform,
  uniqueIdentifiers,
} from '../../../src-main/domain/rule-terraform.js';
import type { TransferRule } from '../../../src-main/domain/rule-export.js';
import { crossAccount, escaping, rawFilters, sameAccount } from './rule-transfer-samples.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

function golden(name: string, rules: TransferRule[]): void {
  const file = path.join(fixtures, name);
  const text = rulesToTerraform(rules);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('Terraform export (golden files)', () => {
  it('a same-account rule: resource and import block, no token variable', () => {
    golden('terraform-same-account.tf', [sameAccount]);
  });

  it('a cross-account rule: the token is a sensitive variable, never inline', () => {
    golden('terraform-cross-account.tf', [crossAccount]);
  });

  it('raw filters, one filters block each, and an unknown target account', () => {
    golden('terraform-raw-filters.tf', [rawFilters]);
  });

  it('strings escaped for HCL', () => {
    golden('terraform-escaping.tf', [escaping]);
  });

  it('names that collide get distinct resource names, the import ids stay the rules’ own', () => {
    const onOtherInstance = { ...sameAccount, source: { ...sameAccount.source, instanceId: 'tcr-other001' } };
    const dotted = { ...sameAccount, name: 'platform.to-shanghai' };
    const underscored = { ...sameAccount, name: 'platform_to-shanghai' };
    const digit = { ...sameAccount, name: '2-dr' };
    golden('terraform-name-collisions.tf', [sameAccount, onOtherInstance, dotted, underscored, digit]);
  });
});

describe('what a Terraform user relies on', () => {
  it('two cross-account rules to one instance share one variable; no token text anywhere', () => {
    const second = { ...crossAccount, name: 'charts-to-globex' };
    const text = rulesToTerraform([crossAccount, second]);
    expect(text.match(/^variable /gm)).toHaveLength(1);
    expect(text.match(/peer_registry_token\s+= var\.peer_token_tcr_4nq6s2dk$/gm)).toHaveLength(2);
    expect(text).toMatch(/sensitive\s+= true/);
  });

  it('an import block per rule, id <source instance>#<rule name>', () => {
    const text = rulesToTerraform([sameAccount, crossAccount]);
    expect(text).toContain(
      'import {\n  to = tencentcloud_tcr_replication.platform-to-shanghai\n  id = "tcr-7f3k9q2m#platform-to-shanghai"\n}',
    );
    expect(text).toContain('id = "tcr-7f3k9q2m#release-to-globex"');
  });

  it('HCL strings: quotes, backslashes, newlines, template sequences; non-ASCII kept', () => {
    expect(hclString('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
    expect(hclString('x\ny\r\tz')).toBe('"x\\ny\\r\\tz"');
    expect(hclString('${var.secret} %{if x}')).toBe('"$${var.secret} %%{if x}"');
    expect(hclString('$${already}')).toBe('"$$${already}"');
    expect(hclString('$ and % alone {x}')).toBe('"$ and % alone {x}"');
    expect(hclString('同步 ✓')).toBe('"同步 ✓"');
    expect(hclString('\u0001\u007f')).toBe('"\\u0001\\u007f"');
  });

  it('identifiers: valid HCL, from the rule name', () => {
    expect(hclIdentifier('a.b-c_d')).toBe('a_b-c_d');
    expect(hclIdentifier('9lives')).toBe('rule_9lives');
    expect(hclIdentifier('')).toBe('rule');
    expect(uniqueIdentifiers(['a.b', 'a_b', 'a_b', 'a_b_2'])).toEqual(['a_b', 'a_b_2', 'a_b_3', 'a_b_2_2']);
  });
});
