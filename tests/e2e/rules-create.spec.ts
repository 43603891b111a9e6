import { expect, test } from './fixtures.js';
import { RuleFormDialog } from './pages/rule-form.js';
import { RulesPage } from './pages/rules-page.js';

test('with the demo accounts, a same-account rule is created from the form: a bad name and a regex-looking tag are told as typed, the request is shown, the rule lands in the table', async ({
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
  await expect(rules.rows()).toHaveCount(5);

  const newRule = page.getByTestId('new-rule');
  await newRule.click();
  await expect(form.heading()).toHaveText('New sync rule');
  // The source first: the name is unique on it, and the targets are its account's instances.
  await expect(form.field('source')).toBeFocused();
  // A Basic instance is listed, with why it cannot be chosen.
  await expect(form.option('source', 'acme-dev-gz')).toBeDisabled();
  await expect(form.option('source', 'acme-dev-gz')).toContainText('not eligible');
  await form.pickInstance('source', 'acme-prod-gz');

  // Checked as typed, next to the field.
  await form.field('name').fill('Nightly_Mirror');
  await expect(form.error('name')).toHaveText('Use lowercase letters, digits and - . _ only.');
  await form.field('name').fill('-nightly');
  await expect(form.error('name')).toHaveText('Start with a lowercase letter or a digit.');
  await form.field('name').fill('nightly-mirror');
  await expect(form.error('name')).toBeHidden();
  await form.field('description').fill('platform release images to the DR site');

  await form.field('namespace').fill('platform');

  // A tag typed as a regular expression by habit: its glob meaning is explained.
  await form.field('tag').fill('.*');
  await expect(form.warning('tag')).toContainText('read as a glob, not a regular expression');
  expect(await app.accessibilityViolations()).toEqual([]);
  await form.field('tag').fill('v*');
  await expect(form.warning('tag')).toBeHidden();
  await form.field('resource').selectOption('image');

  // Same account: the source's other instances, never the source itself; Basic not eligible.
  await expect(form.targetMode('sameAccount')).toBeChecked();
  await expect(form.option('target-instance', 'acme-prod-gz')).toHaveCount(0);
  await expect(form.option('target-instance', 'acme-dev-gz')).toBeDisabled();
  await form.pickInstance('target-instance', 'acme-dr-bj');
  await expect(form.field('override')).not.toBeChecked();

  // Review: the request about to be sent.
  await form.review();
  await expect(form.requestActions()).toHaveText(['ManageReplication']);
  await expect(form.reviewPane()).toContainText('"nightly-mirror"');
  await expect(form.reviewPane()).toContainText('"platform/**"');
  await expect(form.reviewPane()).toContainText('"v*"');
  expect(await app.accessibilityViolations()).toEqual([]);
  await expect(form.saveButton()).toHaveText('Create rule');
  await form.saveButton().click();

  await expect(form.dialog()).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Rule “nightly-mirror” created.' })).toBeVisible();
  await expect(newRule).toBeFocused();
  await expect(rules.rows()).toHaveCount(6);
  const created = rules.row('nightly-mirror');
  await expect(created).toContainText('acme-prod-gz');
  await expect(created).toContainText('acme-dr-bj');
  await expect(created).toContainText('v*');

  // The cloud has it: a refresh still lists it.
  await rules.refresh();
  await expect(page.getByTestId('refresh-rules')).toBeEnabled();
  await expect(rules.row('nightly-mirror')).toContainText('same account');
});
