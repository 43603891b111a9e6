// The one way the renderer mirrors main's state: read it through a channel, follow its event.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProfileView, Result } from '../../../src-main/contract/index.js';

type Handler = (payload: unknown) => void;
const replies = new Map<string, Result<unknown>>();
const handlers = new Map<string, Set<Handler>>();
const asked: string[] = [];

vi.mock('../../../src-renderer/lib/api.js', () => ({
  api: {
    invoke: (channel: string) => {
      asked.push(channel);
      return Promise.resolve(replies.get(channel) ?? { ok: false, error: { code: 'INTERNAL', message: 'no reply' } });
    },
    on: (event: string, handler: Handler) => {
      const set = handlers.get(event) ?? new Set<Handler>();
      set.add(handler);
      handlers.set(event, set);
      return () => set.delete(handler);
    },
  },
}));
const { listenAll, loadAll, synced } = await import('../../../src-renderer/lib/stores/synced.svelte.js');
const { initialSettings } = await import('../../../src-renderer/lib/stores/settings.svelte.js');

function push(event: string, payload: unknown): void {
  for (const handler of handlers.get(event) ?? []) handler(payload);
}

function profile(name: string): ProfileView {
  return {
    id: `id-${name}`,
    name,
    uin: '',
    region: 'ap-guangzhou',
    endpoint: 'example.test',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID****',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

beforeEach(() => {
  replies.clear();
  handlers.clear();
  asked.length = 0;
});

describe('synced', () => {
  it('starts from the initial value, loads through its channel, then follows its event', async () => {
    const list = synced('profiles:list', 'profiles:changed', []);
    expect(list.value).toEqual([]);
    expect(list.loaded).toBe(false);

    replies.set('profiles:list', { ok: true, value: [profile('a')] });
    await list.load();
    expect(asked).toEqual(['profiles:list']);
    expect(list.value.map((p) => p.name)).toEqual(['a']);
    expect(list.loaded).toBe(true);

    const stop = list.listen();
    push('profiles:changed', [profile('a'), profile('b')]);
    expect(list.value.map((p) => p.name)).toEqual(['a', 'b']);

    stop();
    push('profiles:changed', []);
    expect(list.value).toHaveLength(2);
  });

  it('keeps what it had when the load fails, and counts as loaded', async () => {
    const list = synced('profiles:list', 'profiles:changed', [profile('kept')]);
    await list.load();
    expect(list.value.map((p) => p.name)).toEqual(['kept']);
    expect(list.loaded).toBe(true);
  });

  it('is loaded once an event arrives, even before its load answers', () => {
    const list = synced('profiles:list', 'profiles:changed', []);
    list.listen();
    push('profiles:changed', [profile('early')]);
    expect(list.loaded).toBe(true);
    expect(list.value).toHaveLength(1);
  });

  it('tells onChange of every new value, loaded, pushed or set', async () => {
    const seen: string[] = [];
    const settings = synced(
      'settings:get',
      'settings:changed',
      { ...initialSettings, language: 'system' },
      { onChange: (s) => seen.push(s.language) },
    );
    replies.set('settings:get', { ok: true, value: { language: 'zh-CN', keychainTimeoutSeconds: 30 } });
    await settings.load();
    settings.listen();
    push('settings:changed', { language: 'en', keychainTimeoutSeconds: 30 });
    settings.set({ ...initialSettings, language: 'system', keychainTimeoutSeconds: 5 });
    expect(seen).toEqual(['zh-CN', 'en', 'system']);
    expect(settings.value.keychainTimeoutSeconds).toBe(5);
  });

  it('can start from nothing and have no event (state that does not change while the app runs)', async () => {
    const info = synced<'app:info', undefined>('app:info', undefined, undefined);
    expect(info.value).toBeUndefined();
    const stop = info.listen();
    expect(handlers.size).toBe(0);
    stop();
    replies.set('app:info', {
      ok: true,
      value: {
        version: '1.2.3',
        systemLanguage: 'en',
        host: 'browser',
        userDataDir: '/tmp/x',
        regions: ['ap-guangzhou'],
        colours: ['blue'],
        defaultEndpoint: 'tcr.example.test',
      },
    });
    await info.load();
    expect(info.value?.version).toBe('1.2.3');
  });

  it('loads and listens to a list at once', async () => {
    const list = synced('profiles:list', 'profiles:changed', []);
    const alerts = synced('app:alerts', 'app:alerts', []);
    replies.set('profiles:list', { ok: true, value: [profile('a')] });
    replies.set('app:alerts', { ok: true, value: [{ kind: 'profiles-corrupt', keptAs: 'f', at: 'now' }] });
    await loadAll([list, alerts]);
    expect(asked.sort()).toEqual(['app:alerts', 'profiles:list']);
    expect(list.value).toHaveLength(1);
    expect(alerts.value).toHaveLength(1);

    const stop = listenAll([list, alerts]);
    push('app:alerts', []);
    expect(alerts.value).toEqual([]);
    stop();
    push('profiles:changed', []);
    expect(list.value).toHaveLength(1);
  });
});
