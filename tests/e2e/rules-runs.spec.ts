import { sandboxControl } from '../shared/sandbox-control.js';
import { expect, test } from './fixtures.js';
import { RulesPage } from './pages/rules-page.js';
import { RunsPage } from './pages/runs-page.js';

test.use({ sandboxOptions: { activity: false, runTimeMs: 300 } });

test('a rule shows its last run in the Rules table, and its detail pane its runs, a chart of them and their tasks', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  const runs = new RunsPage(page);
  await app.open(host.url);
  // A failed run of platform-to-shanghai: its one task is refused on the target.
  await sandboxControl(sandbox.endpoint, 'fail-replication', { registryId: 'tcr-5hv7p1wc', times: 1 });
  const pushed = await sandboxControl(sandbox.endpoint, 'push', {
    registryId: 'tcr-8kq3m2zd',
    namespace: 'platform',
    repository: 'e2e-log',
    tag: 'v1',
    kind: 'image',
  });
  expect(pushed.status).toBe(200);
  await page.waitForTimeout(500);
  await accounts.addProfile(sandbox.profile('Acme', 0));
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.nav('Sync rules').click();

  // The Rules table: the rule's newest run, failed, a moment ago.
  const row = rules.row('platform-to-shanghai');
  await expect(row.getByTestId('run-status')).toHaveText('Failed', { timeout: 20_000 });

  // Its detail pane: the log, newest first, with the pages in all, and the chart of its runs.
  await row.getByRole('cell', { name: 'platform-to-shanghai', exact: true }).click();
  const log = rules.detail().getByTestId('rule-runs');
  await expect(log.getByTestId('rule-run-row').first()).toContainText('Failed');
  await expect(log.getByTestId('rule-runs-page')).toHaveText(/^Page 1 of 1, 3 runs in all$/);
  await expect(log.getByTestId('run-chart-summary')).toContainText('3 runs from');
  await expect(log.getByTestId('run-chart').locator('canvas')).toBeVisible();
  expect(await app.accessibilityViolations()).toEqual([]);

  // The run opens its tasks: the failed one first.
  await log
    .getByRole('button', { name: /^Open the tasks of run \d+$/ })
    .first()
    .click();
  await expect(runs.tasks()).toBeVisible();
  await expect(runs.taskRows().first()).toContainText('e2e-log');
  await expect(runs.taskRows().first().getByTestId('run-status')).toHaveText('Failed');
  await page.keyboard.press('Escape');
  await expect(runs.tasks()).toBeHidden();
  await expect(rules.detail()).toBeVisible();
});
