import { expect, test } from './fixtures.js';

test('bad input is explained next to each field and what was typed is kept', async ({ page, host, app, accounts }) => {
  await app.open(host.url);
  await accounts.addProfile({ name: 'Prod', secretId: 'AKIDprodAbCdEfGhIjKlMnOpQrStUvWxYz1234', secretKey: 'k1' });

  await accounts.startAdding();
  await accounts.save();
  await expect(accounts.fieldError('name')).toHaveText('Enter a display name.');
  await expect(accounts.fieldError('secret-id')).toHaveText('Enter the SecretId.');
  await expect(accounts.fieldError('secret-key')).toHaveText('Enter the SecretKey.');

  await accounts.fill({ name: ' prod ', uin: '12ab', secretId: 'AKID with space', secretKey: 'key' });
  await expect(accounts.fieldError('uin')).toHaveText('The account ID has digits only.');
  await expect(accounts.fieldError('secret-id')).toHaveText('The SecretId cannot contain spaces or line breaks.');
  await expect(accounts.fieldError('name')).toHaveText('Another profile already has this name.');
  await expect(page.getByRole('textbox', { name: 'Account ID (uin)' })).toHaveAttribute('aria-invalid', 'true');
  expect(await app.accessibilityViolations()).toEqual([]);

  // A SecretId that does not look like Tencent Cloud's only warns.
  await accounts.fill({ name: 'Staging', uin: '300012345678', secretId: 'LTAIsomethingElse' });
  await expect(accounts.fieldError('secret-id')).toHaveCount(0);
  await expect(accounts.fieldWarning('secret-id')).toContainText('does not look like a Tencent Cloud SecretId');

  // Saving refused by main (the name is taken): the form stays filled in.
  await accounts.fill({ name: 'PROD' });
  await accounts.save();
  await expect(page.getByTestId('form-error')).toContainText('What you typed is kept');
  await expect(accounts.dialog().getByLabel('Display name')).toHaveValue('PROD');
  await expect(accounts.dialog().getByLabel('SecretKey', { exact: true })).toHaveValue('key');

  await accounts.fill({ name: 'Staging' });
  await accounts.save();
  await expect(accounts.dialog()).toBeHidden();
  await expect(accounts.row('Staging')).toBeVisible();
});

test('each rule is said once, the form’s banner goes once the fields are right, a new profile gets a free colour', async ({
  page,
  app,
  host,
  accounts,
}) => {
  await app.open(host.url);
  await accounts.addProfile({ name: 'Prod', secretId: 'AKIDprodAbCdEfGhIjKlMnOpQrStUvWxYz1234', secretKey: 'k1' });

  // Blue is Prod's: the next profile starts with the first colour nobody has.
  await accounts.startAdding();
  const dialog = accounts.dialog();
  await expect(dialog.getByRole('radio', { name: 'Green' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Blue' })).not.toBeChecked();

  // The account ID's rule is said once, by the error, not repeated by the hint beneath it.
  await accounts.fill({ uin: '12ab' });
  await expect(accounts.fieldError('uin')).toBeVisible();
  const uinField = dialog.locator('.field').filter({ has: page.getByRole('textbox', { name: 'Account ID (uin)' }) });
  expect((await uinField.innerText()).match(/digit/gi)).toHaveLength(1);

  // Refused for its fields: the banner says so, and goes once they are right.
  await accounts.save();
  const banner = page.getByTestId('form-error');
  await expect(banner).toContainText('Some fields need attention.');
  await accounts.fill({
    name: 'Staging',
    uin: '300012345678',
    secretId: 'AKIDstagAbCdEfGhIjKlMnOpQrStUvWxYz1234',
    secretKey: 'k2',
  });
  await expect(accounts.fieldError('uin')).toHaveCount(0);
  await expect(banner).toBeHidden();
  await accounts.save();
  await expect(dialog).toBeHidden();
  await expect(accounts.row('Staging')).toBeVisible();
});

test.describe('in Chinese', () => {
  test.use({ hostLang: 'zh_CN.UTF-8' });

  test('a label’s “optional” mark follows its full-width bracket without a space', async ({ page, host, app }) => {
    await app.open(host.url);
    await page.getByTestId('add-profile').click();
    const label = page.getByRole('dialog').locator('label[for="profile-uin"]');
    await expect(label).toHaveText('账号 ID（uin）（可选）');
  });
});

test('in English the optional mark stands apart from the label', async ({ host, app, accounts }) => {
  await app.open(host.url);
  await accounts.startAdding();
  await expect(accounts.dialog().locator('label[for="profile-uin"]')).toHaveText('Account ID (uin) (optional)');
});
