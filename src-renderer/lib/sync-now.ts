// What Sync now says about the rules it was asked to run (plain functions, tested under Node).
import type { ProfileView, SyncNowRefusal, SyncRun } from '../../src-main/contract/index.js';
import type { MessageKey } from './i18n/en.js';
import type { Labels } from './table/labels.js';

/** One rule of a Sync now request, as the confirmation shows it. */
export interface SyncNowRule {
  key: string;
  profileId: string;
  registryId: string;
  ruleName: string;
  source: string;
  target: string;
  override: boolean;
  enabled: boolean;
  /** The rule's source or target account is marked production: the guard asks to confirm. */
  production: boolean;
}

const refusals = {
  alreadyRunning: 'syncNow.refusal.alreadyRunning',
  unknownRule: 'syncNow.refusal.unknownRule',
  noTargetAccess: 'syncNow.refusal.noTargetAccess',
  nothingToRetry: 'syncNow.refusal.nothingToRetry',
} as const satisfies Record<SyncNowRefusal, MessageKey>;

/** Why a rule did not start, in words; a reason the app does not know is shown as it came. */
export function refusalText(labels: Pick<Labels, 't'>, reason: SyncNowRefusal): string {
  return Object.hasOwn(refusals, reason) ? labels.t(refusals[reason]) : reason;
}

/** The profiles at a run's two ends (its rule's account, the target's when the app has it). */
export function productionEnds(
  profiles: readonly ProfileView[],
  run: Pick<SyncRun, 'profileId' | 'target'>,
): (ProfileView | undefined)[] {
  const byId = (id: string | undefined) => (id === undefined ? undefined : profiles.find((p) => p.id === id));
  return [byId(run.profileId), byId(run.target?.profileId ?? run.profileId)];
}

/** Retry failed of this run copies into (or from) a production account: the guard asks first. */
export function runTouchesProduction(
  profiles: readonly ProfileView[],
  run: Pick<SyncRun, 'profileId' | 'target'>,
): boolean {
  return productionEnds(profiles, run).some((p) => p?.production === true);
}
