// One user story: someone who wants to hear only about trouble. Only failures are told; a rule
// muted from its notification is told no more (its runs still reach the history); do not disturb
// keeps even failures quiet until it is turned off. The watching intervals refuse what main would.
import { sandboxControl } from '../shared/sandbox-control.js';
import { expect, test } from './fixtures.js';
import { NotificationCentrePage } from './pages/notification-centre.js';
import { NotificationSettingsPage } from './pages/notification-settings-page.js';

// Runs overlap, so the watcher keeps asking every active interval (5 s) while the story goes on.
test.use({ sandboxOptions: { activity: false, runTimeMs: 16_000 } });

const GZ = 'tcr-8kq3m2zd'; // acme-prod-gz: platform-to-shanghai → acme-prod-sh, charts-to-beijing-dr → acme-dr-bj
const SH = 'tcr-5hv7p1wc';
const BJ = 'tcr-2nf9x4rb';

test('only failures are told, a muted rule and do not disturb keep quiet, the history keeps all', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  test.setTimeout(180_000);
  const centre = new NotificationCentrePage(page);
  const settings = new NotificationSettingsPage(page);
  const control = async (path: string, body: object) => {
    const reply = await sandboxControl(sandbox.endpoint, path, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  };
  const told = (rule: string) => centre.toasts().filter({ hasText: `Rule ${rule}:` });
  await app.open(host.url);
  await app.nav('Settings').click();

  // The intervals: what is out of range is refused in words, and what was typed stays.
  await settings.setIntervals('30', '5');
  await expect(page.getByTestId('settings-watch-idle-error')).toHaveText('Between 60 and 3600 seconds.');
  await expect(settings.idle()).toHaveValue('30');
  await settings.setIntervals('300', '5');
  await expect(page.getByTestId('settings-watch-idle-error')).toBeHidden();
  await expect(centre.toasts().filter({ hasText: 'Settings saved.' })).toBeVisible();

  // Only failures.
  await settings.notifyOn('Only runs that did not fully succeed').check();
  await expect(settings.notifyOn('Only runs that did not fully succeed')).toBeChecked();

  // One run fails a task (injected), one succeeds; both in progress when the account is added.
  await control('fail-replication', { registryId: SH, times: 1 });
  await control('run-rule', { registryId: GZ, ruleName: 'platform-to-shanghai' });
  await control('run-rule', { registryId: GZ, ruleName: 'charts-to-beijing-dr' });
  await app.nav('Accounts').click();
  await accounts.addProfile(sandbox.profile('Acme', 0));
  // Half-way through them, a run that keeps the instance watched closely while the story goes on
  // (the watcher asks every active interval while one of its runs is in progress).
  await page.waitForTimeout(8000);
  await control('run-rule', { registryId: GZ, ruleName: 'charts-to-beijing-dr' });
  await expect(centre.bell()).toHaveAccessibleName('Notifications, 2 unread', { timeout: 60_000 });
  await expect(told('platform-to-shanghai')).toContainText(/synced in \d+ s — \d+ failed/);
  await expect(told('charts-to-beijing-dr')).toHaveCount(0);

  // Mute platform-to-shanghai from its entry; its next failure goes to the history only.
  await told('platform-to-shanghai').getByRole('button', { name: 'Dismiss' }).click();
  await centre.bell().click();
  const failedEntry = centre.entries().filter({ hasText: 'Rule platform-to-shanghai' });
  await failedEntry.getByRole('button', { name: 'Mute rule platform-to-shanghai' }).click();
  await expect(failedEntry).toContainText('muted');
  await expect(failedEntry.getByRole('button', { name: 'Unmute platform-to-shanghai' })).toBeFocused();
  await page.keyboard.press('Escape');
  await control('fail-replication', { registryId: SH, times: 1 });
  await control('run-rule', { registryId: GZ, ruleName: 'platform-to-shanghai' });

  // Do not disturb for an hour: even a failure of a rule not muted stays quiet.
  await app.nav('Settings').click();
  await expect(settings.mutedRules()).toContainText('platform-to-shanghai · acme-prod-gz · Acme');
  await settings.dnd().getByRole('button', { name: 'For 1 hour' }).click();
  await expect(settings.dndState()).toContainText('On until');
  await control('fail-replication', { registryId: BJ, times: 1 });
  await control('run-rule', { registryId: GZ, ruleName: 'charts-to-beijing-dr' });

  // The keep-alive run, the muted failure and the failure under do not disturb: all in the
  // history, none told.
  await expect(centre.bell()).toHaveAccessibleName('Notifications, 5 unread', { timeout: 60_000 });
  await page.waitForTimeout(500);
  await expect(told('platform-to-shanghai')).toHaveCount(0);
  await expect(told('charts-to-beijing-dr')).toHaveCount(0);
  await centre.bell().click();
  await expect(centre.entries()).toHaveCount(5);
  await expect(centre.entries().filter({ hasText: /synced in \d+ s — \d+ failed/ })).toHaveCount(3);
  await page.keyboard.press('Escape');

  // Do not disturb off, the rule unmuted: as before.
  await settings.dnd().getByRole('button', { name: 'Off' }).click();
  await expect(settings.dndState()).toHaveText('Off: notifications are shown as chosen above.');
  await settings
    .mutedRules()
    .getByRole('button', { name: /^Unmute platform-to-shanghai/ })
    .click();
  await expect(settings.mutedRules()).toContainText('No rule is muted.');
  expect(await app.accessibilityViolations()).toEqual([]);
});
