import { expect, test } from './fixtures.js';
import { ProfileDialog } from './pages/profile-dialog.js';

test('a keyboard user closing a dialog lands back where they were, and Save stays in view on a short window', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const dialog = new ProfileDialog(page);
  await app.open(host.url);
  await expect(accounts.heading()).toHaveText('Accounts');

  // Opening puts the cursor in the first field; Esc, Cancel and × each give focus back.
  await dialog.openFrom(dialog.addButton());
  await expect(dialog.field('Display name')).toBeFocused();
  await dialog.pressEscape();
  await expect(dialog.addButton()).toBeFocused();

  await dialog.openFrom(dialog.addButton());
  await dialog.cancel();
  await expect(dialog.addButton()).toBeFocused();

  await dialog.openFrom(dialog.addButton());
  await dialog.dismiss();
  await expect(dialog.addButton()).toBeFocused();

  // On a small laptop screen the dialog fits: Save is on screen and the page never scrolls.
  await page.setViewportSize({ width: 1024, height: 700 });
  await dialog.openFrom(dialog.emptyStateAddButton());
  await expect(dialog.saveButton()).toBeInViewport({ ratio: 1 });
  await expect(dialog.root().getByRole('heading', { name: 'Add account profile' })).toBeInViewport({ ratio: 1 });
  const box = await dialog.root().boundingBox();
  expect(box && box.y >= 0 && box.y + box.height <= 700).toBe(true);
  await dialog.field('Display name').fill('Short screen');
  await dialog.field('SecretId').fill('AKIDshort0123456789abcdefghijklmnopq');
  await dialog.field('SecretKey').fill('short-screen-key');
  // Scrolling scrolls the fields inside the dialog; Save and the page stay where they were.
  const headingAt = await accounts.heading().boundingBox();
  await dialog.body().hover();
  await page.mouse.wheel(0, 600);
  await expect(dialog.saveButton()).toBeInViewport({ ratio: 1 });
  expect(await accounts.heading().boundingBox()).toEqual(headingAt);

  // Saved from the empty screen's button, which is gone with the empty screen: focus goes to
  // the screen's heading rather than being lost.
  await dialog.saveButton().click();
  await expect(dialog.root()).toBeHidden();
  await expect(accounts.row('Short screen')).toBeVisible();
  await expect(accounts.heading()).toBeFocused();

  // Saved from the header's button: back on it.
  await dialog.openFrom(dialog.addButton());
  await accounts.fill({ name: 'Second', secretId: 'AKIDsecond0123456789abcdefghijklmnop', secretKey: 'second-key' });
  await accounts.save();
  await expect(dialog.root()).toBeHidden();
  await expect(dialog.addButton()).toBeFocused();
});
