// Export and import of sync rules through the app's own router, against the real sandbox over the
// real SDK with the demo accounts: the demo rules exported (JSON, Terraform) without any token;
// a changed file shown as a plan that sends nothing; applied through the rule editor, and what the
// sandbox then holds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src-main/app/create-app.js';
import type { RuleImportProgress, RuleRow } from '../../src-main/contract/index.js';
import { DEMO_PEER_TOKEN } from '../../src-main/sandbox/demo-seed.js';
import type { RunningSandbox } from '../../src-main/sandbox/index.js';
import type { TcrGateway } from '../../src-main/tcr/index.js';
import { startDemoApp, type Call, type DemoApp } from './helpers/demo-app.js';

let app: DemoApp;
let embedded: RunningSandbox;
let core: AppCore;
let gateway: TcrGateway;
let progress: RuleImportProgress[];

beforeEach(async () => {
  progress = [];
  app = await startDemoApp('tcr-rules-transfer-', {
    onCore: (c) => c.events.on('rules:importProgress', (p) => progress.push(p)),
  });
  ({ sandbox: embedded, core, gateway } = app);
});
afterEach(() => app.close());

const call: Call = (channel, input) => app.call(channel, input);

async function demoRules(): Promise<RuleRow[]> {
  await call('sandbox:addAccounts', undefined);
  const view = await call('rules:refresh', {});
  expect(view.rows.length).toBeGreaterThanOrEqual(4);
  return view.rows;
}

const keyOf = (r: RuleRow) => ({ profileId: r.profileId, registryId: r.source.registryId, ruleName: r.name });

/** The rules of an instance as the sandbox lists them, asked with the owner's own keys. */
async function inSandbox(rule: RuleRow): Promise<{ name: string; description: string; override: boolean }[]> {
  const uin = embedded.accounts.find((a) => a.instances.some((i) => i.registryId === rule.source.registryId))?.uin;
  const found = await gateway.listReplicationPolicies(
    { profileId: uin ?? '', endpoint: embedded.endpoint, region: rule.source.regionName },
    rule.source.registryId,
  );
  return found.map((p) => ({ name: p.name, description: p.description, override: p.override }));
}

interface FileRule {
  name: string;
  description: string;
  override: boolean;
  target: Record<string, unknown>;
}

describe('exporting and importing sync rules', () => {
  it('exports the demo rules as JSON and as Terraform, never with a token', async () => {
    const rows = await demoRules();
    const json = await call('rules:export', { rules: rows.map(keyOf), format: 'json' });
    expect(json.fileName).toMatch(/^tcr-sync-rules-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(json.text) as { format: string; version: number; rules: FileRule[] };
    expect(doc).toMatchObject({ format: 'tcr-sync-desktop/rules', version: 1 });
    expect(doc.rules.map((r) => r.name).sort()).toEqual(rows.map((r) => r.name).sort());
    expect(doc.rules.find((r) => r.name === 'release-to-globex')?.target).toMatchObject({
      crossAccount: true,
      account: { uin: '200087654321' },
    });
    const tf = await call('rules:export', { rules: rows.map(keyOf), format: 'terraform' });
    for (const row of rows) expect(tf.text).toContain(`id = "${row.source.registryId}#${row.name}"`);
    expect(tf.text).toMatch(/variable "peer_token_tcr_[a-z0-9_]+" \{[^}]*sensitive\s+= true/);
    expect(DEMO_PEER_TOKEN).toMatch(/^eyJ/);
    const secrets = [DEMO_PEER_TOKEN, ...embedded.accounts.flatMap((a) => [a.secretId, a.secretKey])];
    for (const secret of secrets) {
      expect(json.text).not.toContain(secret);
      expect(tf.text).not.toContain(secret);
    }
  });

  it('plans a changed file without sending anything, then applies it; importing it again changes nothing', async () => {
    const rows = await demoRules();
    const platform = rows.find((r) => r.name === 'platform-to-shanghai');
    if (!platform) throw new Error('demo rule missing');
    const sameSource = rows.filter((r) => r.source.registryId === platform.source.registryId);
    const exported = await call('rules:export', { rules: sameSource.map(keyOf), format: 'json' });
    const doc = JSON.parse(exported.text) as { rules: FileRule[] };
    const changed = doc.rules.find((r) => r.name === 'platform-to-shanghai');
    if (!changed) throw new Error('exported rule missing');
    changed.description = 'Imported: 平台服务 → 上海';
    changed.override = false;
    doc.rules.push({ ...changed, name: 'platform-to-shanghai-copy', description: 'a copy' });
    const text = JSON.stringify(doc);
    const before = await inSandbox(platform);

    const plan = await call('rules:import', { text, apply: false });
    expect(plan.applied).toBe(false);
    const byName = new Map(plan.items.map((i) => [i.name, i]));
    expect(byName.get('platform-to-shanghai')).toMatchObject({ action: 'change', fields: ['description', 'override'] });
    expect(byName.get('platform-to-shanghai-copy')?.action).toBe('create');
    expect(byName.get('charts-to-beijing-dr')?.action).toBe('unchanged');
    expect(await inSandbox(platform)).toEqual(before);

    const applied = await call('rules:import', { text, apply: true });
    expect(applied.applied).toBe(true);
    for (const item of applied.items.filter((i) => i.action === 'create' || i.action === 'change')) {
      expect(item.result, item.name).toEqual({ ok: true });
    }
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const after = await inSandbox(platform);
    expect(after.find((r) => r.name === 'platform-to-shanghai')).toEqual({
      name: 'platform-to-shanghai',
      description: 'Imported: 平台服务 → 上海',
      override: false,
    });
    expect(after.find((r) => r.name === 'platform-to-shanghai-copy')).toMatchObject({ description: 'a copy' });

    const again = await call('rules:import', { text, apply: false });
    expect(again.items.map((i) => i.action)).toEqual(again.items.map(() => 'unchanged'));
  });

  it('refuses a file that is not the app’s, with the reason on the text field', async () => {
    await demoRules();
    const result = await core.router.call('rules:import', { text: '{"rules": []}', apply: false }, { origin: 'test' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { text: 'transfer.file.notRules' } },
    });
  });
});
