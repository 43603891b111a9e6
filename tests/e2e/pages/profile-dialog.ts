import { expect, type Locator, type Page } from '@playwright/test';

/** The Add/Edit profile dialog as a keyboard or mouse user meets it: its buttons and fields. */
export class ProfileDialog {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The Accounts header's Add profile button. */
  addButton(): Locator {
    return this.page.getByTestId('add-profile');
  }

  /** The Add profile button of the empty Accounts screen (gone once there is a profile). */
  emptyStateAddButton(): Locator {
    return this.page.getByTestId('accounts-empty').getByRole('button', { name: 'Add profile' });
  }

  field(label: 'Display name' | 'SecretId' | 'SecretKey'): Locator {
    return this.root().getByLabel(label, { exact: true });
  }

  saveButton(): Locator {
    return this.root().getByRole('button', { name: 'Save' });
  }

  /** The × in the dialog's header. */
  dismissButton(): Locator {
    return this.root().getByRole('button', { name: 'Dismiss' });
  }

  /** The scrolling part between the title and the buttons. */
  body(): Locator {
    return this.root().locator('.body');
  }

  async openFrom(button: Locator): Promise<void> {
    await expect(button).toBeEnabled();
    await button.click();
    await expect(this.root()).toBeVisible();
  }

  async pressEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root()).toBeHidden();
  }

  async cancel(): Promise<void> {
    await this.root().getByRole('button', { name: 'Cancel' }).click();
    await expect(this.root()).toBeHidden();
  }

  async dismiss(): Promise<void> {
    await this.dismissButton().click();
    await expect(this.root()).toBeHidden();
  }
}
