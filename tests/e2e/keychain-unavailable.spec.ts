import { readdir } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './helpers/web-host.js';
import { AppPage } from './pages/app-page.js';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
});

test('without a keychain the user is told why and nothing is saved elsewhere', async ({ page }) => {
  // No D-Bus session: there is no Secret Service to talk to.
  host = await startHost({ env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } });
  const app = new AppPage(page);
  await app.open(host.url);

  await expect(app.keychainBanner()).toBeVisible();
  await expect(app.keychainBanner()).toContainText('The OS keychain is not available');
  await expect(app.keychainBanner()).toContainText('Secret Service');
  await expect(page.getByTestId('add-profile')).toBeDisabled();
  // The rest of the app keeps working.
  await app.nav('Settings').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  expect(await app.accessibilityViolations()).toEqual([]);

  await app.keychainBanner().getByRole('button', { name: 'Check again' }).click();
  await expect(app.keychainBanner()).toBeVisible();
  expect((await readdir(host.userDataDir)).filter((f) => f.startsWith('profiles'))).toEqual([]);
});
