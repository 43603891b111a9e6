import type { Locator, Page } from '@playwright/test';

/** The Instances screen: every instance of every profile, and each profile's own errors. */
export class InstancesPage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.getByTestId('instance-row');
  }

  rowsOf(account: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('cell', { name: account }) });
  }

  profileErrors(): Locator {
    return this.page.getByTestId('profile-error');
  }

  refresh(): Promise<void> {
    return this.page.getByTestId('refresh-instances').click();
  }

  /** The progress shown while a refresh runs. */
  progress(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Refreshing' });
  }

  cancel(): Promise<void> {
    return this.page.getByRole('button', { name: 'Cancel' }).click();
  }

  filter(text: string): Promise<void> {
    return this.page.getByRole('searchbox', { name: 'Filter instances' }).fill(text);
  }

  sortBy(column: string): Promise<void> {
    return this.page.getByRole('columnheader', { name: column }).getByRole('button').click();
  }
}
