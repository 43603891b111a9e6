import { expect, test } from './fixtures.js';
import { RuleFormDialog } from './pages/rule-form.js';
import { RulesPage } from './pages/rules-page.js';

test('a demo rule is edited from its detail pane: its description and overwrite change in place after the request diff is seen; a new name is a delete and a create, confirmed first', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  const form = new RuleFormDialog(page);
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Acme Platform')).toContainText('sandbox');
  await app.nav('Sync rules').click();
  await expect(rules.row('platform-to-shanghai')).toContainText('overwrites');

  await rules.row('platform-to-shanghai').getByRole('cell', { name: 'platform-to-shanghai', exact: true }).click();
  const edit = rules.detail().getByTestId('detail-edit-rule');
  await edit.click();
  await expect(form.heading()).toHaveText('Edit rule “platform-to-shanghai”');
  await expect(form.field('name')).toBeFocused();
  await expect(form.field('name')).toHaveValue('platform-to-shanghai');
  // The rule stays on its source; its fields come from the cloud.
  await expect(form.field('source')).toBeDisabled();
  await expect(form.field('namespace')).toHaveValue('platform');
  await expect(form.field('override')).toBeChecked();

  await form.field('description').fill('platform images to Shanghai');
  await form.field('override').uncheck();
  await form.review();
  await expect(form.requestActions()).toHaveText(['ModifyReplication']);
  await expect(form.changedLines().filter({ hasText: 'Rule.Override' })).toContainText(/true → false/);
  await expect(form.changedLines().filter({ hasText: 'Description' })).toContainText('"platform images to Shanghai"');
  expect(await app.accessibilityViolations()).toEqual([]);
  await expect(form.saveButton()).toHaveText('Save changes');
  await form.saveButton().click();
  await expect(form.dialog()).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Rule “platform-to-shanghai” saved.' })).toBeVisible();
  await expect(edit).toBeFocused();
  await expect(rules.row('platform-to-shanghai')).toContainText('keeps existing');
  await expect(rules.detail()).toContainText('platform images to Shanghai');

  // A new name cannot be set in place: the rule is deleted and created anew, once confirmed.
  await edit.click();
  await form.field('name').fill('platform-to-sh');
  await form.review();
  await expect(form.recreateWarning()).toContainText(
    'saving deletes “platform-to-shanghai” and creates “platform-to-sh” anew',
  );
  // Both requests are shown (main decides their order).
  await expect(form.requestActions()).toHaveCount(2);
  await expect(form.reviewPane()).toContainText('DeleteReplicationRule');
  await expect(form.reviewPane()).toContainText('ManageReplication');
  await expect(form.saveButton()).toHaveText('Delete and recreate');
  await expect(form.saveButton()).toBeDisabled();
  expect(await app.accessibilityViolations()).toEqual([]);

  // Back keeps what was typed.
  await form.backButton().click();
  await expect(form.field('name')).toHaveValue('platform-to-sh');
  await form.review();
  await form.confirmRecreate().check();
  await expect(form.saveButton()).toBeEnabled();
  await form.saveButton().click();
  await expect(form.dialog()).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Rule “platform-to-sh” saved.' })).toBeVisible();
  await expect(rules.row('platform-to-shanghai')).toHaveCount(0);
  await expect(rules.row('platform-to-sh')).toContainText('acme-prod-sh');
  await expect(rules.row('platform-to-sh')).toContainText('keeps existing');

  await rules.refresh();
  await expect(page.getByTestId('refresh-rules')).toBeEnabled();
  await expect(rules.rows()).toHaveCount(5);
  await expect(rules.row('platform-to-sh')).toBeVisible();
});
