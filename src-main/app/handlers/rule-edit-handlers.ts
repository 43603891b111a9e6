import type { Handlers } from '../../ipc/router.js';
import type { RuleDrafts } from '../../services/rules/rule-drafts.js';
import type { RuleEditor } from '../../services/rules/rule-editor.js';

export interface RuleEditHandlerDeps {
  editor: RuleEditor;
  drafts: RuleDrafts;
}

/** Creating and editing rules, and the drafts of changes that could not be sent. */
export function ruleEditHandlers({
  editor,
  drafts,
}: RuleEditHandlerDeps): Pick<
  Handlers,
  'rules:check' | 'rules:create' | 'rules:update' | 'drafts:list' | 'drafts:discard'
> {
  return {
    'rules:check': async (draft) => editor.check(draft),
    'rules:create': (input) => editor.create(input),
    'rules:update': (input) => editor.update(input),
    'drafts:list': async () => drafts.list(),
    'drafts:discard': async ({ id }) => {
      await drafts.discard(id);
      return null;
    },
  };
}
