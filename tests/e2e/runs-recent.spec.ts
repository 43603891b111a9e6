import { sandboxControl } from '../shared/sandbox-control.js';
import { expect, test } from './fixtures.js';
import { RunsPage } from './pages/runs-page.js';

// A run lasts long enough to be seen in progress: the watcher reads an instance at once when its
// rules become known, then every active interval (15 s by default) while a run is in progress.
test.use({ sandboxOptions: { activity: false, runTimeMs: 20_000 } });

test('a push starts a sync run: Recent runs shows it in progress with a ticking duration, then finished, and opens its tasks', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  test.setTimeout(120_000);
  const runs = new RunsPage(page);
  await app.open(host.url);

  // An image pushed to Acme's Guangzhou instance starts its rule platform-to-shanghai (platform/**).
  const pushed = await sandboxControl(sandbox.endpoint, 'push', {
    registryId: 'tcr-8kq3m2zd',
    namespace: 'platform',
    repository: 'e2e-runs',
    tag: 'v1.0.0',
    kind: 'image',
  });
  expect(pushed.status).toBe(200);
  const [runId] = pushed.body['executionIds'] as number[];
  expect(runId).toBeDefined();

  await accounts.addProfile(sandbox.profile('Acme', 0));
  await app.nav('Recent runs').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recent runs');

  // In progress, on top, its duration counting up.
  const row = runs.run('tcr-8kq3m2zd', runId ?? 0);
  await expect(runs.status(row)).toHaveText('In progress', { timeout: 20_000 });
  await expect(runs.rows().first()).toHaveAttribute('data-row-id', /\/tcr-8kq3m2zd\//);
  await expect(row).toContainText('platform-to-shanghai');
  await expect(runs.duration(row)).toContainText('so far');
  const before = await runs.duration(row).textContent();
  await expect(runs.duration(row)).not.toHaveText(before ?? '', { timeout: 3000 });

  // Finished: the status, the ratio as a fraction, a final duration.
  await expect(runs.status(row)).toHaveText('Succeeded', { timeout: 60_000 });
  await expect(runs.ratio(row)).toContainText(/^(\d+)\/\1/);
  await expect(runs.duration(row)).not.toContainText('so far');

  // Its tasks: Enter on the row opens them; the pushed image among them; Escape gives the focus back.
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(runs.tasks()).toBeVisible();
  await expect(page).toHaveURL(/#\/runs&run=/);
  await expect(runs.taskRows().filter({ hasText: 'e2e-runs' }).first()).toBeVisible();
  await expect(runs.taskRows().first().getByTestId('run-status')).toHaveText('Succeeded');
  await expect(runs.tasks().getByTestId('copy-all-tasks')).toBeVisible();
  // Readable in both themes, the dialog as well as the table behind it.
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(runs.tasks()).toBeHidden();
  await expect(row).toBeFocused();
  await expect(page).toHaveURL(/#\/runs$/);

  // The filters: a status with none of them shows the way back.
  await runs.filter('status').selectOption('Failed');
  await expect(row).toBeHidden();
  await runs.filter('status').selectOption('');
  await expect(row).toBeVisible();

  expect(await app.accessibilityViolations()).toEqual([]);
});
