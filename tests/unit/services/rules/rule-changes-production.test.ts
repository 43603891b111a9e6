// The production guard in main: a rule from or to a production profile is enabled or disabled
// only with its name typed; the request answered for the dialog says so, with the one-line
// summary; other rules change as before. And stop() waits for the changes in flight.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../../src-main/base/clock.js';
import type { AppError, ProfileView } from '../../../../src-main/contract/index.js';
import { InstanceCache } from '../../../../src-main/services/instances/instance-cache.js';
import { InstanceService } from '../../../../src-main/services/instances/instance-service.js';
import { RuleCache } from '../../../../src-main/services/rules/rule-cache.js';
import { RuleChanges } from '../../../../src-main/services/rules/rule-changes.js';
import { RuleService } from '../../../../src-main/services/rules/rule-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { UserFacingError } from '../../../../src-main/services/shared/user-facing-error.js';
import { cloudRule, deferred, FakeCloud, instance } from '../fakes/fake-cloud.js';
import { TempDir } from '../fakes/user-data-dir.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function profile(id: string, name: string, production: boolean): ProfileView {
  return {
    id,
    name,
    uin: '',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production,
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
let rules: RuleService;
let changes: RuleChanges;

beforeEach(async () => {
  home = await TempDir.create('rule-changes-production-');
  cloud = new FakeCloud(async () => ({ secretId: 'AKIDexample0000', secretKey: 'sk-0123456789' }));
  list = [profile(A, 'Acme', false), profile(B, 'Acme Prod', false)];
  // Acme: `within` stays in Acme (sh → gz); `to-prod` goes to Acme Prod's instance; `elsewhere`
  // goes to an instance no profile knows.
  cloud.answers.set(A, async () => [instance('gz'), instance('sh', 4, 'ap-shanghai')]);
  cloud.answers.set(B, async () => [instance('prod', 4, 'ap-shanghai')]);
  cloud.setRules('tcr-sh', [
    cloudRule(1, 'within', 'gz', 'sh'),
    cloudRule(2, 'to-prod', 'prod', 'sh'),
    cloudRule(3, 'elsewhere', 'nowhere', 'sh'),
  ]);
  const hub = new EventHub();
  const targets = {
    targetFor: async (p: ProfileView) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }),
  };
  const profiles = { list: () => list };
  const instances = new InstanceService({
    profiles,
    targets,
    reader: cloud,
    cache: new InstanceCache(home.dir),
    events: hub,
    clock: never,
  });
  rules = new RuleService({
    profiles,
    targets,
    instances,
    reader: cloud,
    cache: new RuleCache(home.dir),
    events: hub,
    clock: never,
  });
  changes = new RuleChanges({ profiles, targets, reader: cloud, rules });
  await rules.refresh();
  cloud.sent = [];
});
afterEach(async () => {
  await rules.stop();
  await home.remove();
});

const keyOf = (ruleName: string) => ({ profileId: A, registryId: 'tcr-sh', ruleName });
const enabledOf = (name: string) => cloud.rulesNow('tcr-sh').find((r) => r.name === name)?.enabled;
const mark = (id: string, production: boolean) => (list = list.map((p) => (p.id === id ? { ...p, production } : p)));

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as UserFacingError).toAppError();
}

