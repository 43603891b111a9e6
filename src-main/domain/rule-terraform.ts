// Sync rules as Terraform (the tencentcloud provider's `tencentcloud_tcr_replication`), with an
// `import` block per rule so `terraform apply` adopts the rules that exist instead of creating
// them again. A cross-account rule's token is never written: it comes from a sensitive variable,
// one per target instance (a token belongs to the instance it opens).

import type { TransferRule } from './rule-export.js';

const RESOURCE = 'tencentcloud_tcr_replication';

/** A string as an HCL quoted template: escapes, and `${` / `%{` kept literal (`$${`, `%%{`). */
export function hclString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch; // non-ASCII (Chinese descriptions) stays as it is: HCL files are UTF-8
  }
  return `"${out.replace(/([$%])\{/g, '$1$1{')}"`;
}

/**
 * A valid HCL identifier from a rule name: letters, digits, `_` and `-`, starting with a letter
 * or `_`. Rule names are `[a-z0-9._-]`, so `.` becomes `_` and a leading digit gets `rule_`.
 */
export function hclIdentifier(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, '_');
  if (cleaned === '') return 'rule';
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `rule_${cleaned}`;
}

/** One identifier per rule, in order; a second `a_b` (from `a.b` and `a_b`, or one name on two instances) gets `_2`. */
export function uniqueIdentifiers(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = hclIdentifier(name);
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${String(n)}`;
    taken.add(candidate);
    return candidate;
  });
}

/** The variable holding a long-term token of `instanceId`. */
export function tokenVariableName(instanceId: string): string {
  return `peer_token_${instanceId.replace(/[^A-Za-z0-9]/g, '_')}`;
}

type Line = string | [key: string, value: string];

/** Lines of a block body; consecutive attributes get their `=` aligned, as `terraform fmt` does. */
function body(lines: readonly Line[], indent: string): string[] {
  const out: string[] = [];
  let group: [string, string][] = [];
  const flush = (): void => {
    const width = Math.max(0, ...group.map(([k]) => k.length));
    for (const [k, v] of group) out.push(`${indent}${k.padEnd(width)} = ${v}`);
    group = [];
  };
  for (const line of lines) {
    if (typeof line === 'string') {
      flush();
      out.push(line === '' ? '' : `${indent}${line}`);
    } else {
      group.push(line);
    }
  }
  flush();
  return out;
}

function block(header: string, lines: readonly Line[], indent = ''): string[] {
  return [`${indent}${header} {`, ...body(lines, `${indent}  `), `${indent}}`];
}

/** Is the rule's target in another account: true, false, or unknown (undefined). */
function crossAccount(rule: TransferRule): boolean | undefined {
  return rule.target.crossAccount;
}

function resourceLines(rule: TransferRule, tokenVariable: string | undefined): Line[] {
  const { target } = rule;
  const lines: Line[] = [
    ['source_registry_id', hclString(rule.source.instanceId)],
    ['destination_registry_id', hclString(target.instanceId)],
  ];
  if (target.regionId !== undefined) lines.push(['destination_region_id', String(target.regionId)]);
  lines.push(['description', hclString(rule.description)]);
  if (!rule.enabled) lines.push('# Disabled in the cloud: the provider has no argument for it.');
  lines.push('');
  const ruleLines: Line[] = [];
  if (target.namespace === undefined) {
    ruleLines.push('# The cloud does not list a rule\'s target namespace: "" = the source namespace\'s name.');
  }
  ruleLines.push(
    ['name', hclString(rule.name)],
    ['dest_namespace', hclString(target.namespace ?? '')],
    ['override', String(rule.override)],
  );
  if (rule.deletion !== undefined) ruleLines.push(['deletion', String(rule.deletion)]);
  for (const filter of rule.filters) {
    ruleLines.push(
      '',
      ...block('filters', [
        ['type', hclString(filter.type)],
        ['value', hclString(filter.value)],
      ]),
    );
  }
  lines.push(...block('rule', ruleLines));
  const cross = crossAccount(rule);
  if (cross === true && tokenVariable) {
    const uin = target.account?.uin;
    lines.push(
      '',
      ...block('peer_replication_option', [
        ...(uin ? [] : ['# The target account’s uin is not known to the app: fill it in.']),
        ['peer_registry_uin', hclString(uin ?? '')],
        ['peer_registry_token', `var.${tokenVariable}`],
        ['enable_peer_replication', 'true'],
      ]),
    );
  } else if (cross === undefined) {
    lines.push(
      '',
      '# The target instance is not one the app knows: if it is in another account, add a',
      '# peer_replication_option block with its uin and a variable for its token.',
    );
  }
  return lines;
}

/**
 * The Terraform file for `rules`: a header, a sensitive variable per cross-account target
 * instance, then per rule an `import` block (ID `<source instance>#<rule name>`, the provider's)
 * and the resource. Deterministic: the same rules give the same file.
 */
export function rulesToTerraform(rules: readonly TransferRule[]): string {
  const names = uniqueIdentifiers(rules.map((r) => r.name));
  const variables = new Map<string, TransferRule>();
  for (const rule of rules) {
    if (crossAccount(rule) !== true) continue;
    const name = tokenVariableName(rule.target.instanceId);
    if (!variables.has(name)) variables.set(name, rule);
  }
  const out: string[] = [
    `# Sync rules exported by TCR Sync Desktop (${String(rules.length)}), as ${RESOURCE} resources.`,
    '# No access token is in this file: each cross-account rule reads its target instance’s',
    '# long-term token from a sensitive variable (set it in a .tfvars file or as TF_VAR_<name>).',
    '# The import blocks (Terraform 1.5 or later) adopt the existing rules instead of creating them again.',
  ];
  for (const [name, rule] of variables) {
    const uin = rule.target.account?.uin;
    const about = `Long-term access token of instance ${rule.target.instanceId}${uin ? ` (account ${uin})` : ''}`;
    out.push(
      '',
      ...block(`variable ${hclString(name)}`, [
        ['description', hclString(about)],
        ['type', 'string'],
        ['sensitive', 'true'],
      ]),
    );
  }
  rules.forEach((rule, i) => {
    const name = names[i] ?? hclIdentifier(rule.name);
    const token = crossAccount(rule) === true ? tokenVariableName(rule.target.instanceId) : undefined;
    out.push(
      '',
      ...block('import', [
        ['to', `${RESOURCE}.${name}`],
        ['id', hclString(`${rule.source.instanceId}#${rule.name}`)],
      ]),
      '',
      ...block(`resource ${hclString(RESOURCE)} ${hclString(name)}`, resourceLines(rule, token)),
    );
  });
  return `${out.join('\n')}\n`;
}
