import type { Locator, Page } from '@playwright/test';

/** Rules selected for export, and the Export and Import dialogs of the Rules screen. */
export class RuleTransferDialogs {
  constructor(readonly page: Page) {}

  /** The checkbox that selects a rule's row, by the rule's name. */
  selectRule(name: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select ${name}`, exact: true });
  }

  /** The header's checkbox: every rule shown. */
  selectAllShown(): Locator {
    return this.page.getByTestId('select-all');
  }

  exportButton(): Locator {
    return this.page.getByTestId('export-rules');
  }

  importButton(): Locator {
    return this.page.getByTestId('import-rules');
  }

  dialog(): Locator {
    return this.page.locator('dialog[open]');
  }

  /** The exported text, read-only. */
  exportText(): Locator {
    return this.dialog().getByTestId('export-text');
  }

  terraform(): Locator {
    return this.dialog().getByTestId('export-terraform');
  }

  json(): Locator {
    return this.dialog().getByTestId('export-json');
  }

  saveButton(): Locator {
    return this.dialog().getByTestId('export-save');
  }
}
