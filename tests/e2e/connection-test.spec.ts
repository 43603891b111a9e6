import { expect, test } from './fixtures.js';

test('testing a connection names the account the keys belong to and fills in its ID', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  const account = sandbox.account(0);
  const regions = new Set(account.instances.map((i) => i.regionName)).size;
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Team registry', 0));
  await expect(accounts.row('Team registry')).toContainText('not set');

  const result = await accounts.testConnection('Team registry');
  await expect(result).toContainText(`The keys belong to account ${account.uin}`);
  await expect(result).toContainText(`Instances found: ${account.instances.length} (regions: ${regions})`);
  await expect(result).toContainText(`The account ID was empty and is now set to ${account.uin}`);
  await accounts.closeDialog();
  await expect(accounts.row('Team registry')).toContainText(account.uin);

  // Keys of another account under this profile: the test warns and changes nothing.
  const other = sandbox.account(1);
  await accounts.rotateKeys('Team registry', other.secretId, other.secretKey);
  const warning = await accounts.testConnection('Team registry');
  await expect(warning.getByRole('alert')).toContainText(
    `the profile says account ${account.uin}, but the keys belong to ${other.uin}`,
  );
  await page.screenshot({ path: test.info().outputPath('connection-warning.png') });
  await accounts.closeDialog();
  await expect(accounts.row('Team registry')).toContainText(account.uin);
});
