import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

interface Box {
  scrollWidth: number;
  clientWidth: number;
}
const widths = (box: Box) => ({ scrollWidth: box.scrollWidth, clientWidth: box.clientWidth });

/**
 * What does not fit, as readable lines: the page or the table's box scrolling sideways, or a
 * row's button cut by the box or the window.
 */
async function overflows(page: Page, table: Locator): Promise<string[]> {
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const problems: string[] = [];
  const box = table.locator('xpath=..');
  for (const [name, element] of [
    ['page', page.locator('html')],
    ['main', page.getByRole('main')],
    ['table box', box],
  ] as const) {
    const { scrollWidth, clientWidth } = await element.evaluate(widths);
    if (scrollWidth > clientWidth) problems.push(`${name} scrolls sideways: ${scrollWidth} > ${clientWidth}`);
  }
  const area = await box.boundingBox();
  const viewport = page.viewportSize();
  for (const button of await table.locator('tbody').getByRole('button').all()) {
    const r = await button.boundingBox();
    const cut =
      !r ||
      !area ||
      r.width === 0 ||
      r.x < area.x ||
      r.x + r.width > area.x + area.width ||
      r.x + r.width > (viewport?.width ?? Infinity);
    if (cut) problems.push(`button “${await button.getAttribute('aria-label')}” is cut`);
  }
  return problems;
}

const rank: Record<string, number> = { Basic: 1, Standard: 2, Premium: 3, 基础版: 1, 标准版: 2, 高级版: 3 };

test('in a small or a normal window, both tables fit, sort editions by rank and find rows by what they show in either language', async ({
  page,
  host,
  sandbox,
  app,
  accounts,
  instances,
  settings,
}) => {
  // The built-in sandbox's demo accounts (tagged "sandbox"), and one of the same accounts typed in
  // by hand against a standalone sandbox (not tagged).
  const demo = sandbox.accounts;
  const team = demo[0]!;
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.rows()).toHaveCount(demo.length);
  await accounts.addProfile(sandbox.profile('Team registry', 0));
  const sandboxRows = demo.reduce((n, a) => n + a.instances.length, 0);
  const inShanghai = (a: (typeof demo)[number]) => a.instances.filter((i) => i.regionName === 'ap-shanghai').length;
  const shanghaiRows = demo.reduce((n, a) => n + inShanghai(a), 0) + inShanghai(team);
  expect(shanghaiRows).toBeGreaterThan(0);

  for (const [width, height] of [
    [1024, 700],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await app.nav('Accounts').click();
    await expect(accounts.rows()).toHaveCount(demo.length + 1);
    expect(await overflows(page, accounts.table()), `Accounts at ${width}×${height}`).toEqual([]);
    for (const name of ['Team registry', ...demo.map((a) => a.name)]) {
      await expect(accounts.row(name).getByRole('button', { name: `Edit ${name}` })).toBeInViewport({ ratio: 1 });
      await expect(accounts.row(name).getByRole('button', { name: `Delete ${name}` })).toBeInViewport({ ratio: 1 });
    }

    await app.nav('Instances').click();
    await expect(instances.rows()).toHaveCount(sandboxRows + team.instances.length);
    expect(await overflows(page, instances.table()), `Instances at ${width}×${height}`).toEqual([]);
  }

  // Editions sort by rank, not by name; a second click reverses, and the header says which way.
  await instances.sortBy('Spec');
  await expect(instances.header('Spec')).toHaveAttribute('aria-sort', 'ascending');
  const ascending = (await instances.columnTexts('Spec')).map((s) => rank[s.trim()]);
  expect(ascending).toEqual([...ascending].sort());
  expect(new Set(ascending)).toEqual(new Set([1, 2, 3]));
  await instances.sortBy('Spec');
  await expect(instances.header('Spec')).toHaveAttribute('aria-sort', 'descending');
  const descending = (await instances.columnTexts('Spec')).map((s) => rank[s.trim()]);
  expect(descending).toEqual([...ascending].reverse());
  await expect(instances.header('Instance ID')).toHaveAttribute('aria-sort', 'none');

  // The filter finds what rows show: a tag, a region's name, two words in different cells.
  await instances.filter('sandbox');
  await expect(instances.rows()).toHaveCount(sandboxRows);
  await expect(instances.rowsOf('Team registry')).toHaveCount(0);
  await instances.filter('Shanghai');
  await expect(instances.rows()).toHaveCount(shanghaiRows);
  for (const row of await instances.rows().all()) await expect(row).toContainText('East China (Shanghai)');
  await instances.filter('shanghai team');
  await expect(instances.rows()).toHaveCount(inShanghai(team));
  await instances.filter('');

  // In a small window the domain folds away, but a row opens on all of the instance's fields;
  // Escape closes it and the focus is back on the row.
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(instances.foldedColumns()).toContainText('Public domain');
  const row = instances.rowsOf('Team registry').first();
  const name = (await row.getByRole('cell').nth(2).textContent())?.trim() ?? '';
  await row.getByRole('cell').nth(2).click();
  await expect(instances.detail()).toBeVisible();
  await expect(instances.detail()).toContainText(`${name}.tencentcloudcr.com`);
  await page.keyboard.press('Escape');
  await expect(instances.detail()).toBeHidden();
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(instances.detail()).toContainText(name);
  await instances.detail().getByRole('button', { name: 'Close' }).click();
  await expect(row).toBeFocused();
  expect(await app.accessibilityViolations()).toEqual([]);

  // The same in Chinese: region names and tags in the UI's language.
  await app.nav('Settings').click();
  await settings.chooseLanguage('zh-CN');
  await app.nav('实例').click();
  await instances.searchbox().fill('上海');
  await expect(instances.rows()).toHaveCount(shanghaiRows);
  for (const row of await instances.rows().all()) await expect(row).toContainText('华东地区（上海）');
  await instances.searchbox().fill('沙箱 上海');
  await expect(instances.rows()).toHaveCount(shanghaiRows - inShanghai(team));
  await instances.searchbox().fill('');
  await instances.sortBy('规格');
  const zhAscending = (await instances.columnTexts('规格')).map((s) => rank[s.trim()]);
  expect(zhAscending).toEqual([...zhAscending].sort());
  expect(await overflows(page, instances.table()), 'Instances in Chinese at 1024×700').toEqual([]);
  await app.nav('账号').click();
  expect(await overflows(page, accounts.table()), 'Accounts in Chinese at 1024×700').toEqual([]);
});
