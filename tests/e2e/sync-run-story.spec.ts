// The story end to end: a sync run starts in the sandbox (the console's 触发同步, one task
// per artifact the rule selects, one of them made to fail), Recent runs shows it in progress, it
// finishes, the notification tells the ratio the cloud reports, and a click on it opens the run's
// tasks, the failed one first.
import { failReplication, runRule } from '../shared/sandbox-control.js';
import { expect, test } from './fixtures.js';
import { NotificationCentrePage } from './pages/notification-centre.js';
import { RunsPage } from './pages/runs-page.js';

// Long enough to be seen in progress at the watcher's first look at the new account.
test.use({ sandboxOptions: { activity: false, runTimeMs: 15_000 } });

const SOURCE = 'tcr-8kq3m2zd'; // Acme · acme-prod-gz
const TARGET = 'tcr-5hv7p1wc'; // Acme · acme-prod-sh

test('a sync run seen in progress, then finished: its notification tells the ratio and opens its tasks', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  test.setTimeout(120_000);
  const runs = new RunsPage(page);
  const centre = new NotificationCentrePage(page);
  await app.open(host.url);

  // One task towards the target fails; the rule runs over everything it selects.
  await failReplication(sandbox.endpoint, { registryId: TARGET, times: 1, detail: 'injected by the e2e story' });
  const started = await runRule(sandbox.endpoint, { registryId: SOURCE, ruleName: 'platform-to-shanghai' });
  expect(started.tasks).toBeGreaterThan(1);

  await accounts.addProfile(sandbox.profile('Acme', 0));
  await app.nav('Recent runs').click();

  // In progress first, with all its tasks still to do.
  const row = runs.run(SOURCE, started.executionId);
  await expect(runs.status(row)).toHaveText('In progress', { timeout: 20_000 });
  expect(await runs.fraction(row)).toEqual({ synced: 0, total: started.tasks });

  // Finished: failed, with what the cloud counted as synced.
  await expect(runs.status(row)).toHaveText('Failed', { timeout: 60_000 });
  const { synced, total } = await runs.fraction(row);
  expect(total).toBe(started.tasks);
  expect(synced).toBeLessThan(started.tasks);

  // One notification for the run (not one per artifact), with that ratio and the failures counted.
  const told = centre.toasts().filter({ hasText: 'Rule platform-to-shanghai' });
  await expect(told).toHaveCount(1, { timeout: 20_000 });
  await expect(told).toContainText(`${String(synced)}/${String(total)} synced in`);
  await expect(told).toContainText(/— \d+ failed/);

  // A click opens the run's tasks, the failed ones first.
  await told.getByRole('button', { name: 'Open' }).click();
  await expect(runs.tasks()).toBeVisible();
  await expect(runs.taskRows()).toHaveCount(started.tasks);
  await expect(runs.taskRows().first().getByTestId('run-status')).toHaveText('Failed');
  await expect(centre.bell()).toHaveAccessibleName('Notifications');
});
