// Enabling, disabling and deleting a rule through the app's own router, against the real sandbox
// over the real SDK with the demo accounts: the change is seen in `rules:list` and in the sandbox
// (DescribeReplicationPolicies); a delete needs the rule's name typed; a write whose connection is
// dropped is not retried, and the rules read back tell what is true.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleRow, RulesView } from '../../src-main/contract/index.js';
import type { RunningSandbox } from '../../src-main/sandbox/index.js';
import type { TcrGateway } from '../../src-main/tcr/index.js';
import { refused, startDemoApp, type Call, type DemoApp } from './helpers/demo-app.js';

const ACME = '100012345678';
const RULE = 'platform-to-shanghai';

let app: DemoApp;
let embedded: RunningSandbox;
let gateway: TcrGateway;
let events: RulesView[];

beforeEach(async () => {
  // A sandbox per test: deletes must not reach the next one.
  events = [];
  app = await startDemoApp('tcr-rule-changes-', {
    onCore: (c) => c.events.on('rules:changed', (view) => events.push(view)),
  });
  ({ sandbox: embedded, gateway } = app);
});
afterEach(() => app.close());

const call: Call = (channel, input) => app.call(channel, input);

/** The demo accounts as profiles, their rules listed; the demo rule and its key. */
async function ready(): Promise<{ rule: RuleRow; key: { profileId: string; registryId: string; ruleName: string } }> {
  await call('sandbox:addAccounts', undefined);
  const view = await call('rules:refresh', {});
  const rule = view.rows.find((r) => r.name === RULE);
  if (!rule) throw new Error(`the demo rule ${RULE} is missing`);
  return { rule, key: { profileId: rule.profileId, registryId: rule.source.registryId, ruleName: rule.name } };
}

/** The rules of the demo rule's source instance as the sandbox lists them. */
async function inSandbox(rule: RuleRow): Promise<{ name: string; enabled: boolean }[]> {
  const found = await gateway.listReplicationPolicies(
    { profileId: ACME, endpoint: embedded.endpoint, region: rule.source.regionName },
    rule.source.registryId,
  );
  return found.map((p) => ({ name: p.name, enabled: p.enabled }));
}

const listed = async (name: string) => (await call('rules:list', undefined)).rows.filter((r) => r.name === name);

describe('changing sync rules', () => {
  it('disables then enables a demo rule: in rules:list and in the sandbox', async () => {
    const { rule, key } = await ready();
    expect(rule.enabled).toBe(true);

    const preview = await call('rules:request', { ...key, kind: 'setEnabled', enabled: false });
    expect(preview).toEqual({
      action: 'ModifyReplication',
      request: { SourceRegistryId: key.registryId, RuleName: RULE, Rule: { Enabled: false } },
      before: { Enabled: true },
      after: { Enabled: false },
    });
    const secrets = embedded.accounts.flatMap((a) => [a.secretId, a.secretKey]);
    for (const secret of secrets) expect(JSON.stringify(preview)).not.toContain(secret);

    const off = await call('rules:setEnabled', { ...key, enabled: false });
    expect(off).toMatchObject({ name: RULE, enabled: false, policyId: rule.policyId });
    expect(off.updatedAt).not.toBe(rule.updatedAt); // as read back: the cloud's new UpdateTime
    expect((await listed(RULE)).map((r) => r.enabled)).toEqual([false]);
    expect((await inSandbox(rule)).find((r) => r.name === RULE)?.enabled).toBe(false);
    expect(events.at(-1)?.rows.find((r) => r.name === RULE)?.enabled).toBe(false);

    const on = await call('rules:setEnabled', { ...key, enabled: true });
    expect(on.enabled).toBe(true);
    expect((await listed(RULE)).map((r) => r.enabled)).toEqual([true]);
    expect((await inSandbox(rule)).find((r) => r.name === RULE)?.enabled).toBe(true);
  });

  it('deletes a rule with its typed name; a wrong confirmation deletes nothing', async () => {
    const { rule, key } = await ready();
    const before = await inSandbox(rule);
    const countBefore = (await call('rules:list', undefined)).rows.length;

    for (const typed of ['', 'platform-to-shangha', 'PLATFORM-TO-SHANGHAI']) {
      const error = await refused(call('rules:delete', { ...key, confirmName: typed }));
      expect(error).toMatchObject({ code: 'VALIDATION', fields: { confirmName: 'rule.confirmMismatch' } });
    }
    expect(await inSandbox(rule)).toEqual(before);
    expect(await listed(RULE)).toHaveLength(1);

    const preview = await call('rules:request', { ...key, kind: 'delete' });
    expect(preview).toMatchObject({
      action: 'DeleteReplicationRule',
      request: { SourceRegistryId: key.registryId, RuleName: RULE },
      before: { Name: RULE, Enabled: true, DestResource: rule.target.raw },
      after: null,
    });

    expect(await call('rules:delete', { ...key, confirmName: RULE })).toBeNull();
    expect(await listed(RULE)).toHaveLength(0);
    expect((await call('rules:list', undefined)).rows).toHaveLength(countBefore - 1);
    expect((await inSandbox(rule)).map((r) => r.name)).toEqual(before.map((r) => r.name).filter((n) => n !== RULE));

    // Gone: another change of it is NOT_FOUND, and nothing is sent.
    expect((await refused(call('rules:setEnabled', { ...key, enabled: false }))).code).toBe('NOT_FOUND');
  });

  it('a dropped write is not retried; the rules read back tell it did not happen', async () => {
    const { rule, key } = await ready();
    const attempts: string[] = [];
    app.core.events.on('cloud:attempt', ({ action, attempt }) => attempts.push(`${action} ${String(attempt)}`));
    embedded.setFaults([{ kind: 'drop', action: 'ModifyReplication' }]);
    const error = await refused(call('rules:setEnabled', { ...key, enabled: false }));
    expect(error).toMatchObject({ code: 'CLOUD', cloud: { action: 'ModifyReplication', kind: 'network' } });
    // One try of the write, then the instance's rules read back.
    expect(attempts).toEqual(['ModifyReplication 1', 'DescribeReplicationPolicies 1']);
    embedded.setFaults([]);
    expect((await inSandbox(rule)).find((r) => r.name === RULE)?.enabled).toBe(true);
    expect((await listed(RULE)).map((r) => r.enabled)).toEqual([true]);
  });
});
