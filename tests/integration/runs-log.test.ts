// One rule's sync log (同步日志) and a run's tasks through the app's own router, against the real
// sandbox over the real SDK: runs pushed and run by hand succeed and fail (injected failures),
// the log shows the cloud's figures newest first and pages through them, a run's tasks come
// failed first, and with the cloud out of reach the last known log is answered, marked offline,
// also after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleRow, RuleRunsPage, RunsListQuery } from '../../src-main/contract/index.js';
import { failReplication, runRule } from '../shared/sandbox-control.js';
import { refused, startDemoApp, type Call, type DemoApp } from './helpers/demo-app.js';

const RULE = 'charts-to-beijing-dr';
const DR_BJ = 'tcr-2nf9x4rb';
/** The sandbox's runs take 200 ms (startDemoApp). */
const RUN_END_MS = 300;

let app: DemoApp;
beforeEach(async () => {
  app = await startDemoApp('tcr-runs-log-');
});
afterEach(() => app.close());

const call: Call = (channel, input) => app.call(channel, input);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ready(): Promise<RuleRow> {
  await call('sandbox:addAccounts', undefined);
  const view = await call('rules:refresh', {});
  const rule = view.rows.find((r) => r.name === RULE);
  if (!rule) throw new Error(`the demo rule ${RULE} is missing`);
  return rule;
}

function pageOf(rule: RuleRow, page: number, pageSize: number): Extract<RunsListQuery, { scope: 'rule' }> {
  return {
    scope: 'rule',
    profileId: rule.profileId,
    registryId: rule.source.registryId,
    ruleId: rule.policyId,
    page,
    pageSize,
  };
}

async function rulePage(rule: RuleRow, page: number, pageSize: number): Promise<RuleRunsPage> {
  const answer = await call('runs:list', pageOf(rule, page, pageSize));
  if (answer.scope !== 'rule') throw new Error('expected a rule page');
  return answer;
}

/**
 * 15 charts pushed (15 runs of one task each), then the rule run by hand (20 tasks, the demo's 5
 * charts and the 15) with 2 failures: the first task's (injected) and the last one's (its chart is
 * deleted while the run goes on, which starts one more run, the delete's): 18/20.
 */
async function runsThatSucceedAndFail(rule: RuleRow): Promise<number> {
  for (let i = 0; i < 15; i += 1) {
    app.sandbox.push({
      registryId: rule.source.registryId,
      namespace: 'charts',
      repository: 'runs-demo',
      tag: `1.0.${i}`,
      kind: 'chart',
    });
  }
  await sleep(RUN_END_MS);
  await failReplication(app.sandbox.endpoint, { registryId: DR_BJ, times: 1, detail: 'disk quota exceeded' });
  const { executionId, tasks } = await runRule(app.sandbox.endpoint, {
    registryId: rule.source.registryId,
    ruleName: RULE,
  });
  expect(tasks).toBe(20);
  app.sandbox.deleteArtifact({
    registryId: rule.source.registryId,
    namespace: 'charts',
    repository: 'runs-demo',
    tag: '1.0.14',
  });
  return executionId;
}

