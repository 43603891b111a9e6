// Enabling, disabling and deleting rules against the fake cloud: one change at a time per
// instance, never a retried write, a read-back when a write's reply was lost.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../../src-main/base/clock.js';
import type { AppError, ProfileView, RulesView } from '../../../../src-main/contract/index.js';
import { InstanceCache } from '../../../../src-main/services/instances/instance-cache.js';
import { InstanceService } from '../../../../src-main/services/instances/instance-service.js';
import { ruleDeleteSchema, ruleRequestSchema, ruleSetEnabledSchema } from '../../../../src-main/contract/rules.js';
import { RuleCache } from '../../../../src-main/services/rules/rule-cache.js';
import { RuleChanges } from '../../../../src-main/services/rules/rule-changes.js';
import { RuleService } from '../../../../src-main/services/rules/rule-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { issuesToFields } from '../../../../src-main/services/shared/field-issues.js';
import { UserFacingError } from '../../../../src-main/services/shared/user-facing-error.js';
import { cloudRule, deferred, FakeCloud, instance, type WriteOutcome } from '../fakes/fake-cloud.js';
import { TempDir } from '../fakes/user-data-dir.js';

const A = '11111111-1111-4111-8111-111111111111';
const SECRET_KEY = 'sk-very-secret-0123456789';

function profile(id: string): ProfileView {
  return {
    id,
    name: 'Acme',
    uin: '',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID…0000',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const never: Clock = { now: () => Date.parse('2026-11-28T10:00:00.000Z'), sleep: () => new Promise(() => undefined) };

let home: TempDir;
let cloud: FakeCloud;
let list: ProfileView[];
let events: RulesView[];
let rules: RuleService;
let changes: RuleChanges;

beforeEach(async () => {
  home = await TempDir.create('rule-changes-');
  cloud = new FakeCloud(async () => ({ secretId: 'AKIDexample0000', secretKey: SECRET_KEY }));
  list = [profile(A)];
  events = [];
  // Acme: a rule in Shanghai (not the profile's region) and a second one on the same instance.
  cloud.answers.set(A, async () => [instance('gz'), instance('sh', 4, 'ap-shanghai')]);
  cloud.setRules('tcr-sh', [cloudRule(1, 'to-gz', 'gz', 'sh'), cloudRule(2, 'other', 'gz', 'sh')]);
  const hub = new EventHub();
  hub.on('rules:changed', (view) => events.push(view));
  const targets = {
    targetFor: async (p: ProfileView) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }),
  };
  const instances = new InstanceService({
    profiles: { list: () => list },
    targets,
    reader: cloud,
    cache: new InstanceCache(home.dir),
    events: hub,
    clock: never,
  });
  rules = new RuleService({
    profiles: { list: () => list },
    targets,
    instances,
    reader: cloud,
    cache: new RuleCache(home.dir),
    events: hub,
    clock: never,
  });
  changes = new RuleChanges({ profiles: { list: () => list }, targets, reader: cloud, rules });
  await rules.refresh();
  events = [];
  cloud.sent = [];
});
afterEach(async () => {
  await rules.stop();
  await home.remove();
});

const key = { profileId: A, registryId: 'tcr-sh', ruleName: 'to-gz' };
const enabledOf = (name: string) => cloud.rulesNow('tcr-sh').find((r) => r.name === name)?.enabled;
const known = (view: RulesView = rules.view()) => view.rows.map((r) => `${r.name}:${String(r.enabled)}`);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as UserFacingError).toAppError();
}

async function cached(): Promise<string[]> {
  const file = JSON.parse(await readFile(path.join(home.dir, 'cache', 'rules.json'), 'utf8')) as {
    profiles: { rows: { name: string; enabled: boolean }[] }[];
  };
  return file.profiles.flatMap((p) => p.rows.map((r) => `${r.name}:${String(r.enabled)}`));
}

