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

  /** The import dialog's text box (paste a file's content here). */
  importText(): Locator {
    return this.dialog().getByTestId('import-text');
  }

  /** What is wrong with the text as a whole, next to it. */
  importTextProblem(): Locator {
    return this.dialog().getByTestId('import-text-problem');
  }

  showPlanButton(): Locator {
    return this.dialog().getByTestId('import-plan-button');
  }

  /** The plan's row of a rule, by its name. */
  planRow(name: string): Locator {
    return this.dialog()
      .getByTestId('import-row')
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  applyButton(): Locator {
    return this.dialog().getByTestId('import-apply');
  }

  summary(): Locator {
    return this.dialog().getByTestId('import-summary');
  }
}
