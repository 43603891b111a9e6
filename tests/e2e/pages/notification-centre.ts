import type { Page } from '@playwright/test';

/** The bell in the app's header, its panel of finished sync runs, and the toasts that tell them. */
export class NotificationCentrePage {
  constructor(readonly page: Page) {}

  /** Its name carries the unread count: "Notifications, 2 unread". */
  bell() {
    return this.page.getByRole('navigation').getByRole('button', { name: /^(Notifications|通知)/ });
  }

  panel() {
    return this.page.getByRole('dialog', { name: /^(Notifications|通知)$/ });
  }

  entries() {
    return this.panel().locator('li.entry');
  }

  entry(index: number) {
    return this.entries().nth(index);
  }

  toasts() {
    return this.page.locator('.toasts .toast');
  }

  async open(): Promise<void> {
    if ((await this.bell().getAttribute('aria-expanded')) !== 'true') await this.bell().click();
  }
}
