import { expect, test } from './fixtures.js';
import { deleteKeychainEntry, profileIdByName } from './helpers/keychain.js';

test('deleting a sandbox account says what is true of it: it never had keys in the keychain', async ({
  page,
  host,
  app,
  accounts,
}) => {
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Acme Platform')).toBeVisible();

  await accounts.row('Acme Platform').getByRole('button', { name: 'Delete Acme Platform' }).click();
  const dialog = accounts.dialog();
  await expect(dialog).toContainText('nothing is deleted from your keychain');
  await expect(dialog).not.toContainText('deleted from the OS keychain');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox account “Acme Platform” removed' })).toBeVisible();
  await expect(page.getByText('keys removed from the keychain')).toHaveCount(0);
});

test('a profile whose keys are gone from the keychain is marked on Accounts, with what to do', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
  instances,
}) => {
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Team registry', 0));
  await accounts.addProfile(sandbox.profile('Other team', 1));
  // The keys disappear from the keychain (another program, a reset keyring).
  await deleteKeychainEntry(await profileIdByName(host.userDataDir, 'Team registry'));

  await app.nav('Instances').click();
  await instances.refresh();
  await expect(instances.profileErrors()).toContainText('Team registry');
  await expect(instances.profileErrors()).toContainText('tick “Replace keys”');

  await app.nav('Accounts').click();
  await expect(accounts.row('Team registry').getByTestId('keys-missing-tag')).toHaveText('keys missing');
  await expect(accounts.row('Other team').getByTestId('keys-missing-tag')).toHaveCount(0);
  await expect(page.getByTestId('keys-missing-hint')).toHaveText(
    '“Team registry”: the keychain holds no keys for this profile. Edit it, tick “Replace keys (key rotation)” and enter its SecretId and SecretKey.',
  );
  // The shared filter finds it by its tag.
  await accounts.searchbox().fill('keys missing');
  await expect(accounts.rows()).toHaveCount(1);
  await expect(accounts.rows()).toContainText('Team registry');
  await accounts.searchbox().fill('');

  // Following the hint fixes it: the mark goes once the instances load again.
  await accounts.rotateKeys('Team registry', sandbox.account(0).secretId, sandbox.account(0).secretKey);
  await expect(accounts.row('Team registry').getByTestId('keys-missing-tag')).toHaveCount(0);
  await expect(page.getByTestId('keys-missing-hint')).toHaveCount(0);
});

test.describe('with the keychain locked', () => {
  test.use({
    keyringMode: 'locked',
    tccliFiles: {
      'default.credential': JSON.stringify({ secretId: 'AKIDtccliAbCdEfGhIjKlMnOpQrStUvWxY0001', secretKey: 'k' }),
    },
  });

  test('Import from tccli says why it cannot import, and what to do', async ({ page, host, app, accounts }) => {
    await app.open(host.url);
    await expect(app.keychainBanner()).toContainText('locked');
    await page.getByRole('button', { name: 'Import from tccli' }).first().click();
    const dialog = accounts.dialog();
    await expect(dialog.getByText('default', { exact: true })).toBeVisible();
    const importButton = dialog.getByRole('button', { name: 'Import selected' });
    await expect(importButton).toBeDisabled();
    await expect(dialog.getByTestId('tccli-blocked')).toContainText('The OS keychain is locked');
    await expect(importButton).toHaveAccessibleDescription(/keychain is locked.*Check again/);
    await expect(dialog.getByRole('button', { name: 'Check again' })).toBeEnabled();
    expect(await app.accessibilityViolations()).toEqual([]);
  });
});
