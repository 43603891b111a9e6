import { expect, test } from './fixtures.js';
import { RulesPage } from './pages/rules-page.js';
import { RuleTransferDialogs } from './pages/rule-transfer-dialogs.js';

interface FileRule {
  name: string;
  description: string;
}

test('imports a rules file: a wrong text is told next to it and kept, the plan shows what changes before anything is sent, Apply sends it rule by rule', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  const transfer = new RuleTransferDialogs(page);
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Acme Platform')).toContainText('sandbox');
  await app.nav('Sync rules').click();
  await expect(rules.rows()).toHaveCount(5);

  // The file to import: two demo rules exported, one changed, one more added.
  await transfer.selectRule('platform-to-shanghai').check();
  await transfer.selectRule('charts-to-beijing-dr').check();
  await transfer.exportButton().click();
  await transfer.json().check();
  await expect(transfer.exportText()).toHaveValue(/tcr-sync-desktop\/rules/);
  const doc = JSON.parse(await transfer.exportText().inputValue()) as { rules: FileRule[] };
  await page.keyboard.press('Escape');
  const [platform] = doc.rules;
  if (!platform) throw new Error('nothing exported');
  platform.description = '导入后的描述';
  doc.rules.push({ ...platform, name: 'platform-to-shanghai-2', description: 'imported copy' });

  await transfer.importButton().click();
  await transfer.importText().fill('{"format": "something else"}');
  await transfer.showPlanButton().click();
  await expect(transfer.importTextProblem()).toContainText('This is not a rules file exported by TCR Sync Desktop.');
  await expect(transfer.importText()).toHaveValue('{"format": "something else"}');
  await expect(transfer.importText()).toBeFocused();

  await transfer.importText().fill(JSON.stringify(doc, null, 2));
  await transfer.showPlanButton().click();
  await expect(transfer.planRow('platform-to-shanghai')).toContainText('Change');
  await expect(transfer.planRow('platform-to-shanghai')).toContainText('Changes: description');
  await expect(transfer.planRow('charts-to-beijing-dr')).toContainText('Unchanged');
  await expect(transfer.planRow('platform-to-shanghai-2')).toContainText('Create');
  // Nothing was sent yet.
  await expect(rules.rows()).toHaveCount(5);
  expect(await app.accessibilityViolations()).toEqual([]);

  await expect(transfer.applyButton()).toHaveText('Apply 2 changes');
  await transfer.applyButton().click();
  await expect(transfer.summary()).toHaveText('2 rules sent, none failed.');
  await expect(transfer.planRow('platform-to-shanghai').getByTestId('import-result')).toHaveText('Sent');
  await expect(transfer.planRow('platform-to-shanghai-2').getByTestId('import-result')).toHaveText('Sent');
  await expect(transfer.planRow('charts-to-beijing-dr').getByTestId('import-result')).toHaveText('');
  await transfer.dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(transfer.importButton()).toBeFocused();

  await expect(rules.rows()).toHaveCount(6);
  // The description column folds at this width: the detail pane shows it.
  await rules.row('platform-to-shanghai').click();
  await expect(rules.detail()).toContainText('导入后的描述');
  await page.keyboard.press('Escape');
  await rules.row('platform-to-shanghai-2').click();
  await expect(rules.detail()).toContainText('imported copy');
});
