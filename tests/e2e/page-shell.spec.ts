import { expect, test } from './fixtures.js';

test('a reload (or Back) keeps the screen, which the URL names beside the host’s token', async ({
  page,
  host,
  app,
  accounts,
}) => {
  await app.open(host.url);
  await expect(accounts.heading()).toHaveText('Accounts');
  // The token is out of sight; the screen is in the URL.
  expect(new URL(page.url()).hash).toBe('#/accounts');

  await app.nav('Settings').click();
  expect(new URL(page.url()).hash).toBe('#/settings');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(app.nav('Settings')).toHaveAttribute('aria-current', 'page');
  // Still connected to the app after the reload (the token was kept): main's answers show.
  await expect(page.getByText(/^Version /)).toBeVisible();

  await app.nav('Accounts').click();
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.rows()).toHaveCount(2);
  await app.nav('Instances').click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Instances');
  await expect(page.getByTestId('instance-row').first()).toBeVisible();

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Instances');

  // A link to a screen, with the host's token beside it, opens that screen.
  const { origin } = new URL(host.url);
  const token = new URL(host.url).hash.replace('#token=', '');
  const other = await page.context().newPage();
  await other.goto(`${origin}/#/settings&token=${token}`);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(other.getByText(/^Version /)).toBeVisible();
  expect(new URL(other.url()).hash).toBe('#/settings');
});

test('the page names its own icon, served by the app itself, so the browser asks for no /favicon.ico', async ({
  page,
  host,
  app,
}) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|favicon/i.test(message.text())) refused.push(message.text());
  });
  await app.open(host.url);
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBeTruthy();
  const icon = new URL(href ?? '', page.url());
  expect(icon.origin).toBe(new URL(host.url).origin);
  const response = await page.request.get(icon.href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  expect(refused).toEqual([]);
});
