import { expect, test } from './fixtures.js';

test.use({ hostLang: 'zh_CN.UTF-8' });

test('the UI follows a Chinese OS locale and can be switched to English and back', async ({
  page,
  host,
  app,
  settings,
}) => {
  await app.open(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(await app.accessibilityViolations()).toEqual([]);

  await app.nav('设置').click();
  await settings.chooseLanguage('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(app.nav('Accounts')).toBeVisible();
  expect(await app.accessibilityViolations()).toEqual([]);

  // The choice is kept across a restart.
  await host.restart();
  await app.open(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');

  await app.nav('Settings').click();
  await settings.chooseLanguage('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  await settings.chooseLanguage('system');
  await expect(app.nav('账号')).toBeVisible();
});
