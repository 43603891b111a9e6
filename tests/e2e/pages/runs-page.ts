import type { Locator, Page } from '@playwright/test';

/** Recent runs: every sync run of every rule, and a run's tasks. */
export class RunsPage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByTestId('runs-table');
  }

  rows(): Locator {
    return this.page.getByTestId('run-row');
  }

  /** The row of one run of a source instance, by its task ID (the cloud's execution ID). */
  run(registryId: string, runId: number | string): Locator {
    return this.page.locator(`[data-testid="run-row"][data-row-id$="/${registryId}/${String(runId)}"]`);
  }

  status(row: Locator): Locator {
    return row.getByTestId('run-status');
  }

  duration(row: Locator): Locator {
    return row.getByTestId('run-duration');
  }

  ratio(row: Locator): Locator {
    return row.getByTestId('run-ratio');
  }

  /** The ratio as it is shown, "18/20" (without the words read out to a screen reader). */
  async fraction(row: Locator): Promise<{ synced: number; total: number }> {
    const text = (await this.ratio(row).locator('.fraction').textContent()) ?? '';
    const [, synced, total] = /^(\d+)\/(\d+)$/.exec(text.trim()) ?? [];
    return { synced: Number(synced), total: Number(total) };
  }

  filter(name: 'status' | 'account' | 'rule' | 'time'): Locator {
    return this.page.getByTestId(`runs-filter-${name}`);
  }

  /** The dialog of a run's tasks (a modal <dialog>, also when opened from a rule's detail pane). */
  tasks(): Locator {
    return this.page.locator('dialog[open]').filter({ has: this.page.getByTestId('run-tasks') });
  }

  taskRows(): Locator {
    return this.tasks().getByTestId('task-row');
  }
}
