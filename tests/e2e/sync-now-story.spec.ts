// The story end to end: a user selects a rule, presses Sync now, confirms what will
// happen, and watches this computer copy what the rule selects between the sandbox's instances
// (real registries inside the sandbox): artifacts and bytes move, the run finishes, Recent runs
// shows it marked "Run on this computer" with its ratio, its notification tells it, and a second
// Sync now finds nothing to copy.
import { expect, test } from './fixtures.js';
import { NotificationCentrePage } from './pages/notification-centre.js';
import { RulesPage } from './pages/rules-page.js';
import { RunsPage } from './pages/runs-page.js';
import { SyncNowPanelPage } from './pages/sync-now-panel.js';

test.use({ sandboxOptions: { activity: false, registries: 'in-process' } });

const RULE = 'charts-to-beijing-dr'; // acme-prod-gz → acme-dr-bj, charts/** Helm charts, override off

test('Sync now on a rule: confirmed, watched while it copies, logged as run on this computer, then nothing left to copy', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  test.setTimeout(150_000);
  const rules = new RulesPage(page);
  const runs = new RunsPage(page);
  const syncNow = new SyncNowPanelPage(page);
  const centre = new NotificationCentrePage(page);
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Acme', 0));
  // The demo's images are small and copy in a blink: the cloud takes its time to hand out the
  // registries' login tokens, so that the run can be watched.
  await sandbox.setFaults([{ kind: 'latency', action: 'CreateInstanceToken', latencyMs: 3000 }]);

  // The rule, selected in the table: its pane has Sync now.
  await app.nav('Sync rules').click();
  const row = rules.row(RULE);
  await row.getByRole('cell', { name: RULE, exact: true }).click();
  await expect(rules.detail()).toBeVisible();
  await syncNow.detailButton().click();

  // The confirmation says what will happen before anything starts.
  await expect(syncNow.dialog()).toBeVisible();
  const planned = syncNow.dialogRule(RULE);
  await expect(planned).toContainText('acme-prod-gz → acme-dr-bj');
  await expect(planned).toContainText('Override off: existing tags with another digest are kept.');
  await syncNow.startButton().click();
  await expect(syncNow.dialog()).toBeHidden();
  // Focus returns where it came from.
  await expect(syncNow.detailButton()).toBeFocused();

  // Its progress in the rule's pane: copying, with the artifacts it selected, and a bar.
  const inPane = syncNow.detailRun();
  await expect(inPane).toBeVisible();
  await expect(inPane.getByTestId('local-run-phase')).toHaveText('Copying', { timeout: 20_000 });
  await expect(syncNow.figures(inPane)).toContainText(/^\d+ of 5 artifacts/);
  const bar = syncNow.bar(inPane);
  await expect(bar).toHaveAttribute('aria-valuemax', '100');
  await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);

  // And in the panel, from any screen.
  await app.nav('Recent runs').click();
  await expect(syncNow.indicator()).toHaveText(/1 sync running/);
  await syncNow.open();
  const inPanel = syncNow.run(RULE);
  await expect(inPanel).toContainText('acme-prod-gz → acme-dr-bj');
  await expect(syncNow.figures(inPanel)).toContainText(/of 5 artifacts/);

  // It finishes: the panel says what was copied, and the log has it, marked as run on this computer.
  const done = syncNow.finished(RULE);
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done.getByTestId('local-run-summary')).toHaveText(/^\d+(\.\d+)? (kB|MB) copied\.$/);
  await expect(done.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(syncNow.indicator()).toBeFocused();
  const local = runs.rows().filter({ has: page.getByTestId('run-origin-local') });
  await expect(local).toHaveCount(1, { timeout: 20_000 });
  await expect(local.getByTestId('run-origin-local')).toHaveText('Run on this computer');
  await expect(runs.status(local)).toHaveText('Succeeded');
  const { synced, total } = await runs.fraction(local);
  expect(total).toBe(5);
  expect(synced).toBe(total);

  // Its notification, like any other run's.
  const told = centre.toasts().filter({ hasText: `Rule ${RULE}` });
  await expect(told).toHaveCount(1, { timeout: 20_000 });
  await expect(told).toContainText(`${String(synced)}/${String(total)} synced`);

  // A second Sync now finds the target up to date: nothing is copied.
  await sandbox.setFaults([]);
  await app.nav('Sync rules').click();
  await rules.row(RULE).getByRole('cell', { name: RULE, exact: true }).click();
  await syncNow.detailButton().click();
  await syncNow.startButton().click();
  await expect(syncNow.dialog()).toBeHidden();
  await syncNow.open();
  const again = syncNow.finished(RULE).first();
  await expect(again.getByTestId('local-run-summary')).toHaveText('Up to date: nothing needed copying.', {
    timeout: 60_000,
  });
});
