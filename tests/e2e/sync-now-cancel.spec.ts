// Cancel from the Sync now panel: a user syncs a selection of rules from this computer (one is
// refused, and says why), changes their mind while they run and stops them with Cancel all; then
// syncs one again from its pane and cancels it with the keyboard. Each run ends Stopped in the
// sync log, marked as run on this computer, and the focus is never dropped to the page.
import { expect, test } from './fixtures.js';
import { RulesPage } from './pages/rules-page.js';
import { RunsPage } from './pages/runs-page.js';
import { SyncNowPanelPage } from './pages/sync-now-panel.js';

test.use({ sandboxOptions: { activity: false, registries: 'in-process' } });

const FIRST = 'platform-to-shanghai';
const SECOND = 'charts-to-beijing-dr';
const REFUSED = 'release-to-globex';

test('runs on this computer are cancelled from the panel: they end Stopped and the focus stays where the user is', async ({
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
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Acme', 0));
  // The registries' login tokens come slowly: the runs are still going when the user cancels.
  await sandbox.setFaults([{ kind: 'latency', action: 'CreateInstanceToken', latencyMs: 30_000 }]);

  // Three rules selected in the table: Sync now on the selection. One cannot start (its target is
  // in an account the app has no profile for): the outcome says which, and why.
  await app.nav('Sync rules').click();
  for (const name of [FIRST, SECOND, REFUSED]) await rules.row(name).getByRole('checkbox').check();
  await syncNow.selectedButton().click();
  await expect(syncNow.dialogRule(FIRST)).toBeVisible();
  await expect(syncNow.dialogRule(SECOND)).toContainText('Override off: existing tags with another digest are kept.');
  await syncNow.startButton().click();
  await expect(syncNow.dialog().getByTestId('sync-now-outcome')).toHaveText(
    '2 of 3 started. The others say why below.',
  );
  await expect(syncNow.dialogRule(REFUSED).getByTestId('sync-now-refusal')).toHaveText(
    'The target instance is in an account the app has no profile for, and no stored token reaches it.',
  );
  await expect(syncNow.dialogRule(FIRST)).toHaveAttribute('data-outcome', 'started');
  await syncNow.dialog().getByTestId('sync-now-show-progress').click();
  await expect(syncNow.dialog()).toBeHidden();

  // The panel shows both runs; the indicator counts them. Cancel all stops both.
  await expect(syncNow.panel()).toBeVisible();
  await expect(syncNow.indicator()).toHaveText(/2 syncs running/);
  await expect(syncNow.runs()).toHaveCount(2);
  await syncNow.panel().getByTestId('local-run-cancel-all').click();
  await expect(syncNow.runs()).toHaveCount(0, { timeout: 30_000 });
  await expect(syncNow.panel().getByTestId('sync-now-none')).toBeVisible();
  await expect(syncNow.finished(FIRST).getByTestId('run-status')).toHaveText('Stopped', { timeout: 20_000 });
  await expect(syncNow.finished(SECOND).getByTestId('run-status')).toHaveText('Stopped');
  await page.keyboard.press('Escape');
  await expect(syncNow.indicator()).toBeFocused();

  // Again from the rule's pane; this time Cancel on its own run, with the keyboard, in the panel.
  await rules.row(FIRST).getByRole('cell', { name: FIRST, exact: true }).click();
  await syncNow.detailButton().click();
  await syncNow.startButton().click();
  await expect(syncNow.detailRun()).toBeVisible();
  await syncNow.indicator().focus();
  await page.keyboard.press('Enter');
  const run = syncNow.run(FIRST);
  await syncNow.cancel(run).focus();
  await page.keyboard.press('Enter');
  await expect(run.getByTestId('local-run-phase')).toHaveText('Stopping…');
  await expect(syncNow.runs()).toHaveCount(0, { timeout: 30_000 });
  await expect(syncNow.detailRun()).toBeHidden();
  // Its Cancel button went with it: the focus stayed in the panel, and Escape hands it back.
  await expect(syncNow.panel().locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(syncNow.indicator()).toBeFocused();

  // The sync log has all three, Stopped, marked as run on this computer.
  await app.nav('Recent runs').click();
  const local = runs.rows().filter({ has: page.getByTestId('run-origin-local') });
  await expect(local).toHaveCount(3, { timeout: 20_000 });
  for (const row of await local.all()) await expect(runs.status(row)).toHaveText('Stopped');
});
