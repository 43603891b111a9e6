import type { RulesView } from '../../contract/index.js';
import type { HandlersOf } from './handlers-of.js';

// Temporary: the rule service is being built; until then every profile's rules are "never" fetched.
function emptyView(): RulesView {
  return { rows: [], profiles: [], refreshing: false };
}

/** The sync rules of every instance of every profile. */
export function ruleHandlers(): HandlersOf<'rules'> {
  return {
    'rules:list': async () => emptyView(),
    'rules:refresh': async () => emptyView(),
    'rules:cancel': async () => null,
  };
}
