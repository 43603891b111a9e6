// The production guard through the app's own router, against the real sandbox over the real SDK:
// with a demo account marked production, a rule to it is enabled or disabled only with its name
// typed — a missing or wrong name changes nothing in the sandbox, the right one does — while a
// rule of no production account still changes without one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileView, RuleRow } from '../../src-main/contract/index.js';
import type { RunningSandbox } from '../../src-main/sandbox/index.js';
import type { TcrGateway } from '../../src-main/tcr/index.js';
import { refused, startDemoApp, type Call, type DemoApp } from './helpers/demo-app.js';

const ACME = '100012345678';
const GLOBEX = '200087654321';
const CROSS = 'release-to-globex'; // Acme → Globex
const WITHIN = 'platform-to-shanghai'; // Acme → Acme

let app: DemoApp;
let embedded: RunningSandbox;
let gateway: TcrGateway;

beforeEach(async () => {
  app = await startDemoApp('tcr-rules-production-');
  ({ sandbox: embedded, gateway } = app);
});
afterEach(() => app.close());

const call: Call = (channel, input) => app.call(channel, input);

/** Marks a profile production (or not) through profiles:update, as the profile dialog does. */
async function mark(profile: ProfileView, production: boolean): Promise<void> {
  const { id, name, uin, region, endpoint, colour } = profile;
  await call('profiles:update', { id, name, uin, region, endpoint, colour, production });
}

const keyOf = (rule: RuleRow) => ({
  profileId: rule.profileId,
  registryId: rule.source.registryId,
  ruleName: rule.name,
});

/** Whether the sandbox has the rule enabled, asked with Acme's own keys (not through the app). */
async function enabledInSandbox(rule: RuleRow): Promise<boolean | undefined> {
  const found = await gateway.listReplicationPolicies(
    { profileId: ACME, endpoint: embedded.endpoint, region: rule.source.regionName },
    rule.source.registryId,
  );
  return found.find((p) => p.name === rule.name)?.enabled;
}

async function ready(): Promise<{ globex: ProfileView; cross: RuleRow; within: RuleRow }> {
  await call('sandbox:addAccounts', undefined);
  const view = await call('rules:refresh', {});
  const profiles = await call('profiles:list', undefined);
  const globex = profiles.find((p) => p.uin === GLOBEX);
  const cross = view.rows.find((r) => r.name === CROSS);
  const within = view.rows.find((r) => r.name === WITHIN);
  if (!globex || !cross || !within) throw new Error('the demo accounts or rules are missing');
  expect(cross.target.profileId).toBe(globex.id);
  return { globex, cross, within };
}

describe('the production guard on rules:setEnabled', () => {
  it('a rule to a production account changes only with its name typed; the sandbox sees nothing before', async () => {
    const { globex, cross } = await ready();
    await mark(globex, true);
    expect((await call('profiles:list', undefined)).find((p) => p.id === globex.id)?.production).toBe(true);

    const preview = await call('rules:request', { ...keyOf(cross), kind: 'setEnabled', enabled: false });
    expect(preview.confirm).toMatchObject({
      summary: { key: 'production.summary.disable', params: { rule: CROSS, side: 'target' } },
      production: { source: false, target: true },
    });

    const missing = await refused(call('rules:setEnabled', { ...keyOf(cross), enabled: false }));
    expect(missing).toMatchObject({ code: 'VALIDATION', fields: { confirmName: 'rule.confirmMismatch' } });
    const wrong = await refused(call('rules:setEnabled', { ...keyOf(cross), enabled: false, confirmName: 'release' }));
    expect(wrong).toMatchObject({ code: 'VALIDATION', fields: { confirmName: 'rule.confirmMismatch' } });
    expect(await enabledInSandbox(cross)).toBe(true);

    const off = await call('rules:setEnabled', { ...keyOf(cross), enabled: false, confirmName: CROSS });
    expect(off.enabled).toBe(false);
    expect(await enabledInSandbox(cross)).toBe(false);
  });

  it('a rule of no production account changes without a name; unmarking lifts the guard', async () => {
    const { globex, cross, within } = await ready();
    await mark(globex, true);
    const preview = await call('rules:request', { ...keyOf(within), kind: 'setEnabled', enabled: false });
    expect(preview.confirm).toBeUndefined();
    await call('rules:setEnabled', { ...keyOf(within), enabled: false });
    expect(await enabledInSandbox(within)).toBe(false);

    await mark(globex, false);
    await call('rules:setEnabled', { ...keyOf(cross), enabled: false });
    expect(await enabledInSandbox(cross)).toBe(false);
  });
});
