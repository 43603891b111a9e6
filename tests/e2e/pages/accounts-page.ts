import { expect, type Locator, type Page } from '@playwright/test';

export interface ProfileInput {
  name: string;
  uin?: string;
  region?: string;
  endpoint?: string;
  /** As labelled in the dialog, e.g. 'Green'. */
  colour?: string;
  secretId: string;
  secretKey: string;
}

/** The Accounts screen and its profile dialog. */
export class AccountsPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  rows(): Locator {
    return this.page.getByTestId('profile-row');
  }

  row(name: string): Locator {
    return this.rows().filter({ hasText: name });
  }

  table(): Locator {
    return this.page.getByTestId('profiles-table');
  }

  /** The box the table scrolls in, if it must. */
  tableContainer(): Locator {
    return this.table().locator('xpath=..');
  }

  /** The filter box, whatever the UI language. */
  searchbox(): Locator {
    return this.page.getByRole('main').getByRole('searchbox');
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async startAdding(): Promise<void> {
    await this.page.getByTestId('add-profile').click();
    await expect(this.dialog()).toBeVisible();
  }

  async fill(input: Partial<ProfileInput>): Promise<void> {
    const d = this.dialog();
    if (input.name !== undefined) await d.getByLabel('Display name').fill(input.name);
    if (input.uin !== undefined) await d.getByLabel('Account ID (uin)').fill(input.uin);
    if (input.region !== undefined) await d.getByLabel('Default region').selectOption(input.region);
    if (input.endpoint !== undefined) await d.getByLabel('API endpoint').fill(input.endpoint);
    if (input.colour !== undefined) await d.getByRole('radio', { name: input.colour }).check();
    if (input.secretId !== undefined) await d.getByLabel('SecretId').fill(input.secretId);
    if (input.secretKey !== undefined) await d.getByLabel('SecretKey', { exact: true }).fill(input.secretKey);
  }

  async save(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Save' }).click();
  }

  async addProfile(input: ProfileInput): Promise<void> {
    await this.startAdding();
    await this.fill(input);
    await this.save();
    await expect(this.dialog()).toBeHidden();
    await expect(this.row(input.name)).toBeVisible();
  }

  async rotateKeys(name: string, secretId: string, secretKey: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: `Edit ${name}` })
      .click();
    await this.dialog().getByTestId('rotate-keys').check();
    await this.fill({ secretId, secretKey });
    await this.save();
    await expect(this.dialog()).toBeHidden();
  }

  /** Runs Test connection on a profile and waits for its outcome; returns the result panel. */
  async testConnection(name: string): Promise<Locator> {
    await this.row(name)
      .getByRole('button', { name: `Test connection of ${name}` })
      .click();
    const result = this.dialog().getByTestId('connection-test');
    await expect(result.getByRole('status')).toBeHidden({ timeout: 15_000 });
    return result;
  }

  async closeDialog(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog()).toBeHidden();
  }

  async delete(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: `Delete ${name}` })
      .click();
    await this.dialog().getByRole('button', { name: 'Delete' }).click();
    await expect(this.dialog()).toBeHidden();
    await expect(this.row(name)).toHaveCount(0);
  }

  fieldError(field: 'name' | 'uin' | 'secret-id' | 'secret-key' | 'endpoint'): Locator {
    return this.page.getByTestId(`profile-${field}-error`);
  }

  fieldWarning(field: 'secret-id'): Locator {
    return this.page.getByTestId(`profile-${field}-warning`);
  }
}
