import { z } from 'zod';
import type { CloudErrorView } from './cloud.js';
import { typed } from './result.js';

// The health of the long-term tokens cross-account rules depend on (跨主账号同步的访问凭证).

/**
 * - `ok`: the token the app sent is enabled and not near its expiry.
 * - `expiring`: it expires within `TOKEN_EXPIRY_WARNING_DAYS`.
 * - `expired`, `disabled`: the rules towards that account stop syncing.
 * - `deleted`: the target instance no longer has the token: the rules stop syncing.
 * - `noValidToken`: the app does not know which token the rules use (made in the console or
 *   pasted), and the target instance has no enabled, unexpired long-term token at all.
 * - `unknown`: the app does not know which token the rules use; the target has valid ones.
 * - `unverifiable`: the target account is no profile of the app: its tokens cannot be read.
 * - `error`: the target's tokens could not be read now (`error` says why).
 */
export type RuleTokenState =
  'ok' | 'expiring' | 'expired' | 'disabled' | 'deleted' | 'noValidToken' | 'unknown' | 'unverifiable' | 'error';

/** A token expiring within this many days is warned about. */
export const TOKEN_EXPIRY_WARNING_DAYS = 14;

/**
 * The token of one source instance towards one target account: TCR makes every rule of the
 * source towards that account use the newest token sent, so this is one token for all of them.
 */
export interface RuleTokenView {
  profileId: string;
  /** The source instance. */
  registryId: string;
  /** The target account (uin) when known. */
  uin?: string;
  /** The profile of the target account, when the app has one. */
  targetProfileId?: string;
  /** The target instance the token belongs to (the newest rule's target). */
  targetRegistryId: string;
  /** The rules of the source that sync to that account, by name. */
  rules: string[];
  /** The app holds this token in the keychain (made in one-click mode, or pasted). */
  kept: boolean;
  /** The token's id when the app made it. */
  tokenId?: string;
  state: RuleTokenState;
  /** When the token (or, for `unknown`, the soonest valid token of the target) expires. */
  expiresAt?: string;
  /** `unknown` / `noValidToken`: how many enabled, unexpired long-term tokens the target has. */
  validTokens?: number;
  checkedAt?: string;
  error?: CloudErrorView;
}

/**
 * A long-term token the app made on a target for a rule the cloud then refused, that could not be
 * deleted yet: the app tries again at every start and before every one-click save.
 */
export interface UnusedTokenView {
  /** The profile of the target account. */
  profileId: string;
  /** The target instance holding the token. */
  registryId: string;
  tokenId: string;
  madeAt: string;
}

export interface RuleTokensView {
  tokens: RuleTokenView[];
  unused: UnusedTokenView[];
}

export const ruleTokensSchema = z.strictObject({
  /** Asks the targets again instead of answering what was read in the last minutes. */
  refresh: z.boolean().optional(),
});

export const ruleTokenChannels = {
  /**
   * The tokens of every cross-account rule, with their health (DescribeInstanceToken on each target
   * instance the app can read, a few at a time). Answers what was read within the last five minutes
   * unless `refresh`. `unused`: tokens the app made that wait to be deleted.
   */
  'rules:tokens': { input: ruleTokensSchema, output: typed<RuleTokensView>() },
} as const;
