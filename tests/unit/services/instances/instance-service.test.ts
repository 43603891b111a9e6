import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstancesView, ProfileView } from '../../../../src-main/contract/index.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { InstanceCache } from '../../../../src-main/services/instances/instance-cache.js';
import { InstanceService, REFRESH_CAP_MS } from '../../../../src-main/services/instances/instance-service.js';
import type { Clock } from '../../../../src-main/base/clock.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { FakeCloud, instance, NetworkDown } from '../fakes/fake-cloud.js';

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

let dir: string;
let cloud: FakeCloud;
let list: ProfileView[];
let events: InstancesView[];
let clock: Date;

let hub: EventHub;

/** The service over the fake cloud; `timer` moves the refresh cap (by default it never runs out). */
function service(
  timer: Clock = { now: () => clock.getTime(), sleep: () => new Promise<void>(() => undefined) },
): InstanceService {
  hub = new EventHub();
  hub.on('instances:changed', (view) => events.push(view));
  return new InstanceService({
    profiles: { list: () => list },
    targets: { targetFor: async (p) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }) },
    reader: cloud,
    cache: new InstanceCache(dir),
    events: hub,
    clock: timer,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'instances-'));
  cloud = new FakeCloud();
  list = [profile('a', 'Prod'), profile('b', 'Dev')];
  events = [];
  clock = new Date('2026-11-28T10:00:00.000Z');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('InstanceService', () => {
  it('asks every profile at once and shows all their instances', async () => {
    const started: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    for (const id of ['a', 'b']) {
      cloud.answers.set(id, async () => {
        started.push(id);
        await gate;
        return [instance(`${id}-1`), instance(`${id}-2`)];
      });
    }
    const svc = service();
    const done = svc.refresh();
    await new Promise((r) => setTimeout(r, 10));
    // Both profiles are in flight before either answers: not one after the other.
    expect(started).toEqual(['a', 'b']);
    expect(svc.view().profiles.map((p) => p.state)).toEqual(['loading', 'loading']);
    // Every event while it runs says so, the very first included (the UI shows progress and Cancel).
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.refreshing)).toBe(true);
    release();
    const view = await done;
    expect(view.rows.map((r) => `${r.profileId}:${r.name}`)).toEqual(['a:a-1', 'a:a-2', 'b:b-1', 'b:b-2']);
    expect(view.profiles).toEqual([
      { profileId: 'a', state: 'ok', fetchedAt: clock.toISOString() },
      { profileId: 'b', state: 'ok', fetchedAt: clock.toISOString() },
    ]);
    expect(view.refreshing).toBe(false);
    expect(events.at(-1)?.refreshing).toBe(false);
  });

  it('keeps a failing profile’s error on its own, without blanking the others', async () => {
    cloud.answers.set('a', async () => [instance('prod')]);
    cloud.answers.set('b', async () => {
      throw new Error('signature');
    });
    const view = await service().refresh();
    expect(view.rows.map((r) => r.name)).toEqual(['prod']);
    expect(view.profiles[1]).toEqual({
      profileId: 'b',
      state: 'error',
      error: { code: 'AuthFailure.SignatureFailure', message: 'bad key', kind: 'auth', requestId: 'req-1' },
    });
  });

  it('keeps the last known rows, with their age, when a profile goes offline', async () => {
    cloud.answers.set('a', async () => [instance('prod')]);
    const svc = service();
    await svc.refresh();
    clock = new Date('2026-11-28T13:00:00.000Z');
    cloud.answers.set('a', async () => {
      throw new NetworkDown();
    });
    const view = await svc.refresh();
    expect(view.rows.map((r) => r.name)).toEqual(['prod']);
    expect(view.profiles[0]).toMatchObject({
      state: 'error',
      fetchedAt: '2026-11-28T10:00:00.000Z',
      error: { kind: 'network' },
    });
  });

  it('shows what it knew at the last start, from disk, before any network call', async () => {
    cloud.answers.set('a', async () => [instance('prod')]);
    await service().refresh();
    const next = service();
    await next.load();
    expect(next.view().rows.map((r) => r.name)).toEqual(['prod']);
    expect(next.view().profiles[0]).toEqual({ profileId: 'a', state: 'ok', fetchedAt: clock.toISOString() });
    expect(cloud.calls).toEqual(['a', 'b']);
  });

  it('sets a corrupt cache aside and starts empty', async () => {
    await mkdir(path.join(dir, 'cache'));
    await writeFile(path.join(dir, 'cache', 'instances.json'), '{not json');
    const svc = service();
    await svc.load();
    expect(svc.view().rows).toEqual([]);
    await expect(readFile(path.join(dir, 'cache', 'instances.json'), 'utf8')).rejects.toThrow();
  });

  it('drops the rows of a deleted profile', async () => {
    cloud.answers.set('a', async () => [instance('prod')]);
    cloud.answers.set('b', async () => [instance('dev')]);
    const svc = service();
    await svc.refresh();
    list = [list[0]!];
    expect(svc.view().rows.map((r) => r.name)).toEqual(['prod']);
    expect(svc.view().profiles.map((p) => p.profileId)).toEqual(['a']);
  });

  it('cancels a refresh: waiting profiles end as cancelled and keep their rows', async () => {
    cloud.answers.set('a', async () => [instance('prod')]);
    const svc = service();
    await svc.refresh();
    cloud.answers.set('a', () => new Promise(() => {}));
    const pending = svc.refresh();
    svc.cancel();
    const view = await pending;
    expect(view.rows.map((r) => r.name)).toEqual(['prod']);
    expect(view.profiles[0]).toMatchObject({ state: 'error', error: { kind: 'cancelled' } });
  });

  it('joins a running refresh, and queues profiles it does not cover', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    cloud.answers.set('a', async () => {
      await gate;
      return [instance('prod')];
    });
    const svc = service();
    const first = svc.refresh(['a']);
    const second = svc.refresh(['a', 'b']);
    release();
    await Promise.all([first, second]);
    expect(cloud.calls).toEqual(['a', 'b']);
  });
});