describe('RuleChanges: enable and disable', () => {
  it('disables then enables a rule, in the instance’s region, answering the rule as read back', async () => {
    const off = await changes.setEnabled({ ...key, enabled: false });
    expect(off).toMatchObject({ name: 'to-gz', enabled: false, source: { registryId: 'tcr-sh' } });
    expect(enabledOf('to-gz')).toBe(false);
    expect(cloud.writes).toEqual([
      {
        action: 'ModifyReplication',
        profileId: A,
        region: 'ap-shanghai',
        registryId: 'tcr-sh',
        ruleName: 'to-gz',
        enabled: false,
      },
    ]);
    // Read back: the instance's rules were asked after the write.
    expect(cloud.sent.map((s) => s.action)).toEqual(['ModifyReplication', 'DescribeReplicationPolicies']);
    expect(known()).toEqual(['to-gz:false', 'other:true']);
    expect(known(events.at(-1))).toEqual(['to-gz:false', 'other:true']);
    await rules.stop();
    expect(await cached()).toEqual(['to-gz:false', 'other:true']);

    const on = await changes.setEnabled({ ...key, enabled: true });
    expect(on.enabled).toBe(true);
    expect(enabledOf('to-gz')).toBe(true);
    expect(known()).toEqual(['to-gz:true', 'other:true']);
  });

  it('answers NOT_FOUND for an unknown profile, instance or rule, and sends nothing', async () => {
    for (const wrong of [
      { ...key, profileId: '22222222-2222-4222-8222-222222222222' },
      { ...key, registryId: 'tcr-nowhere' },
      { ...key, ruleName: 'nope' },
    ]) {
      expect((await failure(changes.setEnabled({ ...wrong, enabled: false }))).code).toBe('NOT_FOUND');
      expect((await failure(changes.delete({ ...wrong, confirmName: wrong.ruleName }))).code).toBe('NOT_FOUND');
      expect(() => changes.request({ ...wrong, kind: 'delete' })).toThrow(UserFacingError);
    }
    expect(cloud.writes).toEqual([]);
  });

  it('reports a refused write with the cloud’s code and RequestId, never retried nor read back', async () => {
    cloud.writeOutcome = () => new Error('refused');
    const error = await failure(changes.setEnabled({ ...key, enabled: false }));
    expect(error).toMatchObject({ code: 'CLOUD', requestId: 'req-1', cloud: { code: 'AuthFailure.SignatureFailure' } });
    expect(cloud.writes).toHaveLength(1);
    expect(cloud.sent.map((s) => s.action)).toEqual(['ModifyReplication']);
    expect(known()).toEqual(['to-gz:true', 'other:true']);
  });

  it('reads back after a lost reply: the change happened → success', async () => {
    for (const outcome of ['lostAfter', 'timeoutAfter'] as const) {
      cloud.writeOutcome = () => outcome;
      const wanted = outcome === 'lostAfter' ? false : true;
      const row = await changes.setEnabled({ ...key, enabled: wanted });
      expect(row.enabled).toBe(wanted);
      expect(known()).toEqual([`to-gz:${String(wanted)}`, 'other:true']);
    }
    // One write each: never retried.
    expect(cloud.writes).toHaveLength(2);
    expect(cloud.sent.map((s) => s.action)).toEqual([
      'ModifyReplication',
      'DescribeReplicationPolicies',
      'ModifyReplication',
      'DescribeReplicationPolicies',
    ]);
    expect(known(events.at(-1))).toEqual(['to-gz:true', 'other:true']);
  });

  it('reads back after a lost reply: the change did not happen → the write’s error, rows updated', async () => {
    // Meanwhile someone else disabled the other rule: the read-back shows it too.
    cloud.writeOutcome = () => {
      cloud.setRules('tcr-sh', [
        cloudRule(1, 'to-gz', 'gz', 'sh'),
        { ...cloudRule(2, 'other', 'gz', 'sh'), enabled: false },
      ]);
      return 'lostBefore';
    };
    const error = await failure(changes.setEnabled({ ...key, enabled: false }));
    expect(error).toMatchObject({
      code: 'CLOUD',
      cloud: { code: 'NetworkError', kind: 'network', action: 'ModifyReplication' },
    });
    expect(enabledOf('to-gz')).toBe(true);
    expect(cloud.writes).toHaveLength(1);
    expect(known()).toEqual(['to-gz:true', 'other:false']);
    expect(known(events.at(-1))).toEqual(['to-gz:true', 'other:false']);
  });

  it('says so when a lost reply cannot be checked either', async () => {
    cloud.writeOutcome = () => {
      cloud.ruleAnswers.set('tcr-sh', async () => {
        throw new Error('down');
      });
      return 'lostAfter';
    };
    const error = await failure(changes.setEnabled({ ...key, enabled: false }));
    expect(error.code).toBe('CLOUD');
    expect(error.message).toMatch(/unknown/);
    expect(cloud.writes).toHaveLength(1);
  });

  it('runs two toggles of one instance one after another: the last one asked wins', async () => {
    const first = deferred<WriteOutcome>();
    let calls = 0;
    cloud.writeOutcome = () => (++calls === 1 ? first.promise : 'applied');
    const off = changes.setEnabled({ ...key, enabled: false });
    const on = changes.setEnabled({ ...key, enabled: true });
    await new Promise((r) => setTimeout(r, 10));
    // The second waits for the first: only one write in flight.
    expect(cloud.writes).toHaveLength(1);
    first.resolve('applied');
    expect((await off).enabled).toBe(false);
    expect((await on).enabled).toBe(true);
    expect(cloud.writes.map((w) => w.enabled)).toEqual([false, true]);
    expect(enabledOf('to-gz')).toBe(true);
    expect(known()).toEqual(['to-gz:true', 'other:true']);
  });

  it('keeps a change a refresh running at the same time had not seen', async () => {
    const gate = deferred();
    const stale = cloud.rulesNow('tcr-sh');
    cloud.ruleAnswers.set('tcr-sh', async () => {
      await gate.promise;
      return stale;
    });
    const refreshing = rules.refresh();
    await new Promise((r) => setTimeout(r, 10));
    cloud.setRules('tcr-sh', stale); // the read-back answers at once
    await changes.setEnabled({ ...key, enabled: false });
    gate.resolve();
    await refreshing;
    expect(known()).toEqual(['to-gz:false', 'other:true']);
  });
});

