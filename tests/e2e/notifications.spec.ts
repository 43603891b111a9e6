// One user story: images pushed to a watched instance start two sync runs; when they finish, each
// is told once (a toast with its ratio and Open), the bell counts them, Open shows the run's tasks,
// the rest is marked read in the notification centre, and the history is cleared.
import { sandboxControl } from '../shared/sandbox-control.js';
import { expect, test } from './fixtures.js';
import { NotificationCentrePage } from './pages/notification-centre.js';

// Runs long enough to be seen in progress at the watcher's first look at the new account.
test.use({ sandboxOptions: { activity: false, runTimeMs: 12_000 } });

test('a finished sync run: a toast with its ratio, the bell counts it, Open shows its tasks, mark read', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  test.setTimeout(120_000);
  const centre = new NotificationCentrePage(page);
  await app.open(host.url);
  await expect(centre.bell()).toHaveAccessibleName('Notifications');

  // Watch closely while a run is in progress (the fastest the settings allow).
  await app.nav('Settings').click();
  await page.locator('#settings-watch-active').fill('5');
  await page.locator('#settings-watch-active').press('Enter');
  await expect(centre.toasts().filter({ hasText: 'Settings saved.' })).toBeVisible();

  // Two pushes to Acme's Guangzhou instance: the demo rule platform-to-shanghai runs for each.
  for (const tag of ['v1.0.0', 'v1.0.1']) {
    const pushed = await sandboxControl(sandbox.endpoint, 'push', {
      registryId: 'tcr-8kq3m2zd',
      namespace: 'platform',
      repository: 'e2e-notify',
      tag,
      kind: 'image',
    });
    expect(pushed.status).toBe(200);
  }
  await app.nav('Accounts').click();
  await accounts.addProfile(sandbox.profile('Acme', 0));

  // Each run is told once, with its figures and a button that opens it.
  const told = centre.toasts().filter({ hasText: 'Rule platform-to-shanghai' });
  await expect(told).toHaveCount(2, { timeout: 60_000 });
  await expect(told.first()).toHaveText(/^Rule platform-to-shanghai: 1\/1 synced in 1\d s\s*Open\s*×$/);
  await expect(centre.bell()).toHaveAccessibleName('Notifications, 2 unread');

  // Open: Recent runs shows that run's tasks; the run is read now.
  await told.first().getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(/#\/runs&run=/);
  const tasks = page.getByRole('dialog', { name: /^Tasks of run/ });
  await expect(tasks).toBeVisible();
  await expect(tasks).toContainText('platform/e2e-notify');
  await expect(centre.bell()).toHaveAccessibleName('Notifications, 1 unread');
  await page.keyboard.press('Escape');
  await expect(tasks).toBeHidden();

  // The centre: newest first, one read, one not; mark it read.
  await centre.bell().click();
  await expect(centre.panel()).toBeVisible();
  await expect(centre.entries()).toHaveCount(2);
  const unread = centre.entries().filter({ hasText: 'unread' });
  await expect(unread).toHaveCount(1);
  await expect(unread).toContainText('Acme · acme-prod-gz');
  await expect(unread).toContainText('1/1 synced in');
  await unread.getByRole('button', { name: 'Mark read: the run of platform-to-shanghai' }).click();
  await expect(centre.bell()).toHaveAccessibleName('Notifications');
  await expect(centre.entries().filter({ hasText: 'unread' })).toHaveCount(0);
  expect(await app.accessibilityViolations()).toEqual([]);

  // Escape closes it and gives the focus back to the bell; Enter opens it again.
  await page.keyboard.press('Escape');
  await expect(centre.panel()).toBeHidden();
  await expect(centre.bell()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(centre.panel().getByRole('button', { name: 'Close' })).toBeFocused();

  // Clear, once confirmed: the history is empty, the focus stays in the panel.
  await centre.panel().getByRole('button', { name: 'Clear…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Clear the notification history?' });
  await expect(confirm).toContainText('All 2 entries are removed.');
  await confirm.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(centre.panel()).toContainText('No finished sync run yet.');
  await expect(centre.panel().getByRole('button', { name: 'Close' })).toBeFocused();
});
