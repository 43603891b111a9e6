import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The window as a whole: navigation, banners, accessibility. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('navigation')).toBeVisible();
  }

  nav(name: string | RegExp) {
    return this.page.getByRole('navigation').getByRole('button', { name });
  }

  /** Shown while a keychain call waits, e.g. on an unlock prompt nobody has answered yet. */
  keychainWait() {
    return this.page.getByTestId('keychain-wait');
  }

  keychainBanner() {
    return this.page.getByTestId('keychain-banner');
  }

  /** Serious or critical axe violations on the current screen, as readable lines. */
  async accessibilityViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }
}
