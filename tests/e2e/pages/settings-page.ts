import type { Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async chooseLanguage(value: 'system' | 'zh-CN' | 'en'): Promise<void> {
    await this.page.locator('#settings-language').selectOption(value);
  }
}
