import type { Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async chooseLanguage(value: 'system' | 'zh-CN' | 'en'): Promise<void> {
    await this.page.locator('#settings-language').selectOption(value);
  }

  async setKeychainTimeout(seconds: number): Promise<void> {
    await this.page.locator('#settings-timeout').fill(String(seconds));
    await this.page.locator('#settings-timeout').press('Enter');
  }

  /** Sync now's bandwidth cap for the whole app, in Mbit/s (0 = none), saved with Enter. */
  async setBandwidthCap(mbps: number): Promise<void> {
    await this.page.locator('#settings-bandwidth-cap').fill(String(mbps));
    await this.page.locator('#settings-bandwidth-cap').press('Enter');
  }
}
