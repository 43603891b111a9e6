import { expect, test } from './fixtures.js';
import { RulesPage } from './pages/rules-page.js';

test('an account marked production shows its badge and a banner, and its rules change only once their name is typed', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Globex Analytics')).toContainText('sandbox');
  await expect(accounts.row('Globex Analytics').getByTestId('production-badge')).toHaveCount(0);

  // Mark Globex Analytics production in its profile dialog.
  await accounts.row('Globex Analytics').getByRole('button', { name: 'Edit Globex Analytics' }).click();
  const production = accounts.dialog().getByRole('checkbox', { name: 'Production account' });
  await expect(production).not.toBeChecked();
  await expect(production).toHaveAccessibleDescription(/asks for the rule’s name to be typed/);
  await production.check();
  await accounts.save();
  await expect(accounts.dialog()).toBeHidden();
  const badge = accounts.row('Globex Analytics').getByTestId('production-badge');
  await expect(badge).toHaveText('PROD');
  await expect(badge).toHaveAccessibleName('Production account: Globex Analytics');
  await expect(accounts.row('Acme Platform').getByTestId('production-badge')).toHaveCount(0);
  // Found by the word too.
  await accounts.searchbox().fill('production');
  await expect(accounts.rows()).toHaveCount(1);
  await accounts.searchbox().fill('');
  // The badge reads at AA contrast in light and in dark.
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  // The Rules view: a banner names the production account; its badge beside it at either end.
  await app.nav('Sync rules').click();
  await expect(rules.rows()).toHaveCount(5);
  await expect(page.getByTestId('production-banner')).toHaveText(
    /Globex Analytics is a production account: changes here reach production\./,
  );
  await expect(rules.row('release-to-globex').getByTestId('production-badge')).toHaveCount(1);
  await expect(rules.row('platform-to-shanghai').getByTestId('production-badge')).toHaveCount(0);

  // A rule of no production account is toggled as before: no name asked.
  await rules.switchOf('platform-to-shanghai').click();
  const dialog = rules.changeDialog();
  await expect(rules.sendButton()).toBeEnabled();
  await expect(rules.confirmName()).toHaveCount(0);
  await expect(dialog.getByTestId('production-banner')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A rule to the production account: the dialog says so and what changes, and asks for the name.
  const cross = rules.switchOf('release-to-globex');
  await expect(cross).toHaveAttribute('aria-checked', 'true');
  await cross.click();
  await expect(dialog.getByRole('heading', { name: 'Disable “release-to-globex”?' })).toBeVisible();
  await expect(dialog.getByTestId('production-banner')).toContainText('Globex Analytics is a production account');
  await expect(dialog.getByTestId('change-summary')).toHaveText(
    /^Turns off “release-to-globex”: nothing syncs from Acme Platform · .+ to Globex Analytics · .+ until it is turned on again \(the target is production\)\.$/,
  );
  await expect(rules.changedLines()).toContainText(/Rule\.Enabled\s*true → false/);
  await expect(rules.confirmName()).toBeVisible();
  await expect(rules.sendButton()).toBeDisabled();
  await rules.confirmName().fill('release-to-globe');
  await expect(rules.sendButton()).toBeDisabled();
  await expect(dialog).toContainText('This is not the rule’s name yet.');
  // Enter with a wrong name sends nothing either.
  await rules.confirmName().press('Enter');
  await expect(dialog).toBeVisible();
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  await rules.confirmName().fill('release-to-globex');
  await expect(rules.sendButton()).toBeEnabled();
  await rules.sendButton().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Rule “release-to-globex” disabled.' })).toBeVisible();
  await expect(cross).toHaveAttribute('aria-checked', 'false');

  // Its detail pane carries the banner too, and its switch asks for the name again.
  await rules.row('release-to-globex').getByRole('cell', { name: 'release-to-globex', exact: true }).click();
  await expect(rules.detail().getByTestId('production-banner')).toBeVisible();
  await rules.detail().getByRole('switch').click();
  await expect(rules.confirmName()).toBeVisible();
  await expect(rules.sendButton()).toBeDisabled();
  await rules.confirmName().fill('release-to-globex');
  await rules.sendButton().click();
  await expect(dialog).toBeHidden();
  await expect(cross).toHaveAttribute('aria-checked', 'true');
});