describe('InstanceService follows the profiles', () => {
  it('fetches a new or edited profile at once and forgets a deleted one, on disk too', async () => {
    cloud.answers.set('a', async () => [instance('prod')]);
    cloud.answers.set('b', async () => [instance('dev')]);
    const svc = service();
    await svc.load();
    await svc.refresh();
    cloud.calls = [];

    const added = profile('c', 'Staging');
    cloud.answers.set('c', async () => [instance('staging')]);
    list = [...list, added];
    svc.profilesChanged(list);
    await expect.poll(() => svc.view().rows.map((r) => r.name)).toEqual(['prod', 'dev', 'staging']);
    expect(cloud.calls).toEqual(['c']);

    // Staging is deleted, and Dev moves to another endpoint, in one change.
    list = [list[0]!, { ...list[1]!, endpoint: 'tcr.internal.example.com' }];
    cloud.answers.set('b', () => new Promise(() => {}));
    svc.profilesChanged(list);
    // Another endpoint is another cloud: the old rows go at once, the new ones are on their way.
    expect(svc.view().rows.map((r) => r.name)).toEqual(['prod']);
    expect(svc.view().profiles[1]).toMatchObject({ profileId: 'b', state: 'loading' });
    expect(events.at(-1)?.profiles.map((p) => p.profileId)).toEqual(['a', 'b']);
    svc.cancel();

    // Staging was deleted in the same change: its rows leave the disk cache too.
    await expect.poll(() => readFile(path.join(dir, 'cache', 'instances.json'), 'utf8')).not.toContain('staging');
  });

  it('refetches a profile whose keys were rotated, keeping its rows until the answer', async () => {
    cloud.answers.set('a', async () => [instance('prod')]);
    const svc = service();
    await svc.load();
    await svc.refresh(['a']);
    cloud.calls = [];
    cloud.answers.set('a', async () => [instance('prod'), instance('prod-2')]);
    list = [{ ...list[0]!, keysUpdatedAt: '2026-11-28T11:00:00.000Z' }, list[1]!];
    svc.profilesChanged(list);
    expect(svc.view().rows.map((r) => r.name)).toEqual(['prod']);
    await expect.poll(() => svc.view().rows.map((r) => r.name)).toEqual(['prod', 'prod-2']);
    expect(cloud.calls).toEqual(['a']);
  });

  it('refetches with the new keys even when a fetch with the old ones is still running', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    cloud.answers.set('a', async () => {
      await gate;
      return [instance('with-old-keys')];
    });
    const svc = service();
    await svc.load();
    const first = svc.refresh(['a']);
    cloud.answers.set('a', async () => [instance('with-new-keys')]);
    list = [{ ...list[0]!, keysUpdatedAt: '2026-11-28T11:00:00.000Z' }, list[1]!];
    svc.profilesChanged(list);
    release();
    await first;
    await expect.poll(() => svc.view().rows.map((r) => r.name)).toEqual(['with-new-keys']);
    expect(cloud.calls).toEqual(['a', 'a']);
  });

  it('does not refetch when nothing a fetch depends on changed (a rename, a colour, the uin)', async () => {
    const svc = service();
    await svc.load();
    list = list.map((p) => ({ ...p, name: `${p.name}!`, colour: 'green', uin: '100012345678', updatedAt: 'later' }));
    svc.profilesChanged(list);
    expect(cloud.calls).toEqual([]);
    expect(events.at(-1)?.profiles.map((p) => p.profileId)).toEqual(['a', 'b']);
  });
});

