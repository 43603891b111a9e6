import { expect, test } from './fixtures.js';
import { RulesPage } from './pages/rules-page.js';

test('with the sandbox’s demo accounts, a rule is disabled and enabled again after its request is shown, and another is deleted once its name is typed', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.row('Globex Analytics')).toContainText('sandbox');
  await app.nav('Sync rules').click();
  await expect(rules.rows()).toHaveCount(5);

  // Disable: the dialog shows the request about to be sent, Rule.Enabled true → false.
  const platform = rules.switchOf('platform-to-shanghai');
  await expect(platform).toHaveAccessibleName('enabled: platform-to-shanghai');
  await expect(platform).toHaveAttribute('aria-checked', 'true');
  await platform.click();
  const dialog = rules.changeDialog();
  await expect(dialog.getByRole('heading', { name: 'Disable “platform-to-shanghai”?' })).toBeVisible();
  await expect(rules.requestAction()).toHaveText('ModifyReplication');
  await expect(dialog.getByTestId('request-diff')).toContainText('SourceRegistryId');
  await expect(dialog.getByTestId('request-diff')).toContainText('"platform-to-shanghai"');
  await expect(rules.changedLines()).toHaveCount(1);
  await expect(rules.changedLines()).toContainText(/Rule\.Enabled\s*true → false/);
  expect(await app.accessibilityViolations()).toEqual([]);

  // Cancel (Escape) sends nothing and gives the focus back to the switch.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(platform).toBeFocused();
  await expect(platform).toHaveAttribute('aria-checked', 'true');

  // From the keyboard: Enter on the switch, then Send.
  await page.keyboard.press('Enter');
  await expect(rules.sendButton()).toHaveText('Disable');
  await rules.sendButton().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Rule “platform-to-shanghai” disabled.' })).toBeVisible();
  await expect(rules.row('platform-to-shanghai')).toContainText('disabled');
  await expect(platform).toHaveAttribute('aria-checked', 'false');
  await expect(platform).toHaveAccessibleName('disabled: platform-to-shanghai');
  await expect(platform).toBeFocused();

  // Enable it again from its detail pane: false → true; the focus comes back to the pane's switch.
  await rules.row('platform-to-shanghai').getByRole('cell', { name: 'platform-to-shanghai', exact: true }).click();
  const paneSwitch = rules.detail().getByRole('switch');
  await expect(paneSwitch).toHaveAccessibleName('disabled: platform-to-shanghai');
  await paneSwitch.click();
  await expect(rules.changedLines()).toContainText(/Rule\.Enabled\s*false → true/);
  await rules.sendButton().click();
  await expect(dialog).toBeHidden();
  await expect(rules.detail()).toBeVisible();
  await expect(paneSwitch).toHaveAttribute('aria-checked', 'true');
  await expect(paneSwitch).toBeFocused();
  await expect(rules.row('platform-to-shanghai')).toContainText('enabled');
  await expect(platform).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(rules.detail()).toBeHidden();

  // Delete another: Delete stays disabled until the rule's name is typed exactly.
  await rules.deleteButton('ingest-to-shanghai').click();
  await expect(dialog.getByRole('heading', { name: 'Delete rule “ingest-to-shanghai”?' })).toBeVisible();
  await expect(rules.requestAction()).toHaveText('DeleteReplicationRule');
  await expect(dialog.getByTestId('request-diff')).toContainText('"ingest-to-shanghai"');
  await expect(rules.confirmName()).toBeFocused();
  await expect(rules.sendButton()).toBeDisabled();
  await rules.confirmName().fill('ingest-to-shanghai ');
  await expect(rules.sendButton()).toBeDisabled();
  await rules.confirmName().fill('Ingest-to-shanghai');
  await expect(rules.sendButton()).toBeDisabled();
  await expect(dialog).toContainText('This is not the rule’s name yet.');
  expect(await app.accessibilityViolations()).toEqual([]);
  await rules.confirmName().fill('ingest-to-shanghai');
  await expect(rules.sendButton()).toBeEnabled();
  await rules.sendButton().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Rule “ingest-to-shanghai” deleted.' })).toBeVisible();
  await expect(rules.rows()).toHaveCount(4);

  // Refresh asks the cloud again: the rule is gone, the other one enabled.
  await rules.refresh();
  await expect(page.getByTestId('refresh-rules')).toBeEnabled();
  await expect(rules.rows()).toHaveCount(4);
  await expect(rules.row('ingest-to-shanghai')).toHaveCount(0);
  await expect(rules.row('platform-to-shanghai')).toContainText('enabled');
});

test('a change the cloud refuses is told in its dialog with the RequestId, and nothing is lost: the rule, the typed name', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Cloud team', 0));
  await app.nav('Sync rules').click();
  await expect(rules.row('platform-to-shanghai')).toContainText('enabled');

  await sandbox.setFaults([
    { kind: 'error', action: 'ModifyReplication', code: 'FailedOperation' },
    { kind: 'error', action: 'DeleteReplicationRule', code: 'FailedOperation' },
  ]);
  const platform = rules.switchOf('platform-to-shanghai');
  await platform.click();
  await rules.sendButton().click();
  const error = rules.changeDialog().getByTestId('change-error');
  await expect(error).toContainText('FailedOperation');
  await expect(error).toContainText('RequestId');
  await expect(error).toContainText('Nothing was changed.');
  await expect(rules.sendButton()).toBeEnabled();
  await expect(rules.sendButton()).toBeFocused();
  expect(await app.accessibilityViolations()).toEqual([]);
  await rules.changeDialog().getByRole('button', { name: 'Cancel' }).click();
  await expect(platform).toBeFocused();
  await expect(platform).toHaveAttribute('aria-checked', 'true');

  await rules.deleteButton('charts-to-beijing-dr').click();
  await rules.confirmName().fill('charts-to-beijing-dr');
  await page.keyboard.press('Enter');
  await expect(rules.changeDialog().getByTestId('change-error')).toContainText('RequestId');
  await expect(rules.confirmName()).toHaveValue('charts-to-beijing-dr');
  await expect(rules.confirmName()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(rules.row('charts-to-beijing-dr')).toBeVisible();
});
