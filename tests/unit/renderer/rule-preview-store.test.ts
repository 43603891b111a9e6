// A preview on screen: what it asks main (its request id, refresh), the progress of its own request
// only, a newer ask replacing an older one, and a Cancel that ends without an error shown.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result, RulePreviewProgress } from '../../../src-main/contract/index.js';

const asked: { channel: string; input: Record<string, unknown> }[] = [];
const pending: ((result: Result<unknown>) => void)[] = [];
let progressListener: ((payload: RulePreviewProgress) => void) | undefined;
vi.mock('../../../src-renderer/lib/api.js', () => ({
  api: {
    invoke: (channel: string, input: Record<string, unknown>) => {
      asked.push({ channel, input });
      if (channel !== 'rules:preview') return Promise.resolve({ ok: true, value: null });
      return new Promise((resolve) => pending.push(resolve));
    },
    on: (_event: string, handler: (payload: RulePreviewProgress) => void) => {
      progressListener = handler;
      return () => (progressListener = undefined);
    },
  },
}));
const { RulePreviewSession } = await import('../../../src-renderer/lib/stores/rule-preview.svelte.js');

const rule = { profileId: '2b0f4c8e-1a2b-4c3d-8e9f-000000000001', registryId: 'tcr-gz', ruleName: 'platform' };
const answer = { fetchedAt: '2026-12-04T12:00:00.000Z', repositories: [], counts: { tags: 0 } };

beforeEach(() => {
  asked.length = 0;
  pending.length = 0;
});

describe('RulePreviewSession', () => {
  it('asks with its own request id; follows only that request’s progress; keeps the answer', async () => {
    const session = new RulePreviewSession();
    const running = session.run({ rule }, true);
    expect(session.loading).toBe(true);
    const requestId = asked[0]?.input.requestId as string;
    expect(asked[0]).toEqual({ channel: 'rules:preview', input: { rule, refresh: true, requestId } });
    progressListener?.({ requestId: 'someone-else', side: 'source', listed: 9, total: 9 });
    expect(session.progress).toBeUndefined();
    progressListener?.({ requestId, side: 'source', listed: 2, total: 5 });
    expect(session.progress).toMatchObject({ listed: 2, total: 5 });
    pending[0]?.({ ok: true, value: answer });
    await running;
    expect(session.loading).toBe(false);
    expect(session.result).toEqual(answer);
    session.dispose();
    expect(progressListener).toBeUndefined();
  });

  it('a newer ask cancels the older one, whose late answer is dropped', async () => {
    const session = new RulePreviewSession();
    const first = session.run({ rule });
    const second = session.run({ rule }, true);
    const firstId = asked[0]?.input.requestId;
    expect(asked[1]).toEqual({ channel: 'rules:cancelPreview', input: { requestId: firstId } });
    pending[1]?.({ ok: true, value: answer });
    await second;
    pending[0]?.({ ok: true, value: { ...answer, fetchedAt: 'old' } });
    await first;
    expect(session.result).toEqual(answer);
  });

  it('Cancel ends the wait without an error to show; a refusal is shown', async () => {
    const session = new RulePreviewSession();
    const running = session.run({ rule });
    session.cancel();
    expect(asked.at(-1)?.channel).toBe('rules:cancelPreview');
    pending[0]?.({
      ok: false,
      error: { code: 'CLOUD', message: 'cancelled', cloud: { code: 'Cancelled', message: 'x', kind: 'cancelled' } },
    });
    await running;
    expect(session.loading).toBe(false);
    expect(session.error).toBeUndefined();

    const refused = session.run({ rule });
    pending[1]?.({ ok: false, error: { code: 'NOT_FOUND', message: 'No rule' } });
    await refused;
    expect(session.error?.code).toBe('NOT_FOUND');
  });
});
