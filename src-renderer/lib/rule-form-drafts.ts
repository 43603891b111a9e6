// The drafts panel's words for a kept change: which change it is and why it was not sent. Plain
// TypeScript: unit-tested.
import type { CloudErrorView, DraftView } from '../../src-main/contract/index.js';

export type DraftKindWord = 'create' | 'update' | 'enable' | 'disable' | 'delete';

/** What the change does, as the panel names it (an enable/disable draft by what was asked). */
export function draftKind(draft: DraftView): DraftKindWord {
  if (draft.kind === 'setEnabled') return draft.enabled === false ? 'disable' : 'enable';
  return draft.kind;
}

/** Why it was not sent: the cloud's failure (with its RequestId), or the app's own. */
export type DraftReason = { kind: 'cloud'; error: CloudErrorView } | { kind: 'app'; code: string; message: string };

export function draftReason(draft: DraftView): DraftReason {
  const error = draft.error;
  if (error.kind === 'app') return { kind: 'app', code: error.code, message: error.message };
  return { kind: 'cloud', error };
}

/** The kind of change an enable/disable/delete draft is retried as, by the change dialog's words. */
export function retryKind(draft: DraftView): 'enable' | 'disable' | 'delete' | undefined {
  const kind = draftKind(draft);
  return kind === 'enable' || kind === 'disable' || kind === 'delete' ? kind : undefined;
}
