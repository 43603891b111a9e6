import type { RuleService } from '../../services/rules/rule-service.js';
import type { HandlersOf } from './handlers-of.js';

export interface RuleHandlerDeps {
  rules: RuleService;
}

/** The sync rules of every instance of every profile. */
export function ruleHandlers({ rules }: RuleHandlerDeps): HandlersOf<'rules'> {
  return {
    // What is known; the renderer asks rules:refresh when it wants the cloud asked.
    'rules:list': async () => rules.view(),
    'rules:refresh': async ({ profileIds }) => rules.refresh(profileIds),
    'rules:cancel': async () => {
      rules.cancel();
      return null;
    },
  };
}
