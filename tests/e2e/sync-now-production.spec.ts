// Sync now on a production account asks what a change of its rules asks: the rule's name typed
// (or, for a selection, the number of rules), after the banner says production is reached.
import { expect, test } from './fixtures.js';
import { NotificationCentrePage } from './pages/notification-centre.js';
import { RulesPage } from './pages/rules-page.js';
import { SyncNowPanelPage } from './pages/sync-now-panel.js';

test('Sync now and Retry failed of a production rule start only once its name (or the number of rules selected) is typed', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  const syncNow = new SyncNowPanelPage(page);
  const centre = new NotificationCentrePage(page);
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Acme Platform')).toContainText('sandbox');
  await accounts.row('Acme Platform').getByRole('button', { name: 'Edit Acme Platform' }).click();
  await accounts.dialog().getByRole('checkbox', { name: 'Production account' }).check();
  await accounts.save();
  await expect(accounts.dialog()).toBeHidden();

  // One rule, from its pane: the banner, then its name typed.
  await app.nav('Sync rules').click();
  await rules.row('platform-to-shanghai').getByRole('cell', { name: 'platform-to-shanghai', exact: true }).click();
  await syncNow.detailButton().click();
  await expect(syncNow.dialog().getByTestId('production-banner')).toContainText('Acme Platform');
  await expect(syncNow.startButton()).toBeDisabled();
  await syncNow.confirmName().fill('platform-to-shanghai-typo');
  await expect(syncNow.dialog()).toContainText('This is not the rule’s name yet.');
  await expect(syncNow.startButton()).toBeDisabled();
  expect(await app.accessibilityViolations()).toEqual([]);
  await syncNow.confirmName().fill('platform-to-shanghai');
  await expect(syncNow.startButton()).toBeEnabled();
  // Cancel leaves everything as it was, and the focus where it came from.
  await page.keyboard.press('Escape');
  await expect(syncNow.dialog()).toBeHidden();
  await expect(syncNow.detailButton()).toBeFocused();
  await page.keyboard.press('Escape');

  // A selection: the number of rules is typed, then Enter starts them.
  await rules.row('platform-to-shanghai').getByRole('checkbox').check();
  await rules.row('charts-to-beijing-dr').getByRole('checkbox').check();
  await syncNow.selectedButton().click();
  await expect(syncNow.dialog()).toContainText('type the number of rules (2)');
  await syncNow.confirmName().fill('3');
  await expect(syncNow.dialog()).toContainText('Type 2 to confirm.');
  await syncNow.confirmName().fill('2');
  await syncNow.confirmName().press('Enter');
  await expect(syncNow.dialog()).toBeHidden();
  await expect(syncNow.panel()).toBeVisible();
  // Both started (running still, or just finished: the demo's content is small).
  await expect(syncNow.panel()).toContainText('platform-to-shanghai');
  await expect(syncNow.panel()).toContainText('charts-to-beijing-dr');

  // Retry failed of a production run (Shanghai's immutable v1.9.0 failed) asks the same.
  await expect(syncNow.finished('platform-to-shanghai').getByTestId('run-status')).toHaveText('Failed', {
    timeout: 60_000,
  });
  await page.keyboard.press('Escape');
  await centre.open();
  const retry = centre.entries().filter({ hasText: 'platform-to-shanghai' }).first().getByTestId('notification-retry');
  await retry.click();
  const guard = page.locator('dialog[open]').filter({ has: page.getByTestId('retry-failed-dialog') });
  await expect(guard.getByTestId('production-banner')).toContainText('Acme Platform');
  await expect(guard.getByTestId('retry-confirm-start')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(guard).toBeHidden();
  await expect(centre.panel()).toBeVisible();
  await expect(retry).toBeFocused();
  await retry.click();
  await guard.getByTestId('retry-confirm-name').fill('platform-to-shanghai');
  await guard.getByTestId('retry-confirm-start').click();
  await expect(guard).toBeHidden();
  await expect(centre.panel()).toBeHidden();
  await expect(syncNow.panel()).toBeVisible();
  await expect(
    syncNow.panel().getByText('Retry of failed artifacts').or(syncNow.finished('platform-to-shanghai').nth(1)),
  ).not.toHaveCount(0);
});
