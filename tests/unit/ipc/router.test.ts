import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src-main/ipc/router.js';
import { createRouter } from '../../../src-main/ipc/router.js';
import { channelNames } from '../../../src-main/contract/index.js';
import { UserFacingError } from '../../../src-main/services/shared/user-facing-error.js';

const trusted = { origin: 'app://app' };

function routerWith(overrides: Partial<Handlers>, internal: unknown[] = []) {
  const handlers = new Proxy(overrides, {
    get: (target, key: string) =>
      (target as Record<string, unknown>)[key] ??
      (() => {
        throw new Error(`handler ${key} should not run`);
      }),
  }) as Handlers;
  return createRouter(handlers, {
    isTrustedSender: (s) => s.origin === 'app://app',
    onInternalError: (_c, e) => internal.push(e),
  });
}

describe('router', () => {
  it('answers with the handler value in the ok envelope', async () => {
    const router = routerWith({ 'profiles:list': async () => [] });
    await expect(router.handle('profiles:list', undefined, trusted)).resolves.toEqual({ ok: true, value: [] });
  });

  it('validates input before any handler runs and names the field', async () => {
    const router = routerWith({});
    const result = await router.handle('profiles:delete', { id: 'not-a-uuid' }, trusted);
    expect(result).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Invalid input', field: 'id', fields: { id: 'id.invalid' } },
    });
  });

  it('refuses untrusted senders and unknown channels', async () => {
    const router = routerWith({});
    expect(await router.handle('profiles:list', undefined, { origin: 'https://evil.example' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await router.handle('shell:exec', undefined, trusted)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await router.handle('__proto__', undefined, trusted)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('passes user-facing errors through and hides internal ones', async () => {
    const internal: unknown[] = [];
    const router = routerWith(
      {
        'profiles:list': async () => {
          throw new UserFacingError('KEYCHAIN_LOCKED', 'locked');
        },
        'tccli:scan': async () => {
          throw new Error('secret detail at /home/x');
        },
      },
      internal,
    );
    expect(await router.handle('profiles:list', undefined, trusted)).toEqual({
      ok: false,
      error: { code: 'KEYCHAIN_LOCKED', message: 'locked' },
    });
    const hidden = await router.handle('tccli:scan', undefined, trusted);
    expect(hidden).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside the app' } });
    expect(internal).toHaveLength(1);
  });
});

describe('router: every channel of the contract', () => {
  const ran: string[] = [];
  const recording = new Proxy({} as Handlers, {
    get: (_target, key: string) => async () => {
      ran.push(key);
      return null;
    },
  });
  const router = createRouter(recording, { isTrustedSender: () => true });

  // Channels whose input fields are all optional: an object of unknown fields is an empty, valid request.
  const allOptional = new Set(['settings:update', 'instances:refresh']);

  it.each(channelNames.map((c) => [c]))(
    '%s refuses input of the wrong shape with VALIDATION, before its handler runs',
    async (channel) => {
      ran.length = 0;
      for (const bad of [42, 'text', [1], true, { x: { y: [] } }]) {
        const result = await router.handle(channel, bad, trusted);
        if (result.ok) {
          expect(allOptional.has(channel) && !Array.isArray(bad) && typeof bad === 'object', channel).toBe(true);
          continue;
        }
        expect(result.error.code, `${channel} ${JSON.stringify(bad)}`).toBe('VALIDATION');
      }
      expect(ran, channel).toEqual(allOptional.has(channel) ? [channel] : []);
    },
  );
});
