import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/** The line under the table that says how fresh one account's instances are. */
const freshness = (page: Page, name: string) => page.getByTestId('profile-freshness').filter({ hasText: name });

test('after a failed refresh nothing says “updated”: the last good data’s age and the failure agree', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
  instances,
}) => {
  const account = sandbox.account(0);
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Cloud team', 0));
  await app.nav('Instances').click();
  await expect(instances.rowsOf('Cloud team')).toHaveCount(account.instances.length);
  await expect(freshness(page, 'Cloud team')).toHaveText('Cloud team: Updated just now');

  // The cloud refuses the next refresh (an error that is not retried).
  await sandbox.setFaults([{ kind: 'error', action: 'DescribeInstances', code: 'FailedOperation' }]);
  await instances.refresh();
  await expect(instances.profileErrors()).toContainText('Cloud team');
  await expect(instances.profileErrors()).toContainText('Showing the data fetched just now.');
  await expect(freshness(page, 'Cloud team')).toHaveText(
    'Cloud team: Latest refresh failed; showing the data fetched just now',
  );
  await expect(instances.rowsOf('Cloud team').first().getByTestId('stale-tag')).toHaveText(
    'last known, fetched just now',
  );
  const shown = await page.getByRole('main').innerText();
  expect(shown).not.toMatch(/Updated/);
  // "now" only ever as "just now", never as if it were a time.
  expect(shown).not.toMatch(/(?<!just )\bnow\b/);
});

test('a retried refresh says which account is retried, which attempt, and counts down to when it gives up', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
  instances,
}) => {
  await app.open(host.url);
  await accounts.addProfile(sandbox.profile('Globex', 0));
  await app.nav('Instances').click();
  await expect(page.getByTestId('refresh-instances')).toBeEnabled();

  // The first answer is an error that is retried; the retry then waits on a cloud that does not answer.
  await sandbox.setFaults([
    { kind: 'error', action: 'DescribeInstances', code: 'InternalError', times: 1 },
    { kind: 'latency', action: 'DescribeInstances', latencyMs: 60_000 },
  ]);
  await instances.refresh();
  const slow = page.getByTestId('refresh-slow');
  await expect(slow).toContainText(/Retrying Globex \(attempt 2\), gives up in \d+ s/);
  const secondsLeft = async () => Number(/gives up in (\d+) s/.exec(await slow.innerText())?.[1]);
  const first = await secondsLeft();
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(30);
  await expect.poll(secondsLeft, { timeout: 5000 }).toBeLessThan(first);

  await instances.cancel();
  await expect(slow).toBeHidden();
  await sandbox.setFaults([]);
});

test.describe('in Chinese', () => {
  test.use({ hostLang: 'zh_CN.UTF-8' });

  test('ages read as Chinese does: “刚刚更新”, never “更新于 现在”', async ({ page, host, sandbox, app }) => {
    await app.open(host.url);
    await page.getByTestId('add-profile').click();
    const dialog = page.getByRole('dialog');
    const profile = sandbox.profile('团队仓库', 0);
    await dialog.getByLabel('显示名称').fill(profile.name);
    await dialog.getByLabel('API 接入点').fill(profile.endpoint);
    await dialog.getByLabel('SecretId').fill(profile.secretId);
    await dialog.getByLabel('SecretKey', { exact: true }).fill(profile.secretKey);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await app.nav('实例').click();
    await expect(freshness(page, '团队仓库')).toHaveText('团队仓库：刚刚更新');

    await sandbox.setFaults([{ kind: 'error', action: 'DescribeInstances', code: 'FailedOperation' }]);
    await page.getByTestId('refresh-instances').click();
    await expect(freshness(page, '团队仓库')).toHaveText('团队仓库：最近一次刷新失败，显示刚刚获取的数据');
    await expect(page.getByTestId('stale-tag').first()).toHaveText('旧数据，刚刚获取');
    expect(await page.getByRole('main').innerText()).not.toMatch(/现在|更新于/);
  });
});
