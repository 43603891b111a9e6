import { expect, test } from './fixtures.js';
import { RuleFormDialog } from './pages/rule-form.js';
import { RulesPage } from './pages/rules-page.js';

test('turning on sync deletions in a rule asks for its name typed before Save; a wrong name keeps Save off', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  const form = new RuleFormDialog(page);
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Globex Analytics')).toContainText('sandbox');
  await app.nav('Sync rules').click();
  await rules.row('ingest-to-shanghai').getByRole('cell', { name: 'ingest-to-shanghai', exact: true }).click();
  await rules.detail().getByTestId('detail-edit-rule').click();

  // The cloud does not list it: left as it is unless set.
  await page.getByText('Advanced').click();
  await expect(page.locator('#rule-deletion-hint')).toContainText('it stays as it is unless you set it');
  await form.field('deletion').check();
  await expect(page.getByTestId('rule-deletion-warning')).toContainText('Sync deletions is on');
  await form.review();
  await expect(form.reviewPane().getByRole('row', { name: /Rule\.Deletion/ })).toContainText('true');
  await expect(page.getByTestId('rule-confirm-summary')).not.toBeEmpty();
  await expect(form.saveButton()).toBeDisabled();
  await form.confirmName().fill('ingest-to-shanghai ');
  await expect(form.reviewPane()).toContainText('This is not the rule’s name yet.');
  await expect(form.saveButton()).toBeDisabled();
  expect(await app.accessibilityViolations()).toEqual([]);
  await form.confirmName().fill('ingest-to-shanghai');
  await expect(form.saveButton()).toBeEnabled();
  // Enter in the name field sends, as in the delete dialog.
  await form.confirmName().press('Enter');
  await expect(form.dialog()).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Rule “ingest-to-shanghai” saved.' })).toBeVisible();
  await expect(rules.detail().getByTestId('detail-edit-rule')).toBeFocused();
});
