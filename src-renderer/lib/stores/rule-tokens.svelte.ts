import type { AppError, RuleTokensView, RuleTokenView } from '../../../src-main/contract/index.js';
import { api } from '../api.js';

/**
 * The health of the tokens cross-account rules depend on (`rules:tokens`). Read when the Rules
 * view opens and after a change; main answers what it read within the last minutes unless asked
 * to read the targets again.
 */
class RuleTokensStore {
  value = $state<RuleTokensView>({ tokens: [], unused: [] });
  loading = $state(false);
  error = $state<AppError | undefined>(undefined);
  #asked = 0;

  async load(refresh = false): Promise<void> {
    const ask = ++this.#asked;
    this.loading = true;
    const result = await api.invoke('rules:tokens', { refresh });
    // A later ask answers for both: an earlier reply must not overwrite it.
    if (ask !== this.#asked) return;
    this.loading = false;
    if (result.ok) {
      this.value = result.value;
      this.error = undefined;
    } else {
      this.error = result.error;
    }
  }

  /** The token a rule depends on: its source instance's token towards the rule's target account. */
  forRule(profileId: string, registryId: string, ruleName: string): RuleTokenView | undefined {
    return this.value.tokens.find(
      (t) => t.profileId === profileId && t.registryId === registryId && t.rules.includes(ruleName),
    );
  }
}

export const ruleTokens = new RuleTokensStore();
