import { expect, test } from './fixtures.js';
import { docsScreenshot } from './helpers/docs-screenshot.js';

test('the sandbox’s demo accounts show their instances side by side, and a wrong key fails on its own rows', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
  instances,
}) => {
  // A second sandbox stands in for "the cloud" of a profile typed by hand with a custom endpoint.
  const demo = sandbox.accounts;
  expect(demo.length).toBeGreaterThanOrEqual(2);
  await app.open(host.url);

  await page.getByTestId('try-sandbox').click();
  for (const account of demo) {
    await expect(accounts.row(account.name)).toContainText('sandbox');
    await expect(accounts.row(account.name)).toContainText('Built-in sandbox');
  }
  await accounts.addProfile({ ...sandbox.profile('Wrong key', 0), secretKey: 'not-the-right-secret-key-0000000' });

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
  await docsScreenshot(page, test.info(), 'instances');
});
