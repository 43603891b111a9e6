// The production guard: which rule changes must be confirmed by typing the rule's name, and the
// one line that says what such a change does. Pure; main enforces it (the renderer may be
// bypassed) and the UI shows the same line the user confirms.
import type { ChangeSummary } from '../contract/index.js';

/** What decides whether a rule change needs its name typed. */
export interface GuardFacts {
  /** The rule's source instance belongs to a profile marked production. */
  sourceProduction: boolean;
  /**
   * The rule's target belongs to a profile marked production: the profile of `RuleRow.target
   * .profileId` (a cross-account rule to another profile of the app), or the source profile for a
   * rule within one account. A target no profile knows counts as not production.
   */
  targetProduction: boolean;
  /** The change turns "sync deletions" on (it was off, or the rule is new with it on). */
  deletionTurnedOn: boolean;
}

/**
 * Whether a rule change must be confirmed by typing the rule's name: any change (create, edit,
 * enable, disable) to a rule whose source or target is a production account, and turning on sync
 * deletions anywhere. Deleting a rule always asks for its name, whatever this says.
 */
export function confirmNeeded({ sourceProduction, targetProduction, deletionTurnedOn }: GuardFacts): boolean {
  return sourceProduction || targetProduction || deletionTurnedOn;
}

/** What a guarded change does to the rule. */
export type GuardedChangeKind = 'create' | 'update' | 'enable' | 'disable' | 'delete';

/** A change to describe in the confirmation. */
export interface GuardedChange extends GuardFacts {
  kind: GuardedChangeKind;
  ruleName: string;
  /** The source as the user knows it: `account · instance`. */
  source: string;
  /** The target as the user knows it: `account · instance`, or its instance ID alone. */
  target: string;
}

const summaryKeys: Readonly<Record<GuardedChangeKind, string>> = {
  create: 'production.summary.create',
  update: 'production.summary.update',
  enable: 'production.summary.enable',
  disable: 'production.summary.disable',
  delete: 'production.summary.delete',
};

/** Which side of the rule is production, as a word the UI translates (`production.side.*`). */
function sideOf({ sourceProduction, targetProduction }: GuardFacts): 'both' | 'source' | 'target' | 'none' {
  if (sourceProduction && targetProduction) return 'both';
  if (sourceProduction) return 'source';
  if (targetProduction) return 'target';
  return 'none';
}

/**
 * The one line the confirmation shows: a message key of the UI (`production.summary.<kind>`, or
 * `production.summary.deletionOn` when the change turns sync deletions on — that is what matters
 * most) and its parameters: `rule`, `source`, `target`, and `side` (`both` | `source` | `target` |
 * `none`: which end is a production account; the UI words it with `production.side.<side>`).
 */
export function changeSummary(change: GuardedChange): ChangeSummary {
  const deletionOn = change.deletionTurnedOn && change.kind !== 'delete' && change.kind !== 'disable';
  return {
    key: deletionOn ? 'production.summary.deletionOn' : summaryKeys[change.kind],
    params: { rule: change.ruleName, source: change.source, target: change.target, side: sideOf(change) },
  };
}
