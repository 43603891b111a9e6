import { expect, test } from './fixtures.js';

test('a slow refresh shows its progress and can be cancelled, keeping what was known', async ({
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
  await expect(page.getByTestId('refresh-instances')).toBeEnabled();

  // The cloud becomes very slow: the next refresh would take half a minute.
  await sandbox.setFaults([{ kind: 'latency', action: 'DescribeInstances', latencyMs: 30_000 }]);
  await instances.refresh();
  await expect(instances.progress()).toContainText('Refreshing 0 of 1 accounts');
  await instances.cancel();

  await expect(instances.progress()).toBeHidden();
  // The user's own Cancel is no error: said calmly, with how old the data shown is.
  const note = page.getByTestId('refresh-cancelled');
  await expect(note).toHaveText('Refresh cancelled; showing what was known.');
  await expect(note).toHaveRole('status');
  const tone = await note.evaluate((el: { className: string }) => el.className);
  expect(tone).not.toMatch(/error|danger/);
  await expect(instances.profileErrors()).toHaveCount(0);
  await expect(page.getByText('Cancelled.')).toHaveCount(0);
  await expect(page.getByTestId('profile-freshness')).toHaveText(
    'Team registry: Refresh cancelled; showing the data fetched just now',
  );
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);
  await expect(page.getByTestId('refresh-instances')).toBeEnabled();

  // Once the cloud answers again, a refresh clears the note.
  await sandbox.setFaults([]);
  await instances.refresh();
  await expect(note).toBeHidden();
  await expect(page.getByTestId('profile-freshness')).toHaveText('Team registry: Updated just now');
  await expect(instances.rowsOf('Team registry')).toHaveCount(account.instances.length);
});
