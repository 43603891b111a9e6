import type { RuleChangeRequest, RuleRow } from '../../contract/index.js';
import { UserFacingError } from '../shared/user-facing-error.js';

export interface RuleKey {
  profileId: string;
  registryId: string;
  ruleName: string;
}

/** Enables, disables and deletes rules (the contract's `rules:setEnabled`, `rules:delete`, `rules:request`). */
export class RuleChanges {
  setEnabled(_key: RuleKey & { enabled: boolean }): Promise<RuleRow> {
    return Promise.reject(notYet());
  }

  delete(_key: RuleKey & { confirmName: string }): Promise<null> {
    return Promise.reject(notYet());
  }

  request(_query: RuleKey & { kind: 'setEnabled' | 'delete'; enabled?: boolean | undefined }): RuleChangeRequest {
    throw notYet();
  }
}

function notYet(): UserFacingError {
  return new UserFacingError('INTERNAL', 'Rule changes are not available yet');
}
