import { describe, expect, it } from 'vitest';
import type { KeychainStatus, ProfileView } from '../../../../src-main/contract/index.js';
import { DEFAULT_SETTINGS } from '../../../../src-main/services/app-state/settings-service.js';
import { EventHub, type WindowEvent } from '../../../../src-main/services/shared/event-hub.js';

const { language: _language, keychainTimeoutSeconds: _timeout, ...rest } = DEFAULT_SETTINGS;

const ok: KeychainStatus = { state: 'ok', checkedAt: '2026-11-28T10:00:00.000Z' };

describe('EventHub', () => {
  it('hands each listener the payload of the event it listens to, and no other event', () => {
    const hub = new EventHub();
    const statuses: KeychainStatus[] = [];
    const lists: ProfileView[][] = [];
    hub.on('keychain:status', (status) => statuses.push(status));
    hub.on('profiles:changed', (list) => lists.push(list));
    hub.emit('keychain:status', ok);
    hub.emit('keychain:status', { state: 'locked', detail: 'no' });
    expect(statuses).toEqual([ok, { state: 'locked', detail: 'no' }]);
    expect(lists).toEqual([]);
  });

  it('calls every listener of an event, in the order they subscribed', () => {
    const hub = new EventHub();
    const heard: string[] = [];
    hub.on('app:alerts', () => heard.push('first'));
    hub.on('app:alerts', () => heard.push('second'));
    hub.emit('app:alerts', []);
    expect(heard).toEqual(['first', 'second']);
  });

  it('stops calling a listener once unsubscribed, and leaves the others', () => {
    const hub = new EventHub();
    const heard: string[] = [];
    const off = hub.on('settings:changed', (s) => heard.push(`a:${s.language}`));
    hub.on('settings:changed', (s) => heard.push(`b:${s.language}`));
    hub.emit('settings:changed', { language: 'en', keychainTimeoutSeconds: 30, ...rest });
    off();
    off(); // twice is harmless
    hub.emit('settings:changed', { language: 'zh-CN', keychainTimeoutSeconds: 30, ...rest });
    expect(heard).toEqual(['a:en', 'b:en', 'b:zh-CN']);
  });

  it('lets a listener unsubscribe itself while the event is being delivered', () => {
    const hub = new EventHub();
    const heard: string[] = [];
    const off = hub.on('app:alerts', () => {
      heard.push('once');
      off();
    });
    hub.on('app:alerts', () => heard.push('always'));
    hub.emit('app:alerts', []);
    hub.emit('app:alerts', []);
    expect(heard).toEqual(['once', 'always', 'always']);
  });

  it('emits with nobody listening without complaint', () => {
    expect(() => new EventHub().emit('profile:deleted', { profileId: 'x' })).not.toThrow();
  });

  it('forwards contract events to the windows, the name and its payload together', () => {
    const hub = new EventHub();
    const windows: WindowEvent[] = [];
    hub.forwardToWindows((m) => windows.push(m));
    hub.emit('keychain:status', ok);
    hub.emit('keychain:wait', { waiting: true, operation: 'read' });
    expect(windows).toEqual([
      { event: 'keychain:status', payload: ok },
      { event: 'keychain:wait', payload: { waiting: true, operation: 'read' } },
    ]);
  });

  it('keeps main-only events inside main: listeners hear them, windows never do', () => {
    const hub = new EventHub();
    const windows: WindowEvent[] = [];
    const deleted: string[] = [];
    hub.forwardToWindows((m) => windows.push(m));
    hub.on('profile:deleted', ({ profileId }) => deleted.push(profileId));
    hub.emit('profile:deleted', { profileId: 'p-1' });
    expect(deleted).toEqual(['p-1']);
    expect(windows).toEqual([]);
  });

  it('forwards to every window until its transport stops forwarding', () => {
    const hub = new EventHub();
    const first: WindowEvent[] = [];
    const second: WindowEvent[] = [];
    const stopFirst = hub.forwardToWindows((m) => first.push(m));
    hub.forwardToWindows((m) => second.push(m));
    hub.emit('app:alerts', []);
    stopFirst();
    hub.emit('instances:changed', { rows: [], profiles: [], refreshing: false });
    expect(first.map((m) => m.event)).toEqual(['app:alerts']);
    expect(second.map((m) => m.event)).toEqual(['app:alerts', 'instances:changed']);
  });

  it('delivers to listeners in main before it forwards to the windows', () => {
    const hub = new EventHub();
    const order: string[] = [];
    hub.forwardToWindows(() => order.push('window'));
    hub.on('app:alerts', () => order.push('main'));
    hub.emit('app:alerts', []);
    expect(order).toEqual(['main', 'window']);
  });

  it('a listener that throws is reported, and the others and every window still hear the event', () => {
    const reported: [string, unknown][] = [];
    const hub = new EventHub((event, error) => reported.push([event, error]));
    const heard: string[] = [];
    const windows: WindowEvent[] = [];
    const boom = new Error('listener bug');
    hub.on('app:alerts', () => {
      throw boom;
    });
    hub.on('app:alerts', () => heard.push('second'));
    hub.forwardToWindows((m) => windows.push(m));
    expect(() => {
      hub.emit('app:alerts', []);
    }).not.toThrow();
    expect(heard).toEqual(['second']);
    expect(windows.map((m) => m.event)).toEqual(['app:alerts']);
    expect(reported).toEqual([['app:alerts', boom]]);
  });

  it('a window that cannot be sent to does not keep the other windows from the event', () => {
    const reported: string[] = [];
    const hub = new EventHub((event) => reported.push(event));
    const second: WindowEvent[] = [];
    hub.forwardToWindows(() => {
      throw new Error('socket closed');
    });
    hub.forwardToWindows((m) => second.push(m));
    hub.emit('settings:changed', { language: 'en', keychainTimeoutSeconds: 30, ...rest });
    expect(second.map((m) => m.event)).toEqual(['settings:changed']);
    expect(reported).toEqual(['settings:changed']);
  });
});
