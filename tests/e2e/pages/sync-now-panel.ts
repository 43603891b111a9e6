import type { Locator, Page } from '@playwright/test';

/**
 * Sync now (触发同步): its confirmation, the progress panel at the foot of the sidebar (runs on
 * this computer, with Cancel), and a run's progress in a rule's detail pane.
 */
export class SyncNowPanelPage {
  constructor(readonly page: Page) {}

  /** The Sync now button of the rule detail pane. */
  detailButton(): Locator {
    return this.page.getByTestId('detail-sync-now');
  }

  /** Sync now on the rules selected in the table (shown while some are). */
  selectedButton(): Locator {
    return this.page.getByTestId('sync-now-selected');
  }

  /** The confirmation (then the outcome, when a rule was refused). */
  dialog(): Locator {
    return this.page.locator('dialog[open]').filter({ has: this.page.getByTestId('sync-now-dialog') });
  }

  /** A rule listed in the confirmation, by its name. */
  dialogRule(name: string): Locator {
    return this.dialog().getByTestId('sync-now-rule').filter({ hasText: name });
  }

  confirmName(): Locator {
    return this.dialog().getByTestId('sync-now-confirm-name');
  }

  startButton(): Locator {
    return this.dialog().getByTestId('sync-now-start');
  }

  /** Why a rule was not started, per rule. */
  refusals(): Locator {
    return this.dialog().getByTestId('sync-now-refusal');
  }

  /** The compact indicator in the sidebar, on every screen. */
  indicator(): Locator {
    return this.page.getByTestId('sync-now-indicator');
  }

  panel(): Locator {
    return this.page.getByTestId('sync-now-panel');
  }

  async open(): Promise<void> {
    if ((await this.indicator().getAttribute('aria-expanded')) !== 'true') await this.indicator().click();
  }

  /** The runs in progress shown in the panel. */
  runs(): Locator {
    return this.panel().getByTestId('local-run');
  }

  run(ruleName: string): Locator {
    return this.runs().filter({ hasText: ruleName });
  }

  /** Runs that ended while the app watched. */
  finished(ruleName: string): Locator {
    return this.panel().getByTestId('local-run-finished').filter({ hasText: ruleName });
  }

  /** A run's progress in the rule's detail pane. */
  detailRun(): Locator {
    return this.page.getByTestId('detail-local-run').getByTestId('local-run');
  }

  bar(run: Locator): Locator {
    return run.getByRole('progressbar');
  }

  figures(run: Locator): Locator {
    return run.getByTestId('local-run-figures');
  }

  cancel(run: Locator): Locator {
    return run.getByTestId('local-run-cancel');
  }
}
