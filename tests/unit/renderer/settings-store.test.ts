// The UI language: the one chosen in Settings, or the system's once main has said what it is,
// whichever of the two answers comes last.
import { describe, expect, it, vi } from 'vitest';
import type { AppInfo, Result, Settings } from '../../../src-main/contract/index.js';

const replies = new Map<string, (value: unknown) => void>();
vi.mock('../../../src-renderer/lib/api.js', () => ({
  api: {
    invoke: (channel: string) =>
      new Promise<Result<unknown>>((resolve) => replies.set(channel, (value) => resolve({ ok: true, value }))),
    on: () => () => undefined,
  },
}));
const { appInfo, initialSettings, settings } = await import('../../../src-renderer/lib/stores/settings.svelte.js');
const { i18n } = await import('../../../src-renderer/lib/i18n/i18n.svelte.js');

const info: AppInfo = {
  version: '0.1.0',
  systemLanguage: 'zh-CN',
  host: 'browser',
  userDataDir: '/tmp/x',
  regions: ['ap-guangzhou'],
  colours: ['blue'],
  defaultEndpoint: 'tcr.tencentcloudapi.com',
};
const followSystem: Settings = { ...initialSettings, language: 'system' };

function answer(channel: string, value: unknown): void {
  const reply = replies.get(channel);
  if (!reply) throw new Error(`${channel} was not asked`);
  reply(value);
}

describe('settings store', () => {
  it('follows the system language even when the settings answer before the app info', async () => {
    const loading = Promise.all([settings.load(), appInfo.load()]);
    answer('settings:get', followSystem);
    answer('app:info', info);
    await loading;
    expect(settings.info).toEqual(info);
    expect(i18n.language).toBe('zh-CN');

    settings.set({ ...initialSettings, language: 'en' });
    expect(i18n.language).toBe('en');
    settings.set(followSystem);
    expect(i18n.language).toBe('zh-CN');
  });
});
