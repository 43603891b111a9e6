import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../../../src-main/accounts/keychain-types.js';
import { KeychainService, REPROBE_AFTER_MS } from '../../../../src-main/services/app-state/keychain-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { EventRecorder } from '../fakes/event-recorder.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { FakeSecretStore, type KeychainFailure } from '../fakes/fake-secret-store.js';
import { failureOf } from '../fakes/failure-of.js';

function setup() {
  const hub = new EventHub();
  const events = new EventRecorder(hub);
  const secrets = new FakeSecretStore();
  const clock = new FakeClock('2026-11-28T10:00:00.000Z');
  const keychain = new KeychainService(secrets, hub, clock);
  return { hub, events, secrets, clock, keychain };
}

const save =
  (value = 'v') =>
  (store: SecretStore) =>
    store.set('profile:x', value);

describe('KeychainService status', () => {
  it('is checking until the probe answers, then ok, and every window hears both', async () => {
    const { keychain, events } = setup();
    expect(keychain.status()).toEqual({ state: 'checking' });
    await expect(keychain.probe()).resolves.toEqual({ state: 'ok', checkedAt: '2026-11-28T10:00:00.000Z' });
    expect(keychain.status()).toEqual({ state: 'ok', checkedAt: '2026-11-28T10:00:00.000Z' });
    expect(events.of('keychain:status')).toEqual([
      { state: 'checking' },
      { state: 'ok', checkedAt: '2026-11-28T10:00:00.000Z' },
    ]);
    expect(events.toWindows.map((m) => m.event)).toEqual(['keychain:status', 'keychain:status']);
  });

  it.each<[KeychainFailure, 'unavailable' | 'locked']>([
    ['unavailable', 'unavailable'],
    ['failed', 'unavailable'],
    ['locked', 'locked'],
    // A probe that timed out or was cancelled waited on an unlock prompt.
    ['timeout', 'locked'],
    ['cancelled', 'locked'],
  ])('a probe failing with %s shows the keychain as %s, with its words', async (kind, state) => {
    const { keychain, secrets } = setup();
    secrets.failWith('probe', kind, 'org.freedesktop.secrets was not provided');
    await keychain.probe();
    expect(keychain.status()).toEqual({
      state,
      detail: 'org.freedesktop.secrets was not provided',
      checkedAt: '2026-11-28T10:00:00.000Z',
    });
  });

  it('a probe failing with something that is not a keychain error shows it unavailable', async () => {
    const hub = new EventHub();
    const store = new FakeSecretStore();
    store.probe = async () => {
      throw new Error('spawn ENOENT');
    };
    const keychain = new KeychainService(store, hub, new FakeClock());
    await keychain.probe();
    expect(keychain.status()).toMatchObject({ state: 'unavailable', detail: 'spawn ENOENT' });
  });

  it('a recheck finds a keychain that was unlocked in the meantime', async () => {
    const { keychain, secrets, clock, events } = setup();
    secrets.failWith('probe', 'locked');
    await keychain.probe();
    secrets.heal();
    clock.advance(5000);
    await keychain.probe();
    expect(keychain.status()).toEqual({ state: 'ok', checkedAt: '2026-11-28T10:00:05.000Z' });
    expect(events.of('keychain:status').map((s) => s.state)).toEqual(['checking', 'locked', 'checking', 'ok']);
  });

  it('hands out a copy of its status', async () => {
    const { keychain } = setup();
    await keychain.probe();
    const status = keychain.status();
    status.state = 'locked';
    expect(keychain.status().state).toBe('ok');
  });
});

