// The demo's activity generator: each tick pushes the next version of something an enabled rule
// syncs, so a sync run starts while someone watches.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextVersion, pickDemoPush, startActivity } from '../../../src-main/sandbox/activity.js';
import { demoSeed } from '../../../src-main/sandbox/demo-seed.js';
import { filtersMatch } from '../../../src-main/sandbox/filters.js';
import { ReplicationEngine } from '../../../src-main/sandbox/replication-engine.js';
import { SandboxState } from '../../../src-main/sandbox/state.js';
import type { SandboxRepository } from '../../../src-main/sandbox/types.js';

const NOW = Date.UTC(2026, 10, 28);

function repository(tags: string[]): SandboxRepository {
  return {
    name: 'web',
    description: '',
    createdAt: 0,
    artifacts: tags.map((tag, i) => ({
      tag,
      kind: 'image',
      digest: `sha256:${String(i).repeat(64)}`,
      size: 1,
      pushedAt: i,
    })),
  };
}

afterEach(() => vi.useRealTimers());

describe('demo activity', () => {
  it('bumps the patch of the newest version, keeping its prefix', () => {
    expect(nextVersion(repository(['v1.9.0', 'v1.10.2', 'v1.9.9', 'latest']))).toBe('v1.10.3');
    expect(nextVersion(repository(['0.4.1']))).toBe('0.4.2');
    expect(nextVersion(repository(['latest']))).toBe('build-2');
  });

  it('picks only pushes that an enabled rule of the demo will sync', () => {
    const state = new SandboxState(demoSeed(NOW));
    for (const r of [0, 0.25, 0.5, 0.75, 0.99]) {
      const push = pickDemoPush(state, () => r);
      expect(push).toBeDefined();
      const rules = state.rules.filter((x) => x.enabled && x.sourceRegistryId === push!.registryId);
      expect(rules.some((x) => filtersMatch(x.filters, push!))).toBe(true);
    }
  });

  it('starts a sync run on each tick, and stops when told', () => {
    vi.useFakeTimers({ now: NOW });
    const state = new SandboxState(demoSeed(NOW));
    const engine = new ReplicationEngine(state, { now: () => Date.now(), runTimeMs: 1000 });
    const before = state.executions.length;
    const errors: unknown[] = [];
    const stop = startActivity(
      5000,
      state,
      engine,
      (e) => errors.push(e),
      () => 0,
    );
    vi.advanceTimersByTime(5000);
    expect(state.executions.length).toBeGreaterThan(before);
    const afterOne = state.executions.length;
    stop();
    vi.advanceTimersByTime(60_000);
    expect(state.executions.length).toBe(afterOne);
    expect(errors).toEqual([]);
  });
});