describe('the production guard on rules:setEnabled', () => {
  it('changes a rule of no production account without a name, as before', async () => {
    const off = await changes.setEnabled({ ...keyOf('to-prod'), enabled: false });
    expect(off.enabled).toBe(false);
    expect(enabledOf('to-prod')).toBe(false);
    expect(changes.request({ ...keyOf('to-prod'), kind: 'setEnabled', enabled: true }).confirm).toBeUndefined();
  });

  it('refuses a rule to a production profile without its name or with a wrong one: nothing is sent', async () => {
    mark(B, true);
    for (const confirmName of [undefined, '', 'to-pro', 'TO-PROD', ' to-prod']) {
      const error = await failure(
        changes.setEnabled({
          ...keyOf('to-prod'),
          enabled: false,
          ...(confirmName === undefined ? {} : { confirmName }),
        }),
      );
      expect(error).toMatchObject({ code: 'VALIDATION', fields: { confirmName: 'rule.confirmMismatch' } });
    }
    expect(cloud.writes).toEqual([]);
    expect(enabledOf('to-prod')).toBe(true);
    expect(rules.rowOf(A, 'tcr-sh', 'to-prod')?.enabled).toBe(true);

    const off = await changes.setEnabled({ ...keyOf('to-prod'), enabled: false, confirmName: 'to-prod' });
    expect(off.enabled).toBe(false);
    expect(enabledOf('to-prod')).toBe(false);
  });

  it('guards every rule of a production source, within its account too; not the other rules', async () => {
    mark(A, true);
    for (const name of ['within', 'to-prod', 'elsewhere']) {
      const error = await failure(changes.setEnabled({ ...keyOf(name), enabled: false }));
      expect(error.fields).toEqual({ confirmName: 'rule.confirmMismatch' });
    }
    expect(cloud.writes).toEqual([]);
    await changes.setEnabled({ ...keyOf('within'), enabled: false, confirmName: 'within' });
    expect(enabledOf('within')).toBe(false);

    // Only the target is production: a rule within Acme, or to an unknown instance, is not guarded.
    mark(A, false);
    mark(B, true);
    await changes.setEnabled({ ...keyOf('within'), enabled: true });
    await changes.setEnabled({ ...keyOf('elsewhere'), enabled: false });
    expect(enabledOf('within')).toBe(true);
    expect(enabledOf('elsewhere')).toBe(false);
  });

  it('checks the mark as it is when the change runs, not when it was asked', async () => {
    const gate = deferred();
    cloud.writeOutcome = async () => {
      await gate.promise;
      return 'applied' as const;
    };
    // A change of another rule of the instance holds the queue; meanwhile Acme Prod is marked.
    const first = changes.setEnabled({ ...keyOf('within'), enabled: false });
    const second = changes.setEnabled({ ...keyOf('to-prod'), enabled: false });
    mark(B, true);
    gate.resolve();
    await first;
    expect((await failure(second)).code).toBe('VALIDATION');
    expect(enabledOf('to-prod')).toBe(true);
  });

  it('tells the dialog to ask for the name, with what changes in one line', () => {
    mark(B, true);
    const request = changes.request({ ...keyOf('to-prod'), kind: 'setEnabled', enabled: false });
    expect(request.confirm).toEqual({
      summary: {
        key: 'production.summary.disable',
        params: { rule: 'to-prod', source: 'Acme · sh', target: 'Acme Prod · prod', side: 'target' },
      },
      production: { source: false, target: true },
    });
    expect(request.after).toEqual({ Enabled: false });
    expect(changes.request({ ...keyOf('to-prod'), kind: 'delete' }).confirm?.summary.key).toBe(
      'production.summary.delete',
    );
    mark(A, true);
    expect(changes.request({ ...keyOf('within'), kind: 'setEnabled', enabled: true }).confirm?.summary).toEqual({
      key: 'production.summary.enable',
      params: { rule: 'within', source: 'Acme · sh', target: 'Acme · gz', side: 'both' },
    });
  });
});

describe('RuleChanges.stop', () => {
  it('waits for a change in flight, then returns', async () => {
    const gate = deferred();
    cloud.writeOutcome = async () => {
      await gate.promise;
      return 'applied' as const;
    };
    const change = changes.setEnabled({ ...keyOf('within'), enabled: false });
    let stopped = false;
    const stopping = changes.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect((await change).enabled).toBe(false);
    expect(enabledOf('within')).toBe(false);
  });

  it('gives up waiting after its bound', async () => {
    cloud.writeOutcome = () => new Promise(() => undefined); // a write that never answers
    void changes.setEnabled({ ...keyOf('within'), enabled: false }).catch(() => undefined);
    const started = Date.now();
    await changes.stop(50);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
