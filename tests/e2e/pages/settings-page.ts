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
}