describe('a rule’s sync log', () => {
  it('shows runs newest first with the cloud’s figures, in progress then finished, and pages through them', async () => {
    const rule = await ready();
    const runId = await runsThatSucceedAndFail(rule);

    const running = await rulePage(rule, 1, 5);
    const inProgress = running.runs.find((r) => r.runId === runId);
    expect(inProgress).toMatchObject({ status: 'InProgress', total: 20, ruleName: RULE });
    expect(inProgress?.endedAt).toBeUndefined();

    await sleep(RUN_END_MS);
    const first = await rulePage(rule, 1, 5);
    expect(first.offline).toBeUndefined();
    // 15 pushes, the run by hand, the delete's and the demo's past run.
    expect(first.total).toBe(18);
    // Newest first: the delete's run, then the run by hand.
    expect(first.runs[0]).toMatchObject({ runId: runId + 1, status: 'Succeed', total: 1, succeeded: 1 });
    expect(first.runs[1]).toMatchObject({
      key: `${rule.profileId}/${rule.source.registryId}/${runId}`,
      runId,
      ruleId: rule.policyId,
      ruleName: RULE,
      target: { registryId: DR_BJ, name: 'acme-dr-bj', regionName: 'ap-beijing' },
      source: { registryId: rule.source.registryId, name: 'acme-prod-gz', regionName: 'ap-guangzhou' },
      status: 'Failed',
      total: 20,
      succeeded: 18,
      origin: 'cloud',
    });
    expect(Date.parse(first.runs[1]?.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first.runs[1]?.startedAt ?? ''));
    expect(first.runs.slice(2).map((r) => [r.status, r.succeeded, r.total])).toEqual(
      Array.from({ length: 3 }, () => ['Succeed', 1, 1]),
    );

    const pages = [first, ...(await Promise.all([2, 3, 4].map((n) => rulePage(rule, n, 5))))];
    const ids = pages.flatMap((p) => p.runs.map((r) => r.runId));
    expect(ids).toHaveLength(18);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // The last is the demo's past run (two charts, one failed).
    expect(pages[3]?.runs.at(-1)).toMatchObject({ runId: 2, status: 'Failed', total: 2, succeeded: 1 });
  });

  it('lists a run’s tasks failed first with what the API returned', async () => {
    const rule = await ready();
    const runId = await runsThatSucceedAndFail(rule);
    await sleep(RUN_END_MS);
    await rulePage(rule, 1, 5);
    const view = await call('runs:tasks', { profileId: rule.profileId, registryId: rule.source.registryId, runId });
    expect(view.offline).toBeUndefined();
    expect(view.run).toMatchObject({ runId, status: 'Failed', succeeded: 18 });
    expect(view.tasks).toHaveLength(20);
    expect(view.tasks.slice(0, 2).map((t) => [t.status, t.source])).toEqual([
      ['Failed', 'charts/ingress-stack:0.3.0'],
      ['Failed', 'charts/runs-demo:1.0.14'],
    ]);
    // Skipped counts as synced for the run; it is listed as the cloud says it.
    expect(view.tasks.slice(2).every((t) => t.status !== 'Failed')).toBe(true);
    const pushed = view.tasks.find((t) => t.source === 'charts/runs-demo:1.0.3');
    expect(pushed).toMatchObject({ resourceType: 'chart', destination: 'helm/runs-demo:1.0.3' });
    expect(pushed?.jobId).not.toBe('');
    expect(Date.parse(pushed?.startedAt ?? '')).not.toBeNaN();
  });

  it('answers the last known runs and tasks, marked offline, when the cloud is out of reach, also after a restart', async () => {
    const rule = await ready();
    const runId = await runsThatSucceedAndFail(rule);
    await sleep(RUN_END_MS);
    const online = await rulePage(rule, 1, 5);
    const second = await rulePage(rule, 2, 5);
    const tasksOnline = await call('runs:tasks', {
      profileId: rule.profileId,
      registryId: rule.source.registryId,
      runId,
    });

    await app.restart();
    const cutOff = new Date().toISOString();
    app.sandbox.setFaults([
      { kind: 'error', action: 'DescribeReplicationExecutions', code: 'AuthFailure.SecretIdNotFound' },
      { kind: 'error', action: 'DescribeReplicationTasks', code: 'AuthFailure.SecretIdNotFound' },
    ]);
    const offline = await rulePage(rule, 1, 5);
    expect(offline.offline?.error).toMatchObject({ kind: 'auth', code: 'AuthFailure.SecretIdNotFound' });
    // As of the last read (the pages, or the watcher's polls since), before the cloud went away.
    expect(offline.fetchedAt >= second.fetchedAt && offline.fetchedAt <= cutOff).toBe(true);
    expect(offline.runs).toEqual(online.runs);
    // What is known of the rule: at least the two pages read.
    expect(offline.total).toBeGreaterThanOrEqual(10);
    expect((await rulePage(rule, 2, 5)).runs).toEqual(second.runs);

    const tasks = await call('runs:tasks', { profileId: rule.profileId, registryId: rule.source.registryId, runId });
    expect(tasks.offline?.error.kind).toBe('auth');
    expect(tasks.tasks).toEqual(tasksOnline.tasks);
    expect(tasks.fetchedAt).toBe(tasksOnline.fetchedAt);

    // A run never read has nothing to show: the cloud's error.
    const never = await refused(
      call('runs:tasks', { profileId: rule.profileId, registryId: rule.source.registryId, runId: 1 }),
    );
    expect(never).toMatchObject({ code: 'CLOUD' });

    // The connection dropped: the same, as a network failure.
    app.sandbox.setFaults([{ kind: 'drop', action: 'DescribeReplicationExecutions' }]);
    const dropped = await rulePage(rule, 1, 5);
    expect(dropped.offline?.error.kind).toBe('network');
    expect(dropped.runs).toEqual(online.runs);
  });

  it('says NOT_FOUND for an instance the profile does not have', async () => {
    const rule = await ready();
    const error = await refused(call('runs:list', { ...pageOf(rule, 1, 5), registryId: 'tcr-nothere' }));
    expect(error.code).toBe('NOT_FOUND');
  });
});
