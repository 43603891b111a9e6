import type { Handlers } from '../../ipc/router.js';
import type { RulePreviewService } from '../../services/rules/rule-preview.js';

export interface RulePreviewHandlerDeps {
  preview: RulePreviewService;
}

/** What a rule (or the form's draft) would sync right now. */
export function rulePreviewHandlers({
  preview,
}: RulePreviewHandlerDeps): Pick<Handlers, 'rules:preview' | 'rules:cancelPreview'> {
  return {
    'rules:preview': (input) => preview.preview(input),
    'rules:cancelPreview': async ({ requestId }) => {
      preview.cancel(requestId);
      return null;
    },
  };
}
