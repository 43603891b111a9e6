// The notification centre in the renderer: main's history mirrored (pushed changes replace it),
// mark read / clear / mute asked of main, and a finished run told once in the window: a toast with
// Open in the browser host (and the browser's notification when allowed and the tab is hidden),
// nothing in the desktop app, where main's native notification already said it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo, NotificationsView, Result, RunNotice } from '../../../src-main/contract/index.js';

const asked: { channel: string; input: unknown }[] = [];
const answers = new Map<string, Result<unknown>>();
const listeners = new Map<string, (payload: unknown) => void>();
vi.mock('../../../src-renderer/lib/api.js', () => ({
  api: {
    invoke: (channel: string, input: unknown) => {
      asked.push({ channel, input });
      return Promise.resolve(answers.get(channel) ?? { ok: false, error: { code: 'INTERNAL', message: 'x' } });
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  },
}));
const { notifications } = await import('../../../src-renderer/lib/stores/notifications.svelte.js');
const { appInfo, initialSettings, settings } = await import('../../../src-renderer/lib/stores/settings.svelte.js');
const { toasts } = await import('../../../src-renderer/lib/stores/toasts.svelte.js');
const { listenRunNotices } = await import('../../../src-renderer/lib/run-notices.svelte.js');
const { i18n } = await import('../../../src-renderer/lib/i18n/i18n.svelte.js');

const PROFILE = '11111111-1111-4111-8111-111111111111';
function notice(id: number, extra: Partial<RunNotice> = {}): RunNotice {
  return {
    id: `${PROFILE}/tcr-sh/${String(id)}`,
    at: '2026-12-04T08:03:12Z',
    run: {
      key: `${PROFILE}/tcr-sh/${String(id)}`,
      profileId: PROFILE,
      source: { registryId: 'tcr-sh', name: 'prod-sh', regionId: 4, regionName: 'ap-shanghai' },
      ruleId: 7,
      ruleName: 'sh-to-gz',
      runId: id,
      status: 'Failed',
      total: 20,
      succeeded: 18,
      startedAt: '2026-12-04T08:00:00Z',
      endedAt: '2026-12-04T08:03:12Z',
      origin: 'cloud',
    },
    durationMs: 192_000,
    failedByStatus: { Failed: 2 },
    failed: true,
    read: false,
    raised: true,
    ...extra,
  };
}
function view(entries: RunNotice[]): NotificationsView {
  return { entries, unread: entries.filter((e) => !e.read).length, tray: 'failed', running: 0 };
}
const info = (host: AppInfo['host']): AppInfo => ({
  version: '0.1.0',
  systemLanguage: 'en',
  host,
  userDataDir: '/tmp/x',
  regions: [],
  colours: [],
  defaultEndpoint: 'x',
});

let stop: (() => void) | undefined;
beforeEach(() => {
  asked.length = 0;
  answers.clear();
  toasts.list = [];
  i18n.language = 'en';
});
afterEach(() => {
  stop?.();
  vi.unstubAllGlobals();
});

describe('notifications store', () => {
  it('mirrors main’s history and follows its pushed changes', async () => {
    answers.set('notifications:list', { ok: true, value: view([notice(2), notice(1, { read: true })]) });
    await notifications.load();
    expect(notifications.unread).toBe(1);
    stop = notifications.listen();
    listeners.get('notifications:changed')?.(view([notice(3), notice(2), notice(1, { read: true })]));
    expect(notifications.entries.map((e) => e.run.runId)).toEqual([3, 2, 1]);
    expect(notifications.unread).toBe(2);
  });

  it('asks main to mark one, or all, read and shows its answer', async () => {
    answers.set('notifications:markRead', { ok: true, value: view([notice(2, { read: true })]) });
    await notifications.markRead([notice(2).id]);
    await notifications.markRead();
    expect(asked).toEqual([
      { channel: 'notifications:markRead', input: { ids: [notice(2).id] } },
      { channel: 'notifications:markRead', input: {} },
    ]);
    expect(notifications.unread).toBe(0);
  });

  it('keeps the history when main refuses to clear it', async () => {
    notifications.set(view([notice(1)]));
    const result = await notifications.clear();
    expect(result.ok).toBe(false);
    expect(notifications.entries).toHaveLength(1);
  });

  it('mutes a rule by its key and shows main’s list of muted rules', async () => {
    settings.set({ ...initialSettings });
    answers.set('notifications:mute', { ok: true, value: [`${PROFILE}/tcr-sh/7`] });
    await notifications.mute({ profileId: PROFILE, registryId: 'tcr-sh', ruleId: 7 }, true);
    expect(asked).toEqual([
      { channel: 'notifications:mute', input: { profileId: PROFILE, registryId: 'tcr-sh', ruleId: 7, muted: true } },
    ]);
    expect(notifications.isMuted(notice(1).run)).toBe(true);
    expect(settings.value.mutedRules).toEqual([`${PROFILE}/tcr-sh/7`]);
  });
});

describe('a finished run in the window', () => {
  it('shows a toast with the figures and Open in the browser host', () => {
    appInfo.set(info('browser'));
    stop = listenRunNotices();
    listeners.get('sync:finished')?.(notice(5));
    expect(toasts.list.map((t) => [t.text, t.tone, t.action?.label])).toEqual([
      ['Rule sh-to-gz: 18/20 synced in 3 min 12 s — 2 failed', 'error', 'Open'],
    ]);
  });

  it('shows nothing for a run the settings silenced, nor in the desktop app', () => {
    appInfo.set(info('browser'));
    stop = listenRunNotices();
    listeners.get('sync:finished')?.(notice(6, { raised: false }));
    appInfo.set(info('electron'));
    listeners.get('sync:finished')?.(notice(7));
    expect(toasts.list).toEqual([]);
  });

  it('also asks the browser to show it when allowed and the tab is hidden', () => {
    const shown: { title: string; body: string | undefined }[] = [];
    vi.stubGlobal('document', { visibilityState: 'hidden', documentElement: {} });
    vi.stubGlobal(
      'Notification',
      class {
        static permission = 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body });
        }
        close() {}
      },
    );
    appInfo.set(info('browser'));
    stop = listenRunNotices();
    listeners.get('sync:finished')?.(notice(8));
    expect(shown).toEqual([{ title: 'Rule sh-to-gz', body: '18/20 synced in 3 min 12 s — 2 failed' }]);
    expect(toasts.list).toHaveLength(1);
  });
});
