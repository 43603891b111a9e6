import type { Handlers } from '../../ipc/router.js';
import type { RuleDrafts } from '../../services/rules/rule-drafts.js';
import type { RuleEditor } from '../../services/rules/rule-editor.js';
import type { TokenHealth } from '../../services/rules/token-health.js';

export interface RuleEditHandlerDeps {
  editor: RuleEditor;
  drafts: RuleDrafts;
  tokenHealth: TokenHealth;
}

/**
 * Creating and editing rules, the drafts of changes that could not be sent, and the health of the
 * tokens cross-account rules depend on.
 */
export function ruleEditHandlers({
  editor,
  drafts,
  tokenHealth,
}: RuleEditHandlerDeps): Pick<
  Handlers,
  'rules:check' | 'rules:create' | 'rules:update' | 'rules:tokens' | 'drafts:list' | 'drafts:discard'
> {
  return {
    'rules:check': async (draft) => editor.check(draft),
    'rules:create': (input) => editor.create(input),
    'rules:update': (input) => editor.update(input),
    'rules:tokens': async ({ refresh }) => {
      if (refresh) await editor.deleteUnusedTokens();
      return { tokens: await tokenHealth.list(refresh), unused: [...editor.unusedTokens()] };
    },
    'drafts:list': async () => drafts.list(),
    'drafts:discard': async ({ id }) => {
      await drafts.discard(id);
      return null;
    },
  };
}
