import { expect, test } from './fixtures.js';
import { RulesPage } from './pages/rules-page.js';

test('with the sandbox’s demo accounts added, the Rules screen lists their rules in the console’s terms, finds one by namespace, shows its raw filters and survives a reload', async ({
  page,
  host,
  app,
  accounts,
  instances,
}) => {
  const rules = new RulesPage(page);
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Acme Platform')).toContainText('sandbox');
  await expect(accounts.row('Globex Analytics')).toContainText('sandbox');

  await app.nav('Sync rules').click();
  await expect(page).toHaveURL(/#\/rules$/);
  await expect(page.getByRole('heading', { name: 'Sync rules' })).toBeVisible();
  await expect(rules.rows()).toHaveCount(5);
  await expect(rules.profileErrors()).toHaveCount(0);

  // In the console's terms: namespace, repository or "all repositories", tag or "all tags", type.
  const platform = rules.row('platform-to-shanghai');
  await expect(platform).toContainText('Acme Platform');
  await expect(platform).toContainText('acme-prod-gz');
  await expect(platform).toContainText('all repositories');
  await expect(platform).toContainText('all tags');
  await expect(platform).toContainText('images');
  await expect(platform).toContainText('same account');
  await expect(platform).toContainText('acme-prod-sh');
  await expect(platform).toContainText('enabled');
  // The cross-account one names the other account's profile as its target.
  const release = rules.row('release-to-globex');
  await expect(release).toContainText('api-gateway');
  await expect(release).toContainText('v*');
  await expect(release).toContainText('Globex Analytics');
  await expect(release).toContainText('globex-main-sg');
  await expect(release).not.toContainText('same account');
  await expect(rules.row('base-images-to-dr')).toContainText('disabled');
  expect(await app.accessibilityViolations()).toEqual([]);

  // The filter finds a rule by its namespace; its row opens the details with the raw filters.
  await rules.filter('base');
  await expect(rules.rows()).toHaveCount(1);
  await expect(rules.rows().first()).toContainText('base-images-to-dr');
  await expect(rules.rows().first()).toContainText('{20,22}-alpine');
  await expect(rules.rows().first()).toContainText('images and Helm charts');
  await rules.rows().first().click();
  await expect(rules.detail()).toBeVisible();
  await expect(rules.detail()).toContainText('base-images-to-dr');
  await expect(rules.detailFilters()).toHaveText(['name: base/**', 'tag: {20,22}-alpine']);
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(rules.detail()).toBeHidden();

  // A reload keeps the screen.
  await page.reload();
  await expect(page).toHaveURL(/#\/rules$/);
  await expect(rules.rows()).toHaveCount(5);

  // From an instance: its rules only, from or to it.
  await app.nav('Instances').click();
  await instances.rowsOf('Acme Platform').filter({ hasText: 'acme-dr-bj' }).click();
  await instances.detail().getByRole('link', { name: 'Rules of this instance' }).click();
  await expect(page).toHaveURL(/#\/rules&instance=tcr-2nf9x4rb$/);
  await expect(rules.scope()).toContainText('acme-dr-bj');
  await expect(rules.rows()).toHaveCount(2);
  await expect(rules.row('charts-to-beijing-dr')).toBeVisible();
  await expect(rules.row('base-images-to-dr')).toBeVisible();
  await rules.scope().getByRole('button', { name: 'Show all rules' }).click();
  await expect(page).toHaveURL(/#\/rules$/);
  await expect(rules.rows()).toHaveCount(5);
});
