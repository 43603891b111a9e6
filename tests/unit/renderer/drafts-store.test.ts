// The drafts store: what main keeps is listed, pushed changes replace it, a discard asks main by the
// draft's id and drops only that draft, a refusal drops nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftView, Result } from '../../../src-main/contract/index.js';

const asked: { channel: string; input: unknown }[] = [];
let answer: Result<unknown> = { ok: true, value: null };
let pushed: ((payload: unknown) => void) | undefined;
vi.mock('../../../src-renderer/lib/api.js', () => ({
  api: {
    invoke: (channel: string, input: unknown) => {
      asked.push({ channel, input });
      return Promise.resolve(answer);
    },
    on: (_event: string, listener: (payload: unknown) => void) => {
      pushed = listener;
      return () => (pushed = undefined);
    },
  },
}));
const { drafts } = await import('../../../src-renderer/lib/stores/drafts.svelte.js');

function draft(id: string, ruleName: string): DraftView {
  return {
    id,
    kind: 'create',
    profileId: '11111111-1111-4111-8111-111111111111',
    registryId: 'tcr-gz',
    ruleName,
    tokenKept: false,
    error: { kind: 'throttled', code: 'RequestLimitExceeded', message: 'slow down', requestId: 'req-1' },
    savedAt: '2026-01-02T00:00:00.000Z',
  };
}

const nightly = draft('44444444-4444-4444-8444-444444444444', 'nightly-mirror');
const charts = draft('55555555-5555-4555-8555-555555555555', 'charts-mirror');

beforeEach(() => {
  asked.length = 0;
});

describe('drafts store', () => {
  it('lists what main keeps and follows drafts:changed', async () => {
    answer = { ok: true, value: [nightly, charts] };
    await drafts.load();
    expect(asked).toEqual([{ channel: 'drafts:list', input: undefined }]);
    expect(drafts.items.map((d) => d.ruleName)).toEqual(['nightly-mirror', 'charts-mirror']);
    const stop = drafts.listen();
    pushed?.([charts]);
    expect(drafts.items.map((d) => d.ruleName)).toEqual(['charts-mirror']);
    stop();
  });

  it('a discard names the draft by its id and drops only it; a refusal drops nothing', async () => {
    drafts.set([nightly, charts]);
    answer = { ok: false, error: { code: 'STORE_FAILED', message: 'disk full' } };
    const refused = await drafts.discard(nightly.id);
    expect(refused.ok).toBe(false);
    expect(drafts.items).toHaveLength(2);
    answer = { ok: true, value: null };
    await drafts.discard(nightly.id);
    expect(asked.at(-1)).toEqual({ channel: 'drafts:discard', input: { id: nightly.id } });
    expect(drafts.items.map((d) => d.ruleName)).toEqual(['charts-mirror']);
  });
});