describe('InstanceService: a slow or failing cloud', () => {
  it('shows each retry with the time it gives up, and gives up after 30 s with a timeout on that profile only', async () => {
    const fake = new FakeClock('2026-11-28T10:00:00.000Z');
    const instances = service(fake);
    cloud.answers.set('a', () => new Promise(() => undefined)); // never answers
    cloud.answers.set('b', async () => [instance('b-1')]);
    const refreshing = instances.refresh();
    await new Promise((r) => setTimeout(r, 5));
    hub.emit('cloud:attempt', { profileId: 'a', action: 'DescribeReplicationPolicies', attempt: 3 }); // not ours
    hub.emit('cloud:attempt', { profileId: 'a', action: 'DescribeInstances', attempt: 2 });
    expect(events.at(-1)?.profiles.find((p) => p.profileId === 'a')).toEqual({
      profileId: 'a',
      state: 'loading',
      attempt: 2,
      givesUpAt: new Date(Date.parse('2026-11-28T10:00:00.000Z') + REFRESH_CAP_MS).toISOString(),
    });
    expect(REFRESH_CAP_MS).toBe(30_000);
    fake.advance(REFRESH_CAP_MS);
    const view = await refreshing;
    expect(view.profiles.find((p) => p.profileId === 'a')).toMatchObject({
      state: 'error',
      error: { kind: 'timeout', code: 'Timeout', message: 'No answer within 30 s' },
    });
    expect(view.profiles.find((p) => p.profileId === 'a')).not.toHaveProperty('attempt');
    expect(view.profiles.find((p) => p.profileId === 'b')).toMatchObject({ state: 'ok' });
    expect(view.rows.map((r) => r.registryId)).toEqual(['tcr-b-1']);
  });

  it('a Cancel before the cap reads as cancelled, not as a timeout', async () => {
    const instances = service(new FakeClock());
    cloud.answers.set('a', () => new Promise(() => undefined));
    const refreshing = instances.refresh(['a']);
    await new Promise((r) => setTimeout(r, 5));
    instances.cancel();
    const view = await refreshing;
    expect(view.profiles.find((p) => p.profileId === 'a')?.error?.kind).toBe('cancelled');
  });
});

describe('InstanceService.stop (the app is quitting)', () => {
  it('cancels the refresh, starts no other, and resolves once the cache file is written', async () => {
    const svc = service();
    cloud.answers.set('a', async () => [instance('prod')]);
    await svc.refresh(['a']);
    cloud.answers.set('a', () => new Promise(() => undefined));
    const pending = svc.refresh();
    await svc.stop();
    expect((await pending).profiles.find((p) => p.profileId === 'a')?.error?.kind).toBe('cancelled');
    const file = JSON.parse(await readFile(path.join(dir, 'cache', 'instances.json'), 'utf8')) as {
      profiles: { profileId: string }[];
    };
    expect(file.profiles.map((p) => p.profileId)).toEqual(['a']);
    const calls = cloud.calls.length;
    await svc.refresh();
    expect(cloud.calls.length).toBe(calls);
  });
});
