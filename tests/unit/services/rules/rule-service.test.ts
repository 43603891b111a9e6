import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../../../src-main/base/clock.js';
import type { ProfileView, RulesView } from '../../../../src-main/contract/index.js';
import { InstanceCache } from '../../../../src-main/services/instances/instance-cache.js';
import { InstanceService } from '../../../../src-main/services/instances/instance-service.js';
import { RuleCache } from '../../../../src-main/services/rules/rule-cache.js';
import { RULES_REFRESH_CAP_MS, RuleService } from '../../../../src-main/services/rules/rule-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { cloudRule, deferred, FakeCloud, instance, NetworkDown } from '../fakes/fake-cloud.js';
import { TempDir } from '../fakes/user-data-dir.js';

function profile(id: string, name: string): ProfileView {
  return {
    id,
    name,
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

let home: TempDir;
let cloud: FakeCloud;
let list: ProfileView[];
let events: RulesView[];
let clock: Date;
let hub: EventHub;
let instances: InstanceService;

const never: Clock = { now: () => clock.getTime(), sleep: () => new Promise<void>(() => undefined) };

/** The rule service over the fake cloud and a real instance service; `timer` moves the cap. */
function service(timer: Clock = never, concurrency?: number): RuleService {
  hub = new EventHub();
  hub.on('rules:changed', (view) => events.push(view));
  const targets = {
    targetFor: async (p: ProfileView) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }),
  };
  instances = new InstanceService({
    profiles: { list: () => list },
    targets,
    reader: cloud,
    cache: new InstanceCache(home.dir),
    events: hub,
    clock: timer,
  });
  return new RuleService({
    profiles: { list: () => list },
    targets,
    instances,
    reader: cloud,
    cache: new RuleCache(home.dir),
    events: hub,
    clock: timer,
    ...(concurrency ? { concurrency } : {}),
  });
}

beforeEach(async () => {
  home = await TempDir.create('rules-');
  cloud = new FakeCloud();
  list = [profile('a', 'Acme'), profile('b', 'Globex')];
  events = [];
  clock = new Date('2026-11-28T10:00:00.000Z');
  // Acme: a Standard instance in Guangzhou, a Premium one in Shanghai, a Basic one (no rules).
  cloud.answers.set('a', async () => [
    instance('gz'),
    { ...instance('sh', 4, 'ap-shanghai'), spec: 'premium' },
    { ...instance('dev'), spec: 'basic' },
  ]);
  cloud.answers.set('b', async () => [instance('sg', 9, 'ap-singapore')]);
  cloud.ruleAnswers.set('tcr-gz', async () => [
    cloudRule(1, 'to-sh', 'sh', 'gz'),
    cloudRule(3, 'to-globex', 'sg', 'gz'),
  ]);
  cloud.ruleAnswers.set('tcr-sh', async () => [cloudRule(2, 'back', 'gz', 'sh')]);
  cloud.ruleAnswers.set('tcr-sg', async () => [cloudRule(7, 'offsite', 'elsewhere', 'sg')]);
});
afterEach(() => home.remove());

const names = (view: RulesView) => view.rows.map((r) => `${r.profileId}:${r.source.name}:${r.name}`);

