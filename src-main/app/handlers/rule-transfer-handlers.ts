import type { Handlers } from '../../ipc/router.js';
import type { RuleTransfer } from '../../services/rules/rule-transfer.js';

export interface RuleTransferHandlerDeps {
  /** Built in create-app with the rule editor as its writer. */
  transfer: RuleTransfer;
}

/** Export of sync rules (JSON, Terraform) and import of the app's JSON (plan, then apply). */
export function ruleTransferHandlers({
  transfer,
}: RuleTransferHandlerDeps): Pick<Handlers, 'rules:export' | 'rules:import' | 'rules:cancelImport'> {
  return {
    'rules:export': async ({ rules, format }) => transfer.export(rules, format),
    'rules:import': ({ text, apply }) => transfer.import(text, apply),
    'rules:cancelImport': async () => {
      transfer.cancelImport();
      return null;
    },
  };
}
