import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { lookOf, type ControlLook, type PageElement } from './helpers/contrast.js';

type State = 'normal' | 'hover' | 'focus' | 'active' | 'disabled';
const states: State[] = ['normal', 'hover', 'focus', 'active', 'disabled'];

interface Kind {
  name: string;
  button: Locator;
  /** Text-like buttons (navigation, table headers, ×) have no border to measure. */
  borderless?: boolean;
}

/** Puts a button in a state, reads how it looks, and leaves it as it was. */
async function lookIn(page: Page, button: Locator, state: State): Promise<ControlLook> {
  await page.mouse.move(1, 1);
  await button.evaluate((el: PageElement) => el.blur());
  switch (state) {
    case 'normal':
      return lookOf(button);
    case 'hover':
      await button.hover();
      return lookOf(button);
    case 'focus':
      // Keyboard focus, as a Tab gives it: the last input was a key, so the ring shows.
      await page.keyboard.press('Shift');
      await button.focus();
      return lookOf(button);
    case 'active': {
      await button.hover();
      await page.mouse.down();
      const look = await lookOf(button);
      // Released elsewhere: no click.
      await page.mouse.move(1, 1);
      await page.mouse.up();
      return look;
    }
    case 'disabled': {
      // As when the keychain is locked, or while a save runs.
      await button.evaluate((el: PageElement) => el.setAttribute('disabled', ''));
      await button.hover({ force: true });
      const look = await lookOf(button);
      await button.evaluate((el: PageElement) => el.removeAttribute('disabled'));
      return look;
    }
  }
}

/** Every way a button can fall short of WCAG AA in this state, as readable lines. */
async function problems(page: Page, kind: Kind, state: State): Promise<string[]> {
  const look = await lookIn(page, kind.button, state);
  const where = `${kind.name}, ${state} (${look.colours})`;
  const found: string[] = [];
  if (look.filter !== 'none' || look.opacity !== '1')
    found.push(`${where}: filter ${look.filter}, opacity ${look.opacity} (colours not what they seem)`);
  if (look.text < 4.5) found.push(`${where}: text contrast ${look.text} < 4.5`);
  if (!kind.borderless && Math.max(look.border ?? 0, look.fill) < 3)
    found.push(`${where}: edge contrast ${look.border ?? 'no border'} / fill ${look.fill} < 3`);
  if (state === 'focus') {
    if (!look.focusVisible) found.push(`${where}: not :focus-visible`);
    if ((look.ring ?? 0) < 3) found.push(`${where}: focus ring contrast ${look.ring ?? 'no ring'} < 3`);
  }
  return found;
}

/** axe's own colour-contrast check of the whole window, e.g. with the pointer over a button. */
async function axeContrast(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${label}: axe ${v.id} ${n.target.join(' ')} ${n.failureSummary ?? ''}`),
  );
}

async function check(page: Page, kinds: Kind[], scheme: string): Promise<string[]> {
  const found: string[] = [];
  for (const kind of kinds) {
    for (const state of states) found.push(...(await problems(page, kind, state)));
    await kind.button.hover();
    found.push(...(await axeContrast(page, `${scheme}, ${kind.name} hovered`)));
  }
  await page.mouse.move(1, 1);
  return found;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every kind of button is readable in every state, and its focus ring shows (${scheme})`, async ({
    page,
    host,
    app,
    accounts,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await app.open(host.url);
    await page.getByTestId('try-sandbox').click();
    await expect(accounts.rows()).toHaveCount(2);
    const row = accounts.rows().first();
    const main = page.getByRole('main');

    const found = await check(
      page,
      [
        { name: 'primary (Add profile)', button: page.getByTestId('add-profile') },
        { name: 'secondary (Import from tccli)', button: main.getByRole('button', { name: 'Import from tccli' }) },
        { name: 'row (Test connection)', button: row.getByRole('button', { name: /^Test connection/ }) },
        { name: 'row (Edit)', button: row.getByRole('button', { name: /^Edit/ }) },
        { name: 'row, danger text (Delete)', button: row.getByRole('button', { name: /^Delete/ }) },
        {
          name: 'table header (Name)',
          button: page.getByRole('columnheader', { name: 'Name' }).getByRole('button'),
          borderless: true,
        },
        { name: 'navigation', button: app.nav('Instances'), borderless: true },
        { name: 'navigation, current', button: app.nav('Accounts'), borderless: true },
      ],
      scheme,
    );

    await accounts.startAdding();
    const dialog = accounts.dialog();
    found.push(
      ...(await check(
        page,
        [
          { name: 'dialog primary (Save)', button: dialog.getByRole('button', { name: 'Save' }) },
          { name: 'dialog secondary (Cancel)', button: dialog.getByRole('button', { name: 'Cancel' }) },
          { name: 'dialog field button (Show)', button: dialog.getByRole('button', { name: 'Show' }) },
          { name: 'dialog ×', button: dialog.getByRole('button', { name: 'Dismiss' }), borderless: true },
        ],
        scheme,
      )),
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    await row.getByRole('button', { name: /^Delete/ }).click();
    await expect(dialog).toBeVisible();
    found.push(
      ...(await check(
        page,
        [
          { name: 'danger (Delete, confirmed)', button: dialog.getByRole('button', { name: 'Delete', exact: true }) },
          { name: 'confirm dialog secondary (Cancel)', button: dialog.getByRole('button', { name: 'Cancel' }) },
        ],
        scheme,
      )),
    );
    expect(found).toEqual([]);
  });
}
