import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import type { PageElement, PageGlobals } from './helpers/contrast.js';

/**
 * Where the focused element's ring is cut: by a box that clips what overflows it (the table's
 * box, the window's content column), or — for a table's header button — by its own header cell,
 * whose neighbours paint over what sticks out. Undefined when the whole ring shows.
 */
function ringCut(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const { getComputedStyle, document } = globalThis as unknown as PageGlobals;
    const el = document.activeElement;
    if (!el || el === document.documentElement) return undefined;
    const style = getComputedStyle(el);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) return undefined;
    const grow = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
    const r = el.getBoundingClientRect();
    const ring = { left: r.left - grow, top: r.top - grow, right: r.right + grow, bottom: r.bottom + grow };
    const name = (e: PageElement) =>
      (e as unknown as { outerHTML: string }).outerHTML.slice(0, 80).replace(/\s+/g, ' ') + '…';
    const inside = (box: { left: number; top: number; right: number; bottom: number }) =>
      ring.left >= box.left - 0.5 &&
      ring.top >= box.top - 0.5 &&
      ring.right <= box.right + 0.5 &&
      ring.bottom <= box.bottom + 0.5;
    for (let n = el.parentElement; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible';
      const cell = n.matches('th');
      if ((clips || cell) && !inside(n.getBoundingClientRect()))
        return `${name(el)} ring ${JSON.stringify(ring)} cut by ${name(n)} ${JSON.stringify(n.getBoundingClientRect())}`;
    }
    return undefined;
  });
}

/** Tabs through the whole window once, and lists every focus ring that does not fully show. */
async function cutRings(page: Page): Promise<string[]> {
  const found: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const cut = await ringCut(page);
    if (cut && !found.includes(cut)) found.push(cut);
  }
  return found;
}

test('Tab reaches a skip link first, which moves the focus to the screen’s content', async ({
  page,
  host,
  app,
  accounts,
}) => {
  await app.open(host.url);
  await expect(accounts.heading()).toHaveText('Accounts');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  // Out of sight until it is needed.
  expect((await skip.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);

  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  const box = await skip.boundingBox();
  expect(box && box.width > 40 && box.height > 16 && box.x >= 0 && box.y >= 0).toBe(true);
  await expect(skip).toBeInViewport({ ratio: 1 });

  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // The URL keeps saying which screen this is.
  expect(new URL(page.url()).hash).not.toContain('main-content');
  // The next Tab is inside the content, not back in the navigation.
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      return document.activeElement?.matches('main *') ?? false;
    }),
  ).toBe(true);
});

test.describe('in Chinese', () => {
  test.use({ hostLang: 'zh_CN.UTF-8' });
  test('the skip link speaks the UI language', async ({ page, host, app }) => {
    await app.open(host.url);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused();
  });
});

test('every focus ring shows whole: table headers, rows, buttons, the navigation', async ({
  page,
  host,
  app,
  accounts,
  instances,
}) => {
  await app.open(host.url);
  await page.getByTestId('try-sandbox').click();
  await expect(accounts.rows()).toHaveCount(2);
  expect(await cutRings(page)).toEqual([]);

  await app.nav('Instances').click();
  await expect(instances.rows().first()).toBeVisible();
  await expect(page.getByTestId('refresh-instances')).toBeEnabled();
  expect(await cutRings(page)).toEqual([]);
});
