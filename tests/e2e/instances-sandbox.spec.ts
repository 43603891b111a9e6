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

test('the sandbox’s demo accounts show their instances side by side, and a wrong key fails on its own rows', async ({
  page,
}) => {
  // A second sandbox stands in for "the cloud" of a profile typed by hand with a custom endpoint.
  cloud = await startStandaloneSandbox();
  const demo = cloud.accounts;
  expect(demo.length).toBeGreaterThanOrEqual(2);
  host = await startHost();
  const app = new AppPage(page);
  const accounts = new AccountsPage(page);
  const instances = new InstancesPage(page);
  await app.open(host.url);

  await page.getByTestId('try-sandbox').click();
  for (const account of demo) {
    await expect(accounts.row(account.name)).toContainText('sandbox');
    await expect(accounts.row(account.name)).toContainText('Built-in sandbox');
  }
  await accounts.addProfile({
    name: 'Wrong key',
    endpoint: cloud.endpoint,
    secretId: demo[0]!.secretId,
    secretKey: 'not-the-right-secret-key-0000000',
  });

  await app.nav('Instances').click();
  for (const account of demo) {
    await expect(instances.rowsOf(account.name)).toHaveCount(account.instances.length);
  }
  await expect(instances.profileErrors()).toHaveCount(1);
  await expect(instances.profileErrors()).toContainText('Wrong key');
  await expect(instances.profileErrors()).toContainText('The keys were refused (AuthFailure.SignatureFailure)');
  await expect(instances.profileErrors()).toContainText('RequestId');
  expect(await app.accessibilityViolations()).toEqual([]);

  // The table sorts and filters like the others.
  await instances.filter('premium');
  await expect(instances.rows().first()).toContainText('Premium');
  for (const row of await instances.rows().all()) await expect(row).toContainText('Premium');
  await instances.filter('');
  await instances.sortBy('Instance ID');
  const ids = await instances.rows().locator('td:nth-child(4)').allTextContents();
  expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  await page.screenshot({ path: 'docs/screenshots/instances.png' });
});
