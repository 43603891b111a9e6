import type { RuleChanges } from '../../services/rules/rule-changes.js';
import type { RuleService } from '../../services/rules/rule-service.js';
import type { Handlers } from '../../ipc/router.js';

export interface RuleHandlerDeps {
  rules: RuleService;
  changes: RuleChanges;
}

/** The sync rules of every instance of every profile (creating, editing and previewing have tables of their own). */
export function ruleHandlers({
  rules,
  changes,
}: RuleHandlerDeps): Pick<
  Handlers,
  'rules:list' | 'rules:refresh' | 'rules:cancel' | 'rules:setEnabled' | 'rules:delete' | 'rules:request'
> {
  return {
    // What is known; the renderer asks rules:refresh when it wants the cloud asked.
    'rules:list': async () => rules.view(),
    'rules:refresh': async ({ profileIds }) => rules.refresh(profileIds),
    'rules:cancel': async () => {
      rules.cancel();
      return null;
    },
    'rules:setEnabled': (input) => changes.setEnabled(input),
    'rules:delete': (input) => changes.delete(input),
    'rules:request': async (input) => changes.request(input),
  };
}
