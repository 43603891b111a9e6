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

test('a slow refresh shows its progress and can be cancelled, keeping what was known', async ({ page }) => {
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
  await expect(page.getByTestId('refresh-instances')).toBeEnabled();

  // The cloud becomes very slow: the next refresh would take half a minute.
  await cloud.setFaults([{ kind: 'latency', action: 'DescribeInstances', latencyMs: 30_000 }]);
  await instances.refresh();
  await expect(instances.progress()).toContainText('Refreshing 0 of 1 accounts');
  await instances.cancel();

  await expect(instances.progress()).toBeHidden();
  await expect(instances.profileErrors()).toContainText('Team registry: Cancelled.');
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);
  await expect(page.getByTestId('refresh-instances')).toBeEnabled();

  // Once the cloud answers again, a refresh clears the error.
  await cloud.setFaults([]);
  await instances.refresh();
  await expect(instances.profileErrors()).toHaveCount(0);
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);
});
