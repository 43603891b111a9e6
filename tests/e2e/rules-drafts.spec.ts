import { expect, test } from './fixtures.js';
import { RuleFormDialog } from './pages/rule-form.js';
import { RulesPage } from './pages/rules-page.js';

test('a new rule the cloud refuses is kept as a draft with the cloud’s RequestId; the draft survives a reload, one is sent again from the form, another discarded after asking', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  const form = new RuleFormDialog(page);
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Cloud team', 0));
  await app.nav('Sync rules').click();
  await expect(rules.row('platform-to-shanghai')).toBeVisible();
  await expect(form.draftsPanel()).toBeHidden();

  await sandbox.setFaults([{ kind: 'error', action: 'ManageReplication', code: 'RequestLimitExceeded' }]);
  const newRule = page.getByTestId('new-rule');
  for (const name of ['nightly-mirror', 'charts-mirror']) {
    await newRule.click();
    await form.fillSameAccount({ source: 'acme-prod-gz', name, namespace: 'platform', target: 'acme-dr-bj' });
    await form.review();
    await form.saveButton().click();
    // Refused: the form stays with everything typed, the cloud's reason and that a draft was kept.
    await expect(form.formError()).toContainText('RequestId');
    await expect(form.formError()).toContainText('kept as a draft');
    await expect(form.formError()).toContainText('The rule was not saved.');
    await expect(form.saveButton()).toBeEnabled();
    expect(await app.accessibilityViolations()).toEqual([]);
    await form.backButton().click();
    await expect(form.field('name')).toHaveValue(name);
    await expect(form.field('namespace')).toHaveValue('platform');
    // Escape asks before dropping what was typed; the draft stays either way.
    await page.keyboard.press('Escape');
    const discard = page.locator('dialog[open]').filter({ hasText: 'Discard what you typed?' });
    await expect(discard).toBeVisible();
    await discard.getByRole('button', { name: 'Discard' }).click();
    await expect(form.dialog()).toBeHidden();
    await expect(newRule).toBeFocused();
  }
  await expect(form.draftRows()).toHaveCount(2);
  await expect(form.draftsPanel()).toContainText('2 changes not sent');
  await expect(form.draftRow('nightly-mirror')).toContainText('New rule');
  await expect(form.draftRow('nightly-mirror')).toContainText('acme-prod-gz');
  await expect(form.draftRow('nightly-mirror')).toContainText('RequestId');
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: test.info().outputPath('drafts-1024.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('drafts-1024-dark.png') });
  expect(await app.accessibilityViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Kept across a reload (main keeps them on disk).
  await page.reload();
  await expect(form.draftRows()).toHaveCount(2);
  await expect(rules.row('nightly-mirror')).toHaveCount(0);

  // Sent again from the form, filled from the draft.
  await sandbox.setFaults([]);
  await form.draftRow('nightly-mirror').getByRole('button', { name: 'Open the change to nightly-mirror' }).click();
  await expect(form.field('name')).toHaveValue('nightly-mirror');
  await expect(form.field('namespace')).toHaveValue('platform');
  await form.review();
  await expect(form.requestActions()).toHaveText(['ManageReplication']);
  await form.saveButton().click();
  await expect(form.dialog()).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Rule “nightly-mirror” created.' })).toBeVisible();
  await expect(rules.row('nightly-mirror')).toContainText('acme-dr-bj');
  await expect(form.draftRows()).toHaveCount(1);

  // Discarded, after asking: nothing is sent.
  const discardButton = form
    .draftRow('charts-mirror')
    .getByRole('button', { name: 'Discard the change to charts-mirror' });
  await discardButton.click();
  const confirm = page.locator('dialog[open]').filter({ hasText: 'Discard this change?' });
  await expect(confirm).toContainText('The change to rule “charts-mirror” is dropped; nothing is sent.');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(form.draftRows()).toHaveCount(1);
  await discardButton.click();
  await confirm.getByRole('button', { name: 'Discard' }).click();
  await expect(form.draftsPanel()).toBeHidden();
  await expect(rules.row('charts-mirror')).toHaveCount(0);

  await page.reload();
  await expect(rules.row('nightly-mirror')).toBeVisible();
  await expect(form.draftsPanel()).toBeHidden();
});
