import { expect, test } from './fixtures.js';

test('Settings explains a wrong keychain timeout beside the field, as the profile form does', async ({
  page,
  host,
  app,
  settings,
}) => {
  await app.open(host.url);
  await app.nav('Settings').click();
  const field = page.getByRole('spinbutton', { name: 'Keychain timeout (seconds)' });
  const error = page.getByTestId('settings-timeout-error');

  // Submitted (no browser bubble stops it): the app's own message shows beside the field.
  await settings.setKeychainTimeout(1);
  await expect(error).toHaveText('Between 2 and 600 seconds.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Between 2 and 600 seconds\./);
  await expect(field).toHaveValue('1');

  await field.fill('2.5');
  await expect(error).toBeHidden();
  await field.press('Enter');
  await expect(error).toHaveText('Enter a whole number of seconds.');

  await field.fill('');
  await field.press('Enter');
  await expect(error).toHaveText('Enter a whole number of seconds.');

  await settings.setKeychainTimeout(45);
  await expect(error).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'false');
});
