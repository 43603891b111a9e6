// The rules store's changes: what it sends main for a rule, and how its rows follow the answer
// (the row replaced by the cloud's, the deleted one gone, nothing touched on a refusal).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result, RuleRow } from '../../../src-main/contract/index.js';

const asked: { channel: string; input: unknown }[] = [];
let answer: Result<unknown> = { ok: true, value: null };
vi.mock('../../../src-renderer/lib/api.js', () => ({
  api: {
    invoke: (channel: string, input: unknown) => {
      asked.push({ channel, input });
      return Promise.resolve(answer);
    },
    on: () => () => undefined,
  },
}));
const { rules } = await import('../../../src-renderer/lib/stores/rules.svelte.js');

function row(name: string, fields: Partial<RuleRow> = {}): RuleRow {
  return {
    profileId: 'p-acme',
    source: { registryId: 'tcr-gz', name: 'acme-prod-gz', regionId: 1, regionName: 'ap-guangzhou' },
    policyId: 1,
    name,
    description: '',
    filters: [],
    override: false,
    enabled: true,
    target: { raw: 'tcr-sh' },
    sourceResource: 'tcr-gz',
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    ...fields,
  };
}

const platform = row('platform-to-shanghai');
// Same name on another instance: another rule.
const twin = row('platform-to-shanghai', { source: { ...platform.source, registryId: 'tcr-bj' } });
const charts = row('charts-to-beijing-dr');

beforeEach(() => {
  asked.length = 0;
  rules.view = { rows: [platform, twin, charts], profiles: [], refreshing: false };
});

describe('rules store, changes', () => {
  it('asks for the request of a change by the rule’s profile, instance and name', async () => {
    answer = { ok: true, value: { action: 'ModifyReplication', before: null, after: null, request: {} } };
    await rules.request(platform, 'setEnabled', false);
    await rules.request(charts, 'delete');
    expect(asked).toEqual([
      {
        channel: 'rules:request',
        input: {
          profileId: 'p-acme',
          registryId: 'tcr-gz',
          ruleName: 'platform-to-shanghai',
          kind: 'setEnabled',
          enabled: false,
        },
      },
      {
        channel: 'rules:request',
        input: { profileId: 'p-acme', registryId: 'tcr-gz', ruleName: 'charts-to-beijing-dr', kind: 'delete' },
      },
    ]);
  });

  it('shows the cloud’s answer to a disable in that rule’s row only', async () => {
    const disabled = { ...platform, enabled: false, updatedAt: '2026-03-01T00:00:00.000Z' };
    answer = { ok: true, value: disabled };
    const result = await rules.setEnabled(platform, false);
    expect(result.ok).toBe(true);
    expect(asked[0]).toEqual({
      channel: 'rules:setEnabled',
      input: { profileId: 'p-acme', registryId: 'tcr-gz', ruleName: 'platform-to-shanghai', enabled: false },
    });
    expect(rules.view.rows).toEqual([disabled, twin, charts]);
  });

  it('drops a deleted rule’s row, and sends what the user typed to confirm', async () => {
    answer = { ok: true, value: null };
    await rules.remove(charts, 'charts-to-beijing-dr');
    expect(asked[0]?.input).toMatchObject({ ruleName: 'charts-to-beijing-dr', confirmName: 'charts-to-beijing-dr' });
    expect(rules.view.rows).toEqual([platform, twin]);
  });

  it('leaves every row as it was when main refuses', async () => {
    answer = {
      ok: false,
      error: { code: 'VALIDATION', message: 'x', fields: { confirmName: 'rule.confirmMismatch' } },
    };
    const result = await rules.remove(charts, 'charts');
    expect(result.ok).toBe(false);
    answer = { ok: false, error: { code: 'CLOUD', message: 'refused', requestId: 'req-1' } };
    await rules.setEnabled(platform, false);
    expect(rules.view.rows).toEqual([platform, twin, charts]);
  });
});
