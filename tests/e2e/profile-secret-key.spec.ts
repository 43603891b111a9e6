import { expect, test } from './fixtures.js';

test('the SecretKey is hidden as it is typed, shown only on request, no field takes more than its limit, regions read by name', async ({
  page,
  host,
  app,
  accounts,
}) => {
  await app.open(host.url);
  await accounts.startAdding();
  const dialog = accounts.dialog();
  const secretKey = dialog.getByLabel('SecretKey', { exact: true });

  await secretKey.fill('s3cret-key-value');
  await expect(secretKey).toHaveAttribute('type', 'password');
  await dialog.getByRole('button', { name: 'Show' }).click();
  await expect(secretKey).toHaveAttribute('type', 'text');
  await expect(secretKey).toHaveValue('s3cret-key-value');
  await dialog.getByRole('button', { name: 'Hide' }).click();
  await expect(secretKey).toHaveAttribute('type', 'password');

  // Pasting more than a field takes keeps only what fits (the contract's limits), so a huge paste
  // never leaves the window (the live check sends what is typed).
  const limits: [string, number][] = [
    ['Display name', 64],
    ['Account ID (uin)', 20],
    ['API endpoint', 253],
    ['SecretId', 128],
    ['SecretKey', 128],
  ];
  for (const [label, max] of limits) {
    const field = label === 'SecretKey' ? secretKey : dialog.getByRole('textbox', { name: label });
    await expect(field, label).toHaveAttribute('maxlength', String(max));
    await field.fill('');
    await field.pressSequentially('x'.repeat(max + 5), { delay: 0 });
    expect((await field.inputValue()).length, label).toBe(max);
  }
  await expect(page.getByText('Connection to the app lost')).toHaveCount(0);

  // Regions are offered by their console names, as the tables show them, with the code beside.
  const shanghai = dialog.getByLabel('Default region').locator('option[value="ap-shanghai"]');
  await expect(shanghai).toHaveText('East China (Shanghai) · ap-shanghai');
});
