import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';
import { RulesPage } from './pages/rules-page.js';
import { RuleTransferDialogs } from './pages/rule-transfer-dialogs.js';

test('selects two rules, exports them as Terraform with import blocks and the cross-account token as a variable, then as JSON saved to a file', async ({
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

  // Nothing selected: nothing to export.
  await expect(transfer.exportButton()).toBeDisabled();
  await transfer.selectRule('platform-to-shanghai').check();
  await transfer.selectRule('release-to-globex').check();
  await expect(transfer.exportButton()).toHaveText('Export 2 rules…');
  // The header's box selects every rule shown (here: the filter's one), and unselects them again.
  await rules.filter('base');
  await expect(rules.rows()).toHaveCount(1);
  await transfer.selectAllShown().check();
  await expect(transfer.exportButton()).toHaveText('Export 3 rules…');
  await transfer.selectAllShown().uncheck();
  await expect(transfer.exportButton()).toHaveText('Export 2 rules…');
  await rules.filter('');
  await expect(transfer.selectRule('release-to-globex')).toBeChecked();
  expect(await app.accessibilityViolations()).toEqual([]);

  // Terraform first: one import block per rule, adopting what exists; the token is a variable.
  await transfer.exportButton().click();
  await expect(transfer.dialog()).toContainText('Access tokens are never exported.');
  await expect(transfer.terraform()).toBeChecked();
  const tf = transfer.exportText();
  await expect(tf).toHaveValue(
    /import \{\n {2}to = tencentcloud_tcr_replication\.platform-to-shanghai\n {2}id = "tcr-[a-z0-9]+#platform-to-shanghai"\n\}/,
  );
  await expect(tf).toHaveValue(/id = "tcr-[a-z0-9]+#release-to-globex"/);
  await expect(tf).toHaveValue(/variable "peer_token_tcr_[a-z0-9_]+" \{/);
  await expect(tf).toHaveValue(/peer_registry_token\s+= var\.peer_token_tcr_/);
  await expect(tf).toHaveValue(/description\s+= "平台服务镜像同步到上海生产"/);
  await expect(tf).not.toHaveValue(/base-images-to-dr|eyJ/);
  expect(await app.accessibilityViolations()).toEqual([]);

  // JSON, saved as a file.
  await transfer.json().check();
  await expect(transfer.exportText()).toHaveValue(/"format": "tcr-sync-desktop\/rules"/);
  const [download] = await Promise.all([page.waitForEvent('download'), transfer.saveButton().click()]);
  expect(download.suggestedFilename()).toMatch(/^tcr-sync-rules-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as { rules: { name: string }[] };
  expect(saved.rules.map((r) => r.name)).toEqual(['platform-to-shanghai', 'release-to-globex']);

  // Escape closes it; the focus is back on Export.
  await page.keyboard.press('Escape');
  await expect(transfer.dialog()).toBeHidden();
  await expect(transfer.exportButton()).toBeFocused();
});
