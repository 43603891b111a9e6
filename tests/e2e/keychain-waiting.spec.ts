import { expect, test } from './fixtures.js';

// A locked keyring whose unlock prompt is shown (the prompter exists) but never answered.
test.use({ keyringMode: 'locked', unlockPrompt: 'unanswered' });

test('a keychain call waiting on an unanswered unlock prompt can be cancelled, and gives up at the timeout', async ({
  page,
  host,
  app,
  settings,
}) => {
  await app.open(host.url);

  // The start-up probe waits: the user is told so and can stop waiting.
  await expect(app.keychainWait()).toContainText('Waiting for the OS keychain (checking access)');
  await expect(app.keychainWait()).toContainText('Gives up after 30 s');
  await expect(page.getByTestId('add-profile')).toBeDisabled();
  expect(await app.accessibilityViolations()).toEqual([]);
  await app.keychainWait().getByRole('button', { name: 'Cancel' }).click();
  await expect(app.keychainWait()).toBeHidden();
  await expect(app.keychainBanner()).toContainText('The OS keychain is locked');

  // With a short timeout the next check gives up on its own, with the same clear message.
  await app.nav('Settings').click();
  await settings.setKeychainTimeout(2);
  await expect(page.getByText('Settings saved')).toBeVisible();
  await app.keychainBanner().getByRole('button', { name: 'Check again' }).click();
  await expect(app.keychainWait()).toContainText('Gives up after 2 s');
  await expect(app.keychainWait()).toBeHidden({ timeout: 5_000 });
  await expect(app.keychainBanner()).toContainText('The OS keychain is locked');
  await expect(app.keychainBanner()).toContainText('Unlock your login keyring');
});
