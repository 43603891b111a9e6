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

  /** A rule's switch in its row, named by its state: "enabled: platform-to-shanghai". */
  switchOf(name: string): Locator {
    return this.row(name).getByRole('switch');
  }

  /** The Delete button of a rule's row. */
  deleteButton(name: string): Locator {
    return this.row(name).getByRole('button', { name: `Delete ${name}` });
  }

  /** The dialog of a change (enable, disable, delete): the request it sends, Send and Cancel. */
  changeDialog(): Locator {
    return this.page.locator('dialog[open]');
  }

  /** The API action the change calls, e.g. ModifyReplication. */
  requestAction(): Locator {
    return this.changeDialog().getByTestId('request-action');
  }

  /** The lines of the request diff shown as changes, e.g. `Rule.Enabled true → false`. */
  changedLines(): Locator {
    return this.changeDialog().getByTestId('request-diff').getByTestId('diff-changed');
  }

  /** Send (Disable, Enable, Delete): the dialog's button that sends the request. */
  sendButton(): Locator {
    return this.changeDialog().getByTestId('send-change');
  }

  /** Where the rule's name is typed to confirm a delete. */
  confirmName(): Locator {
    return this.changeDialog().getByTestId('confirm-name');
  }
}
