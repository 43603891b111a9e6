import { readdir } from 'node:fs/promises';
import { expect, test, type KeyringMode } from './fixtures.js';

const cases: { mode: KeyringMode; title: string }[] = [
  // No D-Bus session: there is no Secret Service to talk to.
  { mode: 'no-bus', title: 'without a keychain the user is told why and nothing is saved elsewhere' },
  // A D-Bus session, but nobody provides the Secret Service on it.
  { mode: 'none', title: 'without a Secret Service on the bus the user is told why and nothing is saved elsewhere' },
];

for (const { mode, title } of cases) {
  test.describe(() => {
    test.use({ keyringMode: mode });

    test(title, async ({ page, host, app }) => {
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
  });
}
