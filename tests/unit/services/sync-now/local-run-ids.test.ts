// Run ids of this computer: above the cloud's, growing, unique within a millisecond and across
// a restart whose clock went back.
import { describe, expect, it } from 'vitest';
import { LOCAL_RUN_ID_BASE } from '../../../../src-main/contract/index.js';
import { LocalRunIds } from '../../../../src-main/services/sync-now/local-run-ids.js';

describe('LocalRunIds', () => {
  it('gives growing ids above the base, bumped within one millisecond', () => {
    const ids = new LocalRunIds(() => 1_700_000_000_000);
    const given = [ids.next(), ids.next(), ids.next()];
    expect(given).toEqual([
      LOCAL_RUN_ID_BASE + 1_700_000_000_000,
      LOCAL_RUN_ID_BASE + 1_700_000_000_001,
      LOCAL_RUN_ID_BASE + 1_700_000_000_002,
    ]);
    expect(given.every((id) => Number.isSafeInteger(id))).toBe(true);
  });

  it('never gives an id already in the sync log, even when the clock went back', () => {
    const recorded = LOCAL_RUN_ID_BASE + 1_800_000_000_000;
    const ids = new LocalRunIds(
      () => 1_700_000_000_000,
      () => recorded,
    );
    expect(ids.next()).toBe(recorded + 1);
  });
});
