import type { Locator, Page } from '@playwright/test';

/** The Rules screen: every sync rule of every profile, each profile's errors, and a rule's details. */
export class RulesPage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.getByTestId('rule-row');
  }

  /** The row of a rule, by its name. */
  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  table(): Locator {
    return this.page.getByTestId('rules-table');
  }

  profileErrors(): Locator {
    return this.page.getByTestId('profile-error');
  }

  refresh(): Promise<void> {
    return this.page.getByTestId('refresh-rules').click();
  }

  /** The filter box, whatever the UI language. */
  searchbox(): Locator {
    return this.page.getByRole('main').getByRole('searchbox');
  }

  filter(text: string): Promise<void> {
    return this.searchbox().fill(text);
  }

  /** "Showing the rules from or to …", when the screen is narrowed to one instance. */
  scope(): Locator {
    return this.page.getByTestId('rules-scope');
  }

  /** The pane a row opens, with all of the rule's fields and its raw filters. */
  detail(): Locator {
    return this.page.getByTestId('rule-detail');
  }

  /** The raw filters listed in the detail pane, one per line. */
  detailFilters(): Locator {
    return this.detail().getByTestId('rule-filters').getByRole('listitem');
  }
}
