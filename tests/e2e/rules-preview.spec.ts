import { expect, test } from './fixtures.js';
import { RulePreviewPage } from './pages/rule-preview-page.js';
import { RulesPage } from './pages/rules-page.js';

test('a demo rule’s preview shows, by repository, what it would sync now — and that the immutable v1.9.0 on the target will fail', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  const preview = new RulePreviewPage(page);
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Acme Platform')).toContainText('sandbox');

  await app.nav('Sync rules').click();
  await expect(rules.rows()).toHaveCount(5);
  await rules.row('platform-to-shanghai').click();
  await expect(rules.detail()).toBeVisible();

  await preview.openButton().click();
  await expect(preview.dialog()).toBeVisible();
  await expect(preview.summary()).toContainText('3 repositories');
  await expect(preview.count('failImmutable')).toHaveText('1 will fail');
  await expect(preview.failExplanation()).toContainText('immutable-tag rule of the target');
  await expect(preview.age()).toContainText('Listed');

  // Repositories come collapsed; the keyboard opens one.
  await expect(preview.repository('platform/api-gateway')).toContainText('1 will fail');
  await expect(preview.tag('platform/api-gateway', 'v1.9.0')).toHaveCount(0);
  await preview.toggle('platform/api-gateway').focus();
  await page.keyboard.press('Enter');
  await expect(preview.toggle('platform/api-gateway')).toHaveAttribute('aria-expanded', 'true');
  const failing = preview.tag('platform/api-gateway', 'v1.9.0');
  await expect(failing).toContainText('Other digest on the target');
  await expect(failing).toContainText('Will fail: immutable on the target');
  await expect(preview.tag('platform/api-gateway', 'v1.8.0')).toContainText('Nothing to do');
  await expect(preview.tag('platform/api-gateway', 'latest')).toContainText('Copied');
  expect(await app.accessibilityViolations()).toEqual([]);

  // Listed again on request; Escape closes the dialog and the focus returns to Preview.
  await preview.refresh().click();
  await expect(preview.count('failImmutable')).toHaveText('1 will fail');
  await page.keyboard.press('Escape');
  await expect(preview.dialog()).toBeHidden();
  await expect(preview.openButton()).toBeFocused();
  await expect(rules.detail()).toBeVisible();
});
