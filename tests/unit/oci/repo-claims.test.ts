// One run at a time writes into a target repository: another run waits for it, the run's own
// artifacts share its claim, and a waiter that is cancelled leaves the queue.
import { describe, expect, it } from 'vitest';
import { RepoClaims } from '../../../src-main/oci/repo-claims.js';

function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('RepoClaims', () => {
  it('lets one run into a repository at a time, its own tasks together, the next run after it', async () => {
    const claims = new RepoClaims();
    const runA = Symbol('a');
    const runB = Symbol('b');
    const log: string[] = [];
    const a1 = gate();
    const a2 = gate();
    const first = claims.run('reg/ns/app', runA, async () => {
      log.push('a1 in');
      await a1.wait;
      log.push('a1 out');
    });
    const second = claims.run('reg/ns/app', runB, async () => {
      log.push('b in');
    });
    const third = claims.run('reg/ns/app', runA, async () => {
      log.push('a2 in');
      await a2.wait;
      log.push('a2 out');
    });
    const elsewhere = claims.run('reg/ns/other', runB, async () => {
      log.push('b elsewhere');
    });
    await tick();
    expect(log).toEqual(['a1 in', 'a2 in', 'b elsewhere']);
    a1.open();
    await tick();
    expect(log).not.toContain('b in');
    a2.open();
    await Promise.all([first, second, third, elsewhere]);
    expect(log).toEqual(['a1 in', 'a2 in', 'b elsewhere', 'a1 out', 'a2 out', 'b in']);
    expect(claims.held()).toEqual([]);
  });

  it('a cancelled waiter leaves the queue and the claim passes on', async () => {
    const claims = new RepoClaims();
    const held = gate();
    const holder = claims.run('k', Symbol('a'), () => held.wait);
    const abort = new AbortController();
    const cancelled = claims.run('k', Symbol('b'), async () => 'never', abort.signal);
    const next = claims.run('k', Symbol('c'), async () => 'c ran');
    abort.abort(new Error('Cancelled'));
    await expect(cancelled).rejects.toThrow('Cancelled');
    held.open();
    await holder;
    await expect(next).resolves.toBe('c ran');
  });
});
