import type { SyncRun } from '../../../../src-main/contract/index.js';

export const PROFILE = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';

/** A finished run of rule sh-to-gz (3 min 12 s, 18/20), with whatever the test changes. */
export function finishedRun(overrides: Partial<SyncRun> = {}): SyncRun {
  const runId = overrides.runId ?? 7;
  return {
    key: `${PROFILE}/tcr-sh1/${runId}`,
    profileId: PROFILE,
    source: { registryId: 'tcr-sh1', name: 'shanghai-prod', regionId: 4, regionName: 'ap-shanghai' },
    ruleId: 3,
    ruleName: 'sh-to-gz',
    runId,
    status: 'Failed',
    total: 20,
    succeeded: 18,
    startedAt: '2026-11-28T09:50:00.000Z',
    endedAt: '2026-11-28T09:53:12.000Z',
    origin: 'cloud',
    ...overrides,
  };
}
