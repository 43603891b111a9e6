import type { Locator, Page } from '@playwright/test';

/** A rule's preview (in its dialog from the detail pane): repositories, their tags and outcomes. */
export class RulePreviewPage {
  constructor(readonly page: Page) {}

  /** The Preview button of the rule detail pane. */
  openButton(): Locator {
    return this.page.getByTestId('detail-preview-rule');
  }

  dialog(): Locator {
    return this.page.locator('dialog[open]');
  }

  root(): Locator {
    return this.dialog().getByTestId('rule-preview');
  }

  summary(): Locator {
    return this.root().getByTestId('preview-summary');
  }

  count(key: 'copy' | 'unchanged' | 'keep' | 'overwrite' | 'failImmutable' | 'deletions'): Locator {
    return this.root().getByTestId(`preview-count-${key}`);
  }

  repository(name: string): Locator {
    return this.root().locator(`[data-testid="preview-repository"][data-repository="${name}"]`);
  }

  /** The button that shows or hides a repository's tags. */
  toggle(name: string): Locator {
    return this.repository(name).getByRole('button').first();
  }

  tag(repository: string, tag: string): Locator {
    return this.repository(repository).locator(`[data-testid="preview-tag"][data-tag="${tag}"]`);
  }

  failExplanation(): Locator {
    return this.root().getByTestId('preview-fail-explain');
  }

  age(): Locator {
    return this.root().getByTestId('preview-age');
  }

  refresh(): Locator {
    return this.root().getByTestId('preview-refresh');
  }
}
