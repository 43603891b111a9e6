import { expect, test } from './fixtures.js';

test('offline, the last known instances stay on screen with their age', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
  instances,
}) => {
  const account = sandbox.account(0);
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Team registry', 0));
  await app.nav('Instances').click();
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);

  // The network goes away: the endpoint no longer answers.
  await sandbox.stop();
  await instances.refresh();
  await expect(instances.profileErrors()).toContainText('Team registry');
  await expect(instances.profileErrors()).toContainText(`Cannot reach ${sandbox.endpoint}`);
  await expect(instances.profileErrors()).toContainText('Showing the data fetched');
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);
  // Each of its rows says it is the last known state, not today's.
  await expect(instances.rowsOf('Team registry').getByTestId('stale-tag')).toHaveCount(account.instances.length);
  await expect(instances.rowsOf('Team registry').first()).toContainText('last known, fetched just now');

  // After a restart, still offline, the app shows what it knew before any call answers.
  await host.restart();
  await app.open(host.url);
  await app.nav('Instances').click();
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);
  await expect(page.getByText(/Team registry: Updated|Showing the data fetched/).first()).toBeVisible();
});
