import { expect, test } from '@playwright/test';
import { startStandaloneSandbox, type StandaloneSandbox } from './helpers/sandbox.js';
import { startHost, stopHost, type RunningHost } from './helpers/web-host.js';
import { AccountsPage } from './pages/accounts-page.js';
import { AppPage } from './pages/app-page.js';

let host: RunningHost | undefined;
let cloud: StandaloneSandbox | undefined;
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from this pattern; none are needed.
test.afterEach(async ({}, testInfo) => {
  await stopHost(host, testInfo);
  await cloud?.stop();
});

test('testing a connection names the account the keys belong to and fills in its ID', async ({ page }) => {
  cloud = await startStandaloneSandbox();
  const account = cloud.accounts[0]!;
  const regions = new Set(account.instances.map((i) => i.regionName)).size;
  host = await startHost();
  const app = new AppPage(page);
  const accounts = new AccountsPage(page);
  await app.open(host.url);
  await accounts.addProfile({
    name: 'Team registry',
    endpoint: cloud.endpoint,
    secretId: account.secretId,
    secretKey: account.secretKey,
  });
  await expect(accounts.row('Team registry')).toContainText('not set');

  const result = await accounts.testConnection('Team registry');
  await expect(result).toContainText(`The keys belong to account ${account.uin}`);
  await expect(result).toContainText(`Instances found: ${account.instances.length} (regions: ${regions})`);
  await expect(result).toContainText(`The account ID was empty and is now set to ${account.uin}`);
  await accounts.closeDialog();
  await expect(accounts.row('Team registry')).toContainText(account.uin);

  // Keys of another account under this profile: the test warns and changes nothing.
  const other = cloud.accounts[1]!;
  await accounts.rotateKeys('Team registry', other.secretId, other.secretKey);
  const warning = await accounts.testConnection('Team registry');
  await expect(warning.getByRole('alert')).toContainText(
    `the profile says account ${account.uin}, but the keys belong to ${other.uin}`,
  );
  await page.screenshot({ path: test.info().outputPath('connection-warning.png') });
  await accounts.closeDialog();
  await expect(accounts.row('Team registry')).toContainText(account.uin);
});
