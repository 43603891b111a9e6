// Retry failed: a Sync now run ends with a failure (the target keeps its release tags immutable),
// the failed artifact says why in the run's tasks, and Retry failed — from the run's tasks and from
// its notification — copies again just that artifact from this computer, its progress shown.
import { expect, test } from './fixtures.js';
import { NotificationCentrePage } from './pages/notification-centre.js';
import { RulesPage } from './pages/rules-page.js';
import { RunsPage } from './pages/runs-page.js';
import { SyncNowPanelPage } from './pages/sync-now-panel.js';

test.use({ sandboxOptions: { activity: false, registries: 'in-process' } });

// acme-prod-gz → acme-prod-sh, override on; Shanghai's v1.9.0 of the gateway is immutable.
const RULE = 'platform-to-shanghai';

test('a failed artifact of a run on this computer says why, and Retry failed copies just it again', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  test.setTimeout(120_000);
  const rules = new RulesPage(page);
  const runs = new RunsPage(page);
  const syncNow = new SyncNowPanelPage(page);
  const centre = new NotificationCentrePage(page);
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Acme', 0));

  await app.nav('Sync rules').click();
  await rules.row(RULE).getByRole('cell', { name: RULE, exact: true }).click();
  await syncNow.detailButton().click();
  await syncNow.startButton().click();
  await syncNow.indicator().click();
  await expect(syncNow.finished(RULE).getByTestId('run-status')).toHaveText('Failed', { timeout: 60_000 });
  await page.keyboard.press('Escape');

  // In the log: 9 of 10 synced; its tasks put the failed one first, with the target's reason.
  await app.nav('Recent runs').click();
  const local = runs.rows().filter({ has: page.getByTestId('run-origin-local') });
  await expect(local).toHaveCount(1, { timeout: 20_000 });
  expect(await runs.fraction(local)).toEqual({ synced: 9, total: 10 });
  await local.getByRole('cell').first().click();
  await expect(runs.tasks()).toBeVisible();
  await expect(runs.tasks().getByTestId('run-origin-local')).toHaveText('Run on this computer');
  const failed = runs.taskRows().first();
  await expect(failed.getByTestId('run-status')).toHaveText('Failed');
  await expect(failed).toContainText('platform/api-gateway:v1.9.0');
  const why = runs.tasks().getByTestId('task-error');
  await expect(why).toHaveCount(1);
  await expect(why).toContainText('platform/api-gateway:v1.9.0');
  await expect(why).toContainText('immutable');

  // Retry failed from the run's tasks: a run of just that artifact starts; its progress shows here.
  const retry = runs.tasks().getByTestId('retry-failed');
  await expect(retry).toHaveAccessibleName(/^Retry failed/);
  await retry.click();
  await expect(centre.toasts().filter({ hasText: 'Retry started' })).toBeVisible();
  await expect(local).toHaveCount(2, { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(runs.tasks()).toBeHidden();
  const retried = local.first();
  await expect(runs.status(retried)).toHaveText('Failed', { timeout: 30_000 });
  expect(await runs.fraction(retried)).toEqual({ synced: 0, total: 1 });

  // From the notification of a failed run too: the Sync now panel then shows the new run.
  await centre.open();
  const entry = centre.entries().filter({ hasText: RULE }).first();
  await entry.getByTestId('notification-retry').click();
  await expect(centre.panel()).toBeHidden();
  await expect(syncNow.panel()).toBeVisible();
  await expect(local).toHaveCount(3, { timeout: 30_000 });
});
