// The Instances screen's first visit: what it asks main to refetch.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InstancesView, ProfileFetchState } from '../../../src-main/contract/index.js';

const asked: unknown[] = [];
vi.mock('../../../src-renderer/lib/api.js', () => ({
  api: {
    invoke: (channel: string, input: unknown) => {
      asked.push({ channel, input });
      return Promise.resolve({ ok: true, value: { rows: [], profiles: [], refreshing: false } });
    },
    on: () => () => undefined,
  },
}));
const { instances } = await import('../../../src-renderer/lib/stores/instances.svelte.js');

const NOW = Date.parse('2026-11-28T10:00:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

function viewOf(profiles: ProfileFetchState[]): InstancesView {
  return { rows: [], profiles, refreshing: false };
}

beforeEach(() => {
  asked.length = 0;
});

describe('instances store, first visit', () => {
  it('waits for the profiles to be known, then refetches only what is not fresh, once', () => {
    instances.view = viewOf([]);
    instances.refreshOnFirstVisit(NOW);
    expect(asked).toEqual([]);

    instances.view = viewOf([
      { profileId: 'fresh', state: 'ok', fetchedAt: ago(10) },
      { profileId: 'old', state: 'ok', fetchedAt: ago(3600) },
      { profileId: 'never', state: 'never' },
      { profileId: 'busy', state: 'loading' },
      { profileId: 'failed', state: 'error', fetchedAt: ago(120) },
    ]);
    instances.refreshOnFirstVisit(NOW);
    expect(asked).toEqual([{ channel: 'instances:refresh', input: { profileIds: ['old', 'never', 'failed'] } }]);

    instances.refreshOnFirstVisit(NOW);
    expect(asked).toHaveLength(1);
  });
});
