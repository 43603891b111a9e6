import { expect, test } from '@playwright/test';
import { ownNameForever, type BlackHole } from '../integration/helpers/dbus-black-hole.js';
import { nameHasOwner, startKeyringEnv, type KeyringEnv } from '../integration/helpers/keyring-env.js';
import { startHost, type RunningHost } from './helpers/web-host.js';
import { AppPage } from './pages/app-page.js';
import { SettingsPage } from './pages/settings-page.js';

let host: RunningHost | undefined;
let keyring: KeyringEnv | undefined;
let prompter: BlackHole | undefined;
test.afterEach(async () => {
  await host?.stop();
  prompter?.close();
  await keyring?.stop();
});

test('a keychain call waiting on an unanswered unlock prompt can be cancelled, and gives up at the timeout', async ({
  page,
}) => {
  // A locked keyring whose unlock prompt is shown (the prompter exists) but never answered.
  const started = await startKeyringEnv('locked');
  if (typeof started === 'string') throw new Error(started);
  keyring = started;
  prompter = await ownNameForever(keyring.env.DBUS_SESSION_BUS_ADDRESS ?? '', 'org.gnome.keyring.SystemPrompter');
  await expect.poll(() => nameHasOwner(started.env, 'org.gnome.keyring.SystemPrompter')).toBe(true);

  host = await startHost({ env: started.env });
  const app = new AppPage(page);
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
  await new SettingsPage(page).setKeychainTimeout(2);
  await expect(page.getByText('Settings saved')).toBeVisible();
  await app.keychainBanner().getByRole('button', { name: 'Check again' }).click();
  await expect(app.keychainWait()).toContainText('Gives up after 2 s');
  await expect(app.keychainWait()).toBeHidden({ timeout: 5_000 });
  await expect(app.keychainBanner()).toContainText('The OS keychain is locked');
  await expect(app.keychainBanner()).toContainText('Unlock your login keyring');
});
