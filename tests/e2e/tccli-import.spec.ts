import { access } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { keychainEntry, profileIdByName } from './helpers/keychain.js';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

const keys = { secretId: 'AKIDtccliAbCdEfGhIjKlMnOpQrStUvWxY0001', secretKey: 'tccliSecretKey0001' };
test.use({
  tccliFiles: {
    'default.credential': JSON.stringify({ ...keys, token: '' }),
    'default.configure': JSON.stringify({ _sys_param: { region: 'ap-beijing', output: 'json' } }),
    'broken.credential': 'secretId = nope',
  },
});

test('tccli profiles are imported into the keychain and their plaintext file deleted on request', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const dir = host.tccliDir;
  await app.open(host.url);
  await page.getByRole('button', { name: 'Import from tccli' }).first().click();
  const dialog = accounts.dialog();
  await expect(dialog.getByText('default', { exact: true })).toBeVisible();
  await expect(dialog.getByText('not valid JSON')).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'Import broken' })).toBeDisabled();
  // The region reads as everywhere else, and the list's columns line up from row to row.
  await expect(dialog.getByText('North China (Beijing)')).toBeVisible();
  const rows = dialog.getByRole('listitem');
  for (let column = 2; column <= 5; column++) {
    const lefts = await rows
      .locator(`label > span:nth-child(${String(column)})`)
      .evaluateAll((cells: { getBoundingClientRect(): { left: number } }[]) =>
        cells.map((c) => Math.round(c.getBoundingClientRect().left)),
      );
    expect(new Set(lefts).size, `column ${String(column)} at ${lefts.join(', ')}`).toBe(1);
  }
  expect(await app.accessibilityViolations()).toEqual([]);

  await dialog.getByRole('button', { name: 'Import selected' }).click();
  await expect(dialog.getByText('Plaintext keys still on disk')).toBeVisible();
  await expect(accounts.row('default')).toContainText('ap-beijing');
  await expect(accounts.row('default')).toContainText('from tccli');
  const id = await profileIdByName(host.userDataDir, 'default');
  expect(JSON.parse((await keychainEntry(id)) ?? '{}')).toEqual(keys);
  expect(await exists(path.join(dir, 'default.credential'))).toBe(true);

  // Deleting a file asks first; Cancel keeps it.
  const file = path.join(dir, 'default.credential');
  await dialog.getByRole('button', { name: 'Delete plaintext file' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${file}?` });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('tccli will no longer work with its profile “default”');
  expect(await exists(file)).toBe(true);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(await exists(file)).toBe(true);
  await expect(dialog.getByRole('button', { name: 'Delete plaintext file' })).toBeFocused();

  await dialog.getByRole('button', { name: 'Delete plaintext file' }).click();
  await confirm.getByRole('button', { name: 'Delete plaintext file' }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog.getByText(`Deleted ${file}`)).toBeVisible();
  // The keyboard stays in the import dialog.
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  expect(await exists(path.join(dir, 'default.credential'))).toBe(false);
  expect(await exists(path.join(dir, 'default.configure'))).toBe(true);
});