describe('KeychainService probes once at a time', () => {
  it('runs one probe for callers that ask at once, and they all get its answer', async () => {
    const { keychain, secrets } = setup();
    secrets.hold();
    const answers = Promise.all([keychain.probe(), keychain.probe(), keychain.probe()]);
    await Promise.resolve();
    secrets.releaseAll();
    const [a, b, c] = await answers;
    expect(secrets.probes).toBe(1);
    expect(a).toEqual({ state: 'ok', checkedAt: '2026-11-28T10:00:00.000Z' });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('runs one probe for keychain calls made before the start-up probe answered', async () => {
    const { keychain, secrets } = setup();
    secrets.hold();
    const startup = keychain.probe();
    const calls = Promise.all([
      keychain.use((s) => s.set('profile:a', 'A')),
      keychain.use((s) => s.set('profile:b', 'B')),
    ]);
    await new Promise((r) => setTimeout(r, 5));
    secrets.releaseAll();
    await Promise.all([startup, calls]);
    expect(secrets.probes).toBe(1);
    expect([...secrets.entries.keys()].sort()).toEqual(['profile:a', 'profile:b']);
  });

  it('probes first when a call comes before any probe', async () => {
    const { keychain, secrets } = setup();
    await keychain.use(save('first'));
    expect(secrets.probes).toBe(1);
    expect(secrets.entries.get('profile:x')).toBe('first');
    expect(keychain.status().state).toBe('ok');
  });

  it('a call made during a recheck waits for its answer, and is refused when the keychain turned out locked', async () => {
    const { keychain, secrets } = setup();
    await keychain.probe();
    secrets.failWith('probe', 'locked', 'Collection is locked');
    secrets.hold();
    const recheck = keychain.probe();
    const call = keychain.use(save());
    await new Promise((r) => setTimeout(r, 5));
    secrets.releaseAll();
    await recheck;
    const error = await failureOf(call);
    expect(error.code).toBe('KEYCHAIN_LOCKED');
    expect(secrets.entries.size).toBe(0);
  });
});

describe('KeychainService.use', () => {
  it('runs the call and returns its value when the keychain is usable', async () => {
    const { keychain, secrets } = setup();
    secrets.entries.set('profile:x', 'secret');
    await keychain.probe();
    await expect(keychain.use((s) => s.get('profile:x'))).resolves.toBe('secret');
  });

  it.each([
    ['unavailable', 'KEYCHAIN_UNAVAILABLE', 'The OS keychain is not available: no D-Bus'],
    ['locked', 'KEYCHAIN_LOCKED', 'The OS keychain is locked: no D-Bus'],
  ] as const)('refuses every call while the keychain is %s, without touching it', async (kind, code, message) => {
    const { keychain, secrets } = setup();
    secrets.failWith('probe', kind, 'no D-Bus');
    await keychain.probe();
    secrets.heal(); // even if it would work now: the banner says it does not, until a recheck
    const error = await failureOf(keychain.use(save()));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(secrets.entries.size).toBe(0);
  });

  it.each([
    ['unavailable', 'KEYCHAIN_UNAVAILABLE'],
    ['locked', 'KEYCHAIN_LOCKED'],
  ] as const)('a call failing with %s updates the banner and refuses the calls after it', async (kind, code) => {
    const { keychain, secrets, events, clock } = setup();
    await keychain.probe();
    clock.advance(60_000);
    secrets.failWith('set', kind, 'Secret Service went away');
    expect((await failureOf(keychain.use(save()))).code).toBe(code);
    const expected = { state: kind, detail: 'Secret Service went away', checkedAt: '2026-11-28T10:01:00.000Z' };
    expect(keychain.status()).toEqual(expected);
    expect(events.last('keychain:status')).toEqual(expected);
    secrets.heal();
    expect((await failureOf(keychain.use((s) => s.get('profile:x')))).code).toBe(code);
    // A recheck that finds it usable again lets calls through.
    await keychain.probe();
    await keychain.use(save('after'));
    expect(secrets.entries.get('profile:x')).toBe('after');
  });

  it.each([
    ['timeout', 'KEYCHAIN_TIMEOUT', 'The OS keychain did not answer in time: took 30 s'],
    ['cancelled', 'KEYCHAIN_CANCELLED', 'The keychain request was cancelled'],
    ['failed', 'KEYCHAIN_FAILED', 'The OS keychain reported an error: took 30 s'],
  ] as const)('a call failing with %s throws %s and leaves the banner as it was', async (kind, code, message) => {
    const { keychain, secrets, events } = setup();
    await keychain.probe();
    events.clear();
    secrets.failWith('get', kind, 'took 30 s');
    const error = await failureOf(keychain.use((s) => s.get('profile:x')));
    expect({ code: error.code, message: error.message }).toEqual({ code, message });
    expect(keychain.status().state).toBe('ok');
    expect(events.of('keychain:status')).toEqual([]);
  });

  it('passes an error that is not the keychain’s through unchanged', async () => {
    const { keychain } = setup();
    await keychain.probe();
    const boom = new TypeError('Both the SecretId and the SecretKey are required.');
    await expect(
      keychain.use(async () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(keychain.status().state).toBe('ok');
  });

  it('both calls fail with the mapped code when the keychain locks under two calls at once', async () => {
    const { keychain, secrets } = setup();
    await keychain.probe();
    secrets.failWith('all', 'locked', 'locked by the user');
    const [a, b] = await Promise.all([failureOf(keychain.use(save())), failureOf(keychain.use((s) => s.get('x')))]);
    expect([a.code, b.code]).toEqual(['KEYCHAIN_LOCKED', 'KEYCHAIN_LOCKED']);
    expect(keychain.status()).toMatchObject({ state: 'locked', detail: 'locked by the user' });
  });

  it('Cancel ends the call that waits on the keychain (an unlock prompt) as cancelled, and saves nothing', async () => {
    const { keychain, secrets } = setup();
    await keychain.probe();
    secrets.hold();
    const call = keychain.use(save());
    await new Promise((r) => setTimeout(r, 5));
    expect(secrets.waiting).toBe(1);
    keychain.cancel();
    expect((await failureOf(call)).code).toBe('KEYCHAIN_CANCELLED');
    expect(secrets.entries.size).toBe(0);
    expect(keychain.status().state).toBe('ok');
  });
});

describe('KeychainService wait state', () => {
  it('starts with nobody waiting', () => {
    expect(setup().keychain.waitState()).toEqual({ waiting: false });
  });

  it('tells every window when a call starts and stops waiting on the keychain', () => {
    const { keychain, secrets, events } = setup();
    secrets.announceWait({
      waiting: true,
      operation: 'save',
      since: new Date('2026-11-28T10:00:02.000Z'),
      timeoutMs: 30_000,
    });
    const waiting = { waiting: true, operation: 'save', since: '2026-11-28T10:00:02.000Z', timeoutSeconds: 30 };
    expect(keychain.waitState()).toEqual(waiting);
    secrets.announceWait({ waiting: false });
    expect(keychain.waitState()).toEqual({ waiting: false });
    expect(events.of('keychain:wait')).toEqual([waiting, { waiting: false }]);
    expect(events.toWindows.filter((m) => m.event === 'keychain:wait')).toHaveLength(2);
  });

  it('rounds the timeout to whole seconds', () => {
    const { keychain, secrets } = setup();
    secrets.announceWait({ waiting: true, operation: 'read', timeoutMs: 2_600 });
    expect(keychain.waitState()).toEqual({ waiting: true, operation: 'read', timeoutSeconds: 3 });
  });
});

describe('KeychainService: a keychain that recovers on its own', () => {
  it.each(['unavailable', 'locked'] as const)(
    'found %s, it is asked again on the next use after 10 s, and the call goes through',
    async (kind) => {
      const { keychain, secrets, clock, events } = setup();
      secrets.failWith('probe', kind, 'stuck');
      await keychain.probe();
      secrets.heal(); // the user unlocked it, or the service came back; nobody pressed Check
      expect((await failureOf(keychain.use(save('too soon')))).code).toMatch(/^KEYCHAIN_/);
      clock.advance(REPROBE_AFTER_MS);
      await keychain.use(save('now'));
      expect(secrets.entries.get('profile:x')).toBe('now');
      expect(keychain.status().state).toBe('ok');
      expect(events.last('keychain:status')).toMatchObject({ state: 'ok' });
    },
  );

  it('still stuck after 10 s: the call is refused after one new probe, and the next ones fail at once', async () => {
    const { keychain, secrets, clock } = setup();
    secrets.failWith('probe', 'locked', 'stuck');
    await keychain.probe();
    const probes = secrets.probes;
    clock.advance(REPROBE_AFTER_MS);
    expect((await failureOf(keychain.use(save()))).code).toBe('KEYCHAIN_LOCKED');
    expect((await failureOf(keychain.use(save()))).code).toBe('KEYCHAIN_LOCKED');
    expect(secrets.probes).toBe(probes + 1);
  });
});
