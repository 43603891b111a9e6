import type { Page } from '@playwright/test';

/** The Notifications, Watching and Tray sections of Settings. */
export class NotificationSettingsPage {
  constructor(readonly page: Page) {}

  notifyOn(label: string | RegExp) {
    return this.page
      .getByRole('group', { name: /^(Tell me when a sync run finishes|同步任务完成时通知我)$/ })
      .getByLabel(label);
  }

  dnd() {
    return this.page.getByRole('group', { name: /^(Do not disturb|勿扰)$/ });
  }

  dndState() {
    return this.page.getByTestId('dnd-state');
  }

  mutedRules() {
    return this.page.getByRole('group', { name: /^(Muted rules|已静音的规则)$/ });
  }

  idle() {
    return this.page.locator('#settings-watch-idle');
  }

  active() {
    return this.page.locator('#settings-watch-active');
  }

  /** Types both intervals and saves them with the form's Save. */
  async setIntervals(idle: string, active: string): Promise<void> {
    await this.idle().fill(idle);
    await this.active().fill(active);
    await this.active().press('Enter');
  }
}
