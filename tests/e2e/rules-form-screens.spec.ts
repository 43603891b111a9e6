import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { RuleFormDialog } from './pages/rule-form.js';

interface Box {
  right: number;
  bottom: number;
}
interface DialogElement {
  getBoundingClientRect(): Box;
  querySelector(selector: string): { scrollWidth: number; clientWidth: number } | null;
}

/** The form's dialog is inside the window, and its body scrolls only up and down (nothing cut sideways). */
async function fitsSideways(page: Page): Promise<boolean> {
  return page.locator('dialog[open]').evaluate((dialog: DialogElement) => {
    const { innerWidth, innerHeight } = globalThis as unknown as { innerWidth: number; innerHeight: number };
    const body = dialog.querySelector('.body');
    const box = dialog.getBoundingClientRect();
    return box.right <= innerWidth && box.bottom <= innerHeight && (body?.scrollWidth ?? 0) <= (body?.clientWidth ?? 0);
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: test.info().outputPath(`${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const [lang, nav, rulesNav] of [
  ['en_US.UTF-8', 'Instances', 'Sync rules'],
  ['zh_CN.UTF-8', '实例', '同步规则'],
] as const) {
  test.describe(lang, () => {
    test.use({ hostLang: lang });

    test(`a one-click cross-account rule is started from an instance: the form and its review fit at 1024×700 and 1440×900, light and dark (${lang})`, async ({
      page,
      host,
      app,
      accounts,
      instances,
    }) => {
      const form = new RuleFormDialog(page);
      await page.setViewportSize({ width: 1024, height: 700 });
      await app.open(host.url);
      await page.getByTestId('try-sandbox').click();
      await expect(accounts.rows()).toHaveCount(2);
      // The rules are read once (the token warning lists those that follow the new token).
      await app.nav(rulesNav).click();
      await expect(page.getByTestId('rule-row')).toHaveCount(5);
      await app.nav(nav).click();
      await instances.rowsOf('Acme Platform').filter({ hasText: 'acme-prod-gz' }).click();
      const start = instances.detail().getByTestId('instance-new-rule');
      await start.click();

      // The source comes with the form: the name is the first field to fill.
      await expect(form.field('source')).toHaveValue(/\|tcr-8kq3m2zd$/);
      await expect(form.field('name')).toBeFocused();
      await form.field('name').fill('release-to-globex-2');
      await form.field('namespace').fill('platform');
      await form.field('tag').fill('.*');
      await expect(form.warning('tag')).toBeVisible();
      expect(await fitsSideways(page)).toBe(true);
      await shoot(page, 'form-1024');

      await form.targetMode('otherProfile').check();
      await form.field('target-profile').selectOption({ label: 'Globex Analytics' });
      await expect(form.option('target-profile-instance', 'globex-edge-hk')).toBeDisabled();
      await form.pickInstance('target-profile-instance', 'globex-main-sg');
      await expect(page.getByTestId('one-click-note')).toContainText('globex-main-sg');
      await page.getByTestId('one-click-note').scrollIntoViewIfNeeded();
      expect(await fitsSideways(page)).toBe(true);
      await shoot(page, 'target-1024');
      expect(await app.accessibilityViolations()).toEqual([]);

      // The review: the token's consequences, the rules that follow it, the policy to grant.
      await form.review();
      await expect(page.getByTestId('token-warning')).toBeVisible();
      await expect(page.getByTestId('token-followers')).toContainText('release-to-globex');
      await expect(page.getByTestId('token-policy')).toContainText('tcr:PushRepository');
      await expect(page.getByTestId('token-policy')).toContainText('instance/tcr-4pw6j9ks');
      expect(await fitsSideways(page)).toBe(true);
      await shoot(page, 'review-1024');
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await app.accessibilityViolations()).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });

      await page.setViewportSize({ width: 1440, height: 900 });
      expect(await fitsSideways(page)).toBe(true);
      await shoot(page, 'review-1440');
      await form.backButton().click();
      await expect(form.field('name')).toHaveValue('release-to-globex-2');
      await shoot(page, 'form-1440');

      // Escape asks before dropping what was typed; keeping it keeps it; the focus comes back.
      await page.keyboard.press('Escape');
      const ask = page
        .locator('dialog[open]')
        .filter({ has: page.getByRole('button', { name: /^(Keep editing|继续编辑)$/ }) });
      await expect(ask).toBeVisible();
      await ask.getByRole('button', { name: /^(Keep editing|继续编辑)$/ }).click();
      await expect(form.field('name')).toHaveValue('release-to-globex-2');
      await page.keyboard.press('Escape');
      await ask.getByRole('button', { name: /^(Discard|放弃)$/ }).click();
      await expect(form.dialog()).toBeHidden();
      await expect(instances.detail()).toBeVisible();
      await expect(start).toBeFocused();
    });
  });
}