describe('RuleService', () => {
  it('lists the rules of every Standard/Premium instance of every profile, each in its own region', async () => {
    const svc = service();
    const view = await svc.refresh();
    expect(names(view)).toEqual(['a:gz:to-sh', 'a:gz:to-globex', 'a:sh:back', 'b:sg:offsite']);
    // Basic instances cannot have rules: never asked.
    expect(cloud.ruleCalls.sort()).toEqual(['a/ap-guangzhou/tcr-gz', 'a/ap-shanghai/tcr-sh', 'b/ap-singapore/tcr-sg']);
    expect(view.profiles).toEqual([
      { profileId: 'a', state: 'ok', fetchedAt: clock.toISOString() },
      { profileId: 'b', state: 'ok', fetchedAt: clock.toISOString() },
    ]);
    expect(view.refreshing).toBe(false);
    expect(view.rows[0]).toEqual({
      profileId: 'a',
      source: { registryId: 'tcr-gz', name: 'gz', regionId: 1, regionName: 'ap-guangzhou' },
      policyId: 1,
      name: 'to-sh',
      description: 'rule to-sh',
      filters: [
        { type: 'name', value: 'platform/**' },
        { type: 'tag', value: '' },
        { type: 'resource', value: 'image' },
      ],
      console: { namespace: 'platform', repository: '', tag: '', resource: 'image' },
      override: false,
      enabled: true,
      target: {
        raw: 'tcr-sh',
        registryId: 'tcr-sh',
        name: 'sh',
        regionId: 4,
        regionName: 'ap-shanghai',
        profileId: 'a',
      },
      sourceResource: 'tcr-gz',
      createdAt: '2026-02-01T00:00:00.000Z',
      updatedAt: '2026-02-02T00:00:00.000Z',
    });
    // A cross-account rule: the destination is an instance of the other profile.
    expect(view.rows[1]?.target).toMatchObject({ registryId: 'tcr-sg', name: 'sg', profileId: 'b' });
    // A destination no profile knows: its id and the raw string only.
    expect(view.rows[3]?.target).toEqual({ raw: 'tcr-elsewhere', registryId: 'tcr-elsewhere' });
    expect(events.at(-1)).toEqual(view);
  });

  it('keeps a destination it cannot read as the cloud gave it, and raw filters without console fields', async () => {
    cloud.ruleAnswers.set('tcr-sg', async () => [
      {
        ...cloudRule(8, 'odd', 'x', 'sg'),
        destResource: 'somewhere else',
        filters: [{ type: 'name', value: '**' }],
      },
    ]);
    const row = (await service().refresh(['b'])).rows[0]!;
    expect(row.target).toEqual({ raw: 'somewhere else' });
    expect(row.filters).toEqual([{ type: 'name', value: '**' }]);
    expect(row).not.toHaveProperty('console');
  });

  it('names a destination two profiles know after the rule’s own profile', async () => {
    // Profile b sees Acme's Shanghai instance too (e.g. a second profile of the same account).
    cloud.answers.set('b', async () => [instance('sg', 9, 'ap-singapore'), { ...instance('sh', 4, 'ap-shanghai') }]);
    cloud.ruleAnswers.set('tcr-sg', async () => [cloudRule(7, 'to-sh', 'sh', 'sg')]);
    const view = await service().refresh();
    expect(view.rows.find((r) => r.name === 'to-sh' && r.profileId === 'a')?.target.profileId).toBe('a');
    expect(view.rows.find((r) => r.name === 'to-sh' && r.profileId === 'b')?.target.profileId).toBe('b');
  });

  it('asks the profiles in parallel, and each profile’s instances a few at a time', async () => {
    const many = ['i1', 'i2', 'i3', 'i4', 'i5'].map((n) => instance(n));
    cloud.answers.set('a', async () => many);
    const gate = deferred();
    let inFlight = 0;
    let most = 0;
    for (const i of many) {
      cloud.ruleAnswers.set(i.registryId, async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await gate.promise;
        inFlight--;
        return [cloudRule(Number(i.name.slice(1)), `r-${i.name}`, 'sg', i.name)];
      });
    }
    const sgStarted = deferred();
    cloud.ruleAnswers.set('tcr-sg', async () => {
      sgStarted.resolve();
      await gate.promise;
      return [];
    });
    const svc = service(never, 2);
    const done = svc.refresh();
    await sgStarted.promise;
    await new Promise((r) => setTimeout(r, 10));
    // Both profiles in flight at once; Acme's five instances two at a time.
    expect(inFlight).toBe(2);
    expect(svc.view().profiles.map((p) => p.state)).toEqual(['loading', 'loading']);
    expect(events.every((e) => e.refreshing)).toBe(true);
    gate.resolve();
    const view = await done;
    expect(most).toBe(2);
    expect(view.rows.map((r) => r.name)).toEqual(['r-i1', 'r-i2', 'r-i3', 'r-i4', 'r-i5']);
  });

  it('keeps a failing profile’s error (with its RequestId) on its own, without blanking the others', async () => {
    cloud.ruleAnswers.set('tcr-sg', async () => {
      throw new Error('signature');
    });
    const view = await service().refresh();
    expect(names(view)).toEqual(['a:gz:to-sh', 'a:gz:to-globex', 'a:sh:back']);
    expect(view.profiles[1]).toEqual({
      profileId: 'b',
      state: 'error',
      error: { code: 'AuthFailure.SignatureFailure', message: 'bad key', kind: 'auth', requestId: 'req-1' },
    });
  });

  it('keeps the last known rules, with their age, when a profile (or one of its instances) fails', async () => {
    const svc = service();
    await svc.refresh();
    clock = new Date('2026-11-28T13:00:00.000Z');
    cloud.ruleAnswers.set('tcr-sh', async () => {
      throw new NetworkDown();
    });
    const view = await svc.refresh();
    expect(names(view)).toEqual(['a:gz:to-sh', 'a:gz:to-globex', 'a:sh:back', 'b:sg:offsite']);
    expect(view.profiles[0]).toMatchObject({
      state: 'error',
      fetchedAt: '2026-11-28T10:00:00.000Z',
      error: { kind: 'network' },
    });
    expect(view.profiles[1]).toEqual({ profileId: 'b', state: 'ok', fetchedAt: '2026-11-28T13:00:00.000Z' });
  });

  it('lists a profile’s instances first when they were never listed; their failure is the profile’s', async () => {
    cloud.answers.set('b', async () => {
      throw new Error('signature');
    });
    const svc = service();
    expect(instances.view().profiles.every((p) => p.state === 'never')).toBe(true);
    const view = await svc.refresh();
    expect(cloud.calls.sort()).toEqual(['a', 'b']);
    expect(view.profiles[1]).toMatchObject({ state: 'error', error: { kind: 'auth', requestId: 'req-1' } });
    expect(names(view)).toEqual(['a:gz:to-sh', 'a:gz:to-globex', 'a:sh:back']);
    // Known instances are not listed again; new ones are picked up by the next refresh after they are.
    await svc.refresh(['a']);
    expect(cloud.calls.sort()).toEqual(['a', 'b']);
  });

  it('shows what it knew at the last start, from disk, before any network call', async () => {
    await service().refresh();
    const calls = cloud.ruleCalls.length;
    const next = service();
    await instances.load();
    await next.load();
    expect(names(next.view())).toEqual(['a:gz:to-sh', 'a:gz:to-globex', 'a:sh:back', 'b:sg:offsite']);
    expect(next.view().profiles[0]).toEqual({ profileId: 'a', state: 'ok', fetchedAt: clock.toISOString() });
    // The destination's name comes from the instances known (also from disk).
    expect(next.view().rows[1]?.target.name).toBe('sg');
    expect(cloud.ruleCalls.length).toBe(calls);
    const file = JSON.parse(await home.read('cache/rules.json')) as { version: number; profiles: unknown[] };
    expect(file.version).toBe(1);
    expect(file.profiles).toHaveLength(2);
  });

  it('sets a corrupt cache aside and starts empty', async () => {
    await mkdir(home.path('cache'), { recursive: true });
    await writeFile(home.path('cache', 'rules.json'), '{not json');
    const svc = service();
    await svc.load();
    expect(svc.view().rows).toEqual([]);
    expect(svc.view().profiles.map((p) => p.state)).toEqual(['never', 'never']);
  });

  it('drops the rules of a deleted profile, on disk too', async () => {
    const svc = service();
    await svc.refresh();
    list = [list[0]!];
    expect(svc.view().profiles.map((p) => p.profileId)).toEqual(['a']);
    svc.profilesChanged(list);
    await svc.stop();
    const file = JSON.parse(await readFile(home.path('cache', 'rules.json'), 'utf8')) as {
      profiles: { profileId: string }[];
    };
    expect(file.profiles.map((p) => p.profileId)).toEqual(['a']);
    expect(events.at(-1)?.rows.every((r) => r.profileId === 'a')).toBe(true);
  });

  it('does not bring back the rules of a profile deleted while the cloud answered', async () => {
    const gate = deferred();
    cloud.ruleAnswers.set('tcr-sg', async () => {
      await gate.promise;
      return [cloudRule(7, 'offsite', 'elsewhere', 'sg')];
    });
    const svc = service();
    const done = svc.refresh();
    await new Promise((r) => setTimeout(r, 10));
    list = [list[0]!];
    svc.profilesChanged(list);
    gate.resolve();
    const view = await done;
    expect(view.rows.every((r) => r.profileId === 'a')).toBe(true);
    const file = JSON.parse(await home.read('cache/rules.json')) as { profiles: { profileId: string }[] };
    expect(file.profiles.map((p) => p.profileId)).toEqual(['a']);
  });

  it('cancels a refresh: waiting profiles end as cancelled and keep their rules', async () => {
    const svc = service();
    await svc.refresh();
    cloud.ruleAnswers.set('tcr-gz', () => new Promise(() => undefined));
    const pending = svc.refresh();
    await new Promise((r) => setTimeout(r, 10));
    svc.cancel();
    const view = await pending;
    expect(names(view)).toContain('a:gz:to-sh');
    expect(view.profiles[0]).toMatchObject({ state: 'error', error: { kind: 'cancelled' } });
    expect(view.refreshing).toBe(false);
  });
});

