import { expect, test } from '@playwright/test';
import { startStandaloneSandbox, type StandaloneSandbox } from './helpers/sandbox.js';
import { startHost, stopHost, type RunningHost } from './helpers/web-host.js';
import { AccountsPage } from './pages/accounts-page.js';
import { AppPage } from './pages/app-page.js';
import { InstancesPage } from './pages/instances-page.js';

let host: RunningHost | undefined;
let cloud: StandaloneSandbox | undefined;
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from this pattern; none are needed.
test.afterEach(async ({}, testInfo) => {
  await stopHost(host, testInfo);
  await cloud?.stop();
});

test('offline, the last known instances stay on screen with their age', async ({ page }) => {
  cloud = await startStandaloneSandbox();
  const account = cloud.accounts[0]!;
  host = await startHost();
  const app = new AppPage(page);
  const instances = new InstancesPage(page);
  await app.open(host.url);
  await new AccountsPage(page).addProfile({
    name: 'Team registry',
    endpoint: cloud.endpoint,
    secretId: account.secretId,
    secretKey: account.secretKey,
  });
  await app.nav('Instances').click();
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);

  // The network goes away: the endpoint no longer answers.
  await cloud.stop();
  await instances.refresh();
  await expect(instances.profileErrors()).toContainText('Team registry');
  await expect(instances.profileErrors()).toContainText(`Cannot reach ${cloud.endpoint}`);
  await expect(instances.profileErrors()).toContainText('Showing data from');
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);
  // Each of its rows says it is the last known state, not today's.
  await expect(instances.rowsOf('Team registry').getByTestId('stale-tag')).toHaveCount(account.instances.length);
  await expect(instances.rowsOf('Team registry').first()).toContainText('last known, now');

  // After a restart, still offline, the app shows what it knew before any call answers.
  const userDataDir = host.userDataDir;
  await host.stop();
  host = await startHost({ userDataDir });
  await app.open(host.url);
  await app.nav('Instances').click();
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);
  await expect(page.getByText(/Team registry: Updated|Showing data from/).first()).toBeVisible();
});
