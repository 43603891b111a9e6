import type { RuleTokenState, RuleTokenView } from '../../src-main/contract/index.js';

/** How a token's state reads at a glance: fine, worth a look, or rules that stopped syncing. */
export type TokenTone = 'ok' | 'warn' | 'bad' | 'neutral';

const TONES: Record<RuleTokenState, TokenTone> = {
  ok: 'ok',
  expiring: 'warn',
  expired: 'bad',
  disabled: 'bad',
  deleted: 'bad',
  noValidToken: 'bad',
  unknown: 'neutral',
  unverifiable: 'neutral',
  error: 'warn',
};

export function tokenTone(token: RuleTokenView): TokenTone {
  return TONES[token.state];
}

/** Sorts by meaning in a table: the broken first, then those that need a look, then the fine. */
export function tokenRank(token: RuleTokenView | undefined): number {
  if (!token) return 4;
  return { bad: 0, warn: 1, neutral: 2, ok: 3 }[tokenTone(token)];
}