describe('RuleService under concurrent calls', () => {
  it('joins a running refresh that covers the profiles asked, and queues those it does not', async () => {
    const gate = deferred();
    cloud.ruleAnswers.set('tcr-gz', async () => {
      await gate.promise;
      return [cloudRule(1, 'to-sh', 'sh', 'gz')];
    });
    const svc = service();
    const first = svc.refresh(['a']);
    const joined = svc.refresh(['a']);
    const queued = svc.refresh(['a', 'b']);
    await new Promise((r) => setTimeout(r, 10));
    // Only 'a' runs now: 'b' waits for the first refresh to end.
    expect(cloud.ruleCalls.filter((c) => c.startsWith('b/'))).toEqual([]);
    gate.resolve();
    const [one, two, three] = await Promise.all([first, joined, queued]);
    expect(cloud.ruleCalls.filter((c) => c.endsWith('tcr-gz'))).toHaveLength(1);
    expect(cloud.ruleCalls.filter((c) => c.endsWith('tcr-sg'))).toHaveLength(1);
    expect(one.rows.map((r) => r.name)).toEqual(['to-sh', 'back']);
    expect(two.rows.map((r) => r.name)).toEqual(['to-sh', 'back']);
    expect(three.rows.map((r) => r.name)).toEqual(['to-sh', 'back', 'offsite']);
    expect(three.refreshing).toBe(false);
  });

  it('a Cancel also drops the refreshes queued behind the running one', async () => {
    cloud.ruleAnswers.set('tcr-gz', () => new Promise(() => undefined));
    const svc = service();
    const first = svc.refresh(['a']);
    const queued = svc.refresh(['b']);
    await new Promise((r) => setTimeout(r, 10));
    svc.cancel();
    const [one, two] = await Promise.all([first, queued]);
    expect(one.profiles[0]).toMatchObject({ state: 'error', error: { kind: 'cancelled' } });
    expect(two.profiles[1]).toEqual({ profileId: 'b', state: 'never' });
    expect(cloud.ruleCalls.filter((c) => c.startsWith('b/'))).toEqual([]);
    // The next refresh runs as usual.
    expect((await svc.refresh(['b'])).profiles[1]).toMatchObject({ state: 'ok' });
  });

  it('two full refreshes at once ask the cloud once', async () => {
    const svc = service();
    const [one, two] = await Promise.all([svc.refresh(), svc.refresh()]);
    expect(cloud.ruleCalls).toHaveLength(3);
    expect(one).toEqual(two);
  });
});

