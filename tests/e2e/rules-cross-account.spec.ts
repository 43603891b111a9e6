import { sandboxControl } from '../shared/sandbox-control.js';
import { expect, test } from './fixtures.js';
import { RuleFormDialog } from './pages/rule-form.js';
import { RulePreviewPage } from './pages/rule-preview-page.js';
import { RulesPage } from './pages/rules-page.js';

test.use({ sandboxOptions: { activity: false, runTimeMs: 300 } });

test('a one-click cross-account rule between two accounts: the app makes the token, the rule syncs a pushed image, and its preview shows the image on the target', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
}) => {
  const rules = new RulesPage(page);
  const form = new RuleFormDialog(page);
  const preview = new RulePreviewPage(page);
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Acme', 0));
  await accounts.addProfile(sandbox.profile('Globex', 1));
  await app.nav('Sync rules').click();
  await expect(rules.row('release-to-globex')).toBeVisible();

  // A new rule from Acme's Guangzhou instance to Globex's Shanghai one, in one-click mode.
  await page.getByTestId('new-rule').click();
  await form.pickInstance('source', 'acme-prod-gz');
  await form.field('name').fill('apps-to-globex');
  await form.field('namespace').fill('platform');
  await form.field('repository').fill('e2e-*');
  await form.targetMode('otherProfile').check();
  await form.field('target-profile').selectOption({ label: 'Globex' });
  await form.pickInstance('target-profile-instance', 'globex-analytics-sh');
  await expect(page.getByTestId('one-click-note')).toContainText('globex-analytics-sh');

  // The review: a token is made first, and the demo rule to Globex will follow it.
  await form.review();
  await expect(form.requestActions()).toHaveText(['CreateInstanceToken', 'ManageReplication']);
  // The token is made on the target, with Globex's keys; the rule on the source, with Acme's.
  await expect(form.reviewPane().getByTestId('request-diff').first()).toContainText('Globex · tcr-3bx8v6nh');
  await expect(form.reviewPane().getByTestId('request-diff').nth(1)).toContainText('Acme');
  await expect(page.getByTestId('token-followers')).toContainText('release-to-globex');
  // Before it exists: what would it sync now? Nothing yet — no repository matches e2e-*.
  const draftPreview = page.getByTestId('draft-preview');
  await draftPreview.locator('summary').click();
  await draftPreview.getByTestId('preview-start').click();
  await expect(draftPreview.getByTestId('preview-empty')).toBeVisible();
  await form.saveButton().click();
  await expect(form.dialog()).toBeHidden();
  await expect(rules.row('apps-to-globex')).toBeVisible();
  await expect(rules.row('apps-to-globex')).toContainText('Globex');

  // Its detail pane: the token the app made and keeps, valid, shared with release-to-globex.
  await rules.row('apps-to-globex').getByRole('cell', { name: 'apps-to-globex', exact: true }).click();
  const token = rules.detail().getByTestId('rule-token');
  await expect(token.getByTestId('rule-token-state')).toHaveText('Valid');
  await expect(token).toContainText('Kept in the OS keychain');
  await expect(token).toContainText('release-to-globex');

  // An image pushed to the source is synced by the rule to the target...
  const pushed = await sandboxControl(sandbox.endpoint, 'push', {
    registryId: 'tcr-8kq3m2zd',
    namespace: 'platform',
    repository: 'e2e-app',
    tag: 'v1.0.0',
    kind: 'image',
  });
  expect(pushed.status).toBe(200);

  // ...and the preview lists it as already there with the same digest (nothing left to copy).
  await preview.openButton().click();
  await expect(preview.dialog()).toBeVisible();
  // Listed for the session (the draft's preview listed the source a moment ago): once the sync
  // run is over (the sandbox runs it in 300 ms), List again reads both sides anew.
  // Two runs start: this rule's and the demo's platform-to-shanghai (platform/**).
  expect(pushed.body['executionIds']).toHaveLength(2);
  await page.waitForTimeout(900);
  await preview.refresh().click();
  await expect(preview.count('unchanged')).toHaveText(/^1 /);
  await expect(preview.count('copy')).toHaveCount(0);
  await preview.toggle('platform/e2e-app').click();
  await expect(preview.tag('platform/e2e-app', 'v1.0.0')).toContainText('Nothing to do');
  expect(await app.accessibilityViolations()).toEqual([]);
});