describe('RuleChanges: delete', () => {
  it('deletes a rule once its name was typed', async () => {
    expect(await changes.delete({ ...key, confirmName: 'to-gz' })).toBeNull();
    expect(cloud.rulesNow('tcr-sh').map((r) => r.name)).toEqual(['other']);
    expect(cloud.writes.map((w) => `${w.action} ${w.region} ${w.ruleName}`)).toEqual([
      'DeleteReplicationRule ap-shanghai to-gz',
    ]);
    expect(known()).toEqual(['other:true']);
    expect(known(events.at(-1))).toEqual(['other:true']);
    await rules.stop();
    expect(await cached()).toEqual(['other:true']);
  });

  it('deletes nothing unless the typed name is the rule’s', async () => {
    for (const typed of ['', 'to-g', 'TO-GZ', ' to-gz', 'other']) {
      const error = await failure(changes.delete({ ...key, confirmName: typed }));
      expect(error).toMatchObject({ code: 'VALIDATION', fields: { confirmName: 'rule.confirmMismatch' } });
    }
    expect(cloud.writes).toEqual([]);
    expect(cloud.rulesNow('tcr-sh')).toHaveLength(2);
    expect(known()).toEqual(['to-gz:true', 'other:true']);
  });

  it('reads back after a lost reply, both ways', async () => {
    cloud.writeOutcome = () => 'lostBefore';
    const error = await failure(changes.delete({ ...key, confirmName: 'to-gz' }));
    expect(error).toMatchObject({ code: 'CLOUD', cloud: { kind: 'network', action: 'DeleteReplicationRule' } });
    expect(known()).toEqual(['to-gz:true', 'other:true']);

    cloud.writeOutcome = () => 'timeoutAfter';
    expect(await changes.delete({ ...key, confirmName: 'to-gz' })).toBeNull();
    expect(known()).toEqual(['other:true']);
    expect(cloud.writes).toHaveLength(2);
  });

  it('answers NOT_FOUND when the cloud no longer has the rule, and the list forgets it', async () => {
    class RuleGone extends Error {}
    cloud.describeError = (error) =>
      error instanceof RuleGone
        ? { code: 'ResourceNotFound', message: 'no such rule', kind: 'notFound', requestId: 'req-9' }
        : { code: 'X', message: 'x', kind: 'other' };
    cloud.writeOutcome = () => {
      cloud.setRules('tcr-sh', [cloudRule(2, 'other', 'gz', 'sh')]);
      return new RuleGone();
    };
    const error = await failure(changes.delete({ ...key, confirmName: 'to-gz' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', requestId: 'req-9' });
    expect(known()).toEqual(['other:true']);
  });

  it('a toggle queued behind a delete of the same rule finds it gone', async () => {
    const gate = deferred<WriteOutcome>();
    cloud.writeOutcome = () => gate.promise;
    const deleting = changes.delete({ ...key, confirmName: 'to-gz' });
    const toggling = changes.setEnabled({ ...key, enabled: false });
    gate.resolve('applied');
    await deleting;
    expect((await failure(toggling)).code).toBe('NOT_FOUND');
    expect(cloud.writes).toHaveLength(1);
  });
});

describe('RuleChanges: the request preview', () => {
  it('names the action and its API fields, before and after, and holds no secret', () => {
    const toggle = changes.request({ ...key, kind: 'setEnabled', enabled: false });
    expect(toggle).toEqual({
      action: 'ModifyReplication',
      request: { SourceRegistryId: 'tcr-sh', RuleName: 'to-gz', Rule: { Enabled: false } },
      before: { Enabled: true },
      after: { Enabled: false },
    });
    const removal = changes.request({ ...key, kind: 'delete' });
    expect(removal).toEqual({
      action: 'DeleteReplicationRule',
      request: { SourceRegistryId: 'tcr-sh', RuleName: 'to-gz' },
      before: {
        Name: 'to-gz',
        Description: 'rule to-gz',
        Filters: [
          { Type: 'name', Value: 'platform/**' },
          { Type: 'tag', Value: '' },
          { Type: 'resource', Value: 'image' },
        ],
        Override: false,
        Enabled: true,
        SrcResource: 'tcr-sh',
        DestResource: 'tcr-gz',
      },
      after: null,
    });
    for (const preview of [toggle, removal]) {
      const text = JSON.stringify(preview);
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toMatch(/AKID|secret|token/i);
    }
    // A preview asks nothing of the cloud.
    expect(cloud.sent).toEqual([]);
  });

  it('wants `enabled` for a toggle', () => {
    expect(() => changes.request({ ...key, kind: 'setEnabled' })).toThrow(UserFacingError);
  });
});

describe('the contract of rule changes', () => {
  const fieldsOf = (result: { success: boolean; error?: { issues: Parameters<typeof issuesToFields>[0] } }) =>
    result.success ? {} : issuesToFields(result.error?.issues ?? []);

  it('takes a profile id, an instance id and a rule name, bounded, and nothing else', () => {
    expect(ruleSetEnabledSchema.safeParse({ ...key, enabled: true }).success).toBe(true);
    expect(fieldsOf(ruleSetEnabledSchema.safeParse({ ...key, profileId: 'a', enabled: true }))).toEqual({
      profileId: 'id.invalid',
    });
    expect(ruleSetEnabledSchema.safeParse({ ...key, ruleName: 'x'.repeat(201), enabled: true }).success).toBe(false);
    expect(ruleSetEnabledSchema.safeParse({ ...key, registryId: 'x'.repeat(65), enabled: true }).success).toBe(false);
    expect(ruleSetEnabledSchema.safeParse({ ...key, enabled: true, secretKey: 'x' }).success).toBe(false);
    expect(ruleDeleteSchema.safeParse({ ...key }).success).toBe(false);
    expect(ruleDeleteSchema.safeParse({ ...key, confirmName: '' }).success).toBe(true);
  });

  it('wants `enabled` when previewing a toggle', () => {
    expect(fieldsOf(ruleRequestSchema.safeParse({ ...key, kind: 'setEnabled' }))).toEqual({
      enabled: 'enabled.required',
    });
    expect(ruleRequestSchema.safeParse({ ...key, kind: 'setEnabled', enabled: false }).success).toBe(true);
    expect(ruleRequestSchema.safeParse({ ...key, kind: 'delete' }).success).toBe(true);
    expect(ruleRequestSchema.safeParse({ ...key, kind: 'rename' }).success).toBe(false);
  });
});
