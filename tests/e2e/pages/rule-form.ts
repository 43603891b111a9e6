import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The rule form (new rule, edit, a draft reopened): its fields by their ids, the live check's
 * messages next to them, the review of the requests, Save; and the drafts panel of the Rules view.
 */
export class RuleFormDialog {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page
      .locator('dialog[open]')
      .filter({ has: this.page.locator('#rule-form, [data-testid="rule-review"]') });
  }

  heading(): Locator {
    return this.dialog().getByRole('heading', { level: 2 });
  }

  field(id: string): Locator {
    return this.page.locator(`#rule-${id}`);
  }

  /** The problem shown under a field (`name`, `tag`, `target-instance`…). */
  error(id: string): Locator {
    return this.page.getByTestId(`rule-${id}-error`);
  }

  /** The warning shown under a field, e.g. a tag that looks like a regular expression. */
  warning(id: string): Locator {
    return this.page.getByTestId(`rule-${id}-warning`);
  }

  /** Picks an instance in a select by the start of its text (`acme-prod-gz · …`). */
  async pickInstance(id: string, name: string): Promise<void> {
    const option = this.field(id).locator('option', { hasText: name });
    const value = await option.getAttribute('value');
    if (value === null) throw new Error(`no option ${name} in #rule-${id}`);
    await this.field(id).selectOption(value);
  }

  /** The option of an instance in a select, e.g. to see that a Basic one cannot be chosen. */
  option(id: string, name: string): Locator {
    return this.field(id).locator('option', { hasText: name });
  }

  targetMode(mode: 'sameAccount' | 'otherProfile' | 'paste'): Locator {
    return this.page.getByTestId(`target-mode-${mode}`);
  }

  reviewButton(): Locator {
    return this.page.getByTestId('rule-review-button');
  }

  /** Review: asks main to check the form once more and shows the requests. */
  async review(): Promise<void> {
    await this.reviewButton().click();
    await expect(this.page.getByTestId('rule-review')).toBeVisible();
  }

  reviewPane(): Locator {
    return this.page.getByTestId('rule-review');
  }

  /** The API actions the requests call, in order. */
  requestActions(): Locator {
    return this.reviewPane().getByTestId('request-action');
  }

  /** The lines of the requests shown as changes, e.g. `Rule.Override true → false`. */
  changedLines(): Locator {
    return this.reviewPane().getByTestId('diff-changed');
  }

  recreateWarning(): Locator {
    return this.page.getByTestId('recreate-warning');
  }

  confirmRecreate(): Locator {
    return this.page.getByTestId('confirm-recreate');
  }

  confirmName(): Locator {
    return this.page.getByTestId('rule-confirm-name');
  }

  saveButton(): Locator {
    return this.page.getByTestId('rule-save');
  }

  backButton(): Locator {
    return this.dialog().getByRole('button', { name: /^(Back|返回修改)$/ });
  }

  formError(): Locator {
    return this.page.getByTestId('rule-form-error');
  }

  /** Fills a new same-account rule: source, name, namespace, target instance. */
  async fillSameAccount(rule: { source: string; name: string; namespace: string; target: string }): Promise<void> {
    await this.pickInstance('source', rule.source);
    await this.field('name').fill(rule.name);
    await this.field('namespace').fill(rule.namespace);
    await this.pickInstance('target-instance', rule.target);
  }

  // The drafts panel of the Rules view.

  draftsPanel(): Locator {
    return this.page.getByTestId('drafts-panel');
  }

  draftRows(): Locator {
    return this.page.getByTestId('draft-row');
  }

  draftRow(ruleName: string): Locator {
    return this.draftRows().filter({ hasText: ruleName });
  }
}
