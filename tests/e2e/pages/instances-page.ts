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
    return this.header(column).getByRole('button').click();
  }

  header(column: string): Locator {
    return this.page.getByRole('columnheader', { name: column });
  }

  /** The text of one column's cells, top to bottom (the column found by its header). */
  async columnTexts(column: string): Promise<string[]> {
    const headers = await this.table().getByRole('columnheader').allTextContents();
    const index = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === column);
    if (index < 0) throw new Error(`no column “${column}” among ${headers.join(', ')}`);
    return this.rows()
      .locator(`td:nth-child(${index + 1})`)
      .allTextContents();
  }

  table(): Locator {
    return this.page.getByTestId('instances-table');
  }

  /** The box the table scrolls in, if it must. */
  tableContainer(): Locator {
    return this.table().locator('xpath=..');
  }

  /** The filter box, whatever the UI language. */
  searchbox(): Locator {
    return this.page.getByRole('main').getByRole('searchbox');
  }

  /** "Not shown at this width: …", when columns folded away. */
  foldedColumns(): Locator {
    return this.page.getByTestId('folded-columns');
  }

  /** The pane a row opens, with all of the instance's fields. */
  detail(): Locator {
    return this.page.getByTestId('instance-detail');
  }
}