describe('RuleService: a slow cloud', () => {
  it('shows retries, and gives up on a profile after 30 s with a timeout on that profile only', async () => {
    const fake = new FakeClock('2026-11-28T10:00:00.000Z');
    const svc = service(fake);
    await instances.refresh();
    cloud.ruleAnswers.set('tcr-sh', () => new Promise(() => undefined)); // never answers
    const refreshing = svc.refresh();
    await new Promise((r) => setTimeout(r, 5));
    hub.emit('cloud:attempt', { profileId: 'a', action: 'DescribeReplicationPolicies', attempt: 2 });
    // Another feature's retries are not this one's.
    hub.emit('cloud:attempt', { profileId: 'a', action: 'DescribeInstances', attempt: 3 });
    expect(svc.view().profiles[0]).toEqual({
      profileId: 'a',
      state: 'loading',
      attempt: 2,
      givesUpAt: new Date(Date.parse('2026-11-28T10:00:00.000Z') + RULES_REFRESH_CAP_MS).toISOString(),
    });
    expect(RULES_REFRESH_CAP_MS).toBe(30_000);
    fake.advance(RULES_REFRESH_CAP_MS);
    const view = await refreshing;
    expect(view.profiles[0]).toMatchObject({
      state: 'error',
      error: { kind: 'timeout', code: 'Timeout', action: 'DescribeReplicationPolicies' },
    });
    expect(view.profiles[0]).not.toHaveProperty('attempt');
    expect(view.profiles[1]).toMatchObject({ state: 'ok' });
  });
});

describe('RuleService.stop (the app is quitting)', () => {
  it('cancels the refresh, starts no other, and resolves once the cache file is written', async () => {
    const svc = service();
    await svc.refresh(['a']);
    cloud.ruleAnswers.set('tcr-gz', () => new Promise(() => undefined));
    const before = cloud.ruleCalls.length;
    const pending = svc.refresh();
    // Stopped once both profiles' refreshes are under way (Acme's waiting on tcr-gz), however busy the machine.
    await vi.waitFor(() => {
      const asked = cloud.ruleCalls.slice(before);
      expect(asked.some((c) => c.endsWith('/tcr-gz'))).toBe(true);
      expect(asked.some((c) => !c.endsWith('/tcr-gz'))).toBe(true);
    });
    await svc.stop();
    expect((await pending).profiles[0]?.error?.kind).toBe('cancelled');
    const file = JSON.parse(await home.read('cache/rules.json')) as { profiles: { profileId: string }[] };
    // Acme's rules from before (its refresh was cancelled), Globex's from the refresh stopped.
    expect(file.profiles.map((p) => p.profileId).sort()).toEqual(['a', 'b']);
    const calls = cloud.ruleCalls.length;
    await svc.refresh();
    expect(cloud.ruleCalls.length).toBe(calls);
  });
});
