// A sandbox world for the refresh benchmark: N accounts, each with instances in the same regions.
import type { SandboxSeed } from '../src-main/sandbox/index.js';

export const BENCH_REGIONS = ['ap-guangzhou', 'ap-shanghai', 'ap-singapore'] as const;

export interface BenchWorld {
  accounts: number;
  regions: number;
  instancesPerRegion: number;
}

/** Deterministic keys and ids (not shaped like a real SecretId: the sandbox takes any id). */
export function benchSeed(world: BenchWorld): SandboxSeed {
  const regions = BENCH_REGIONS.slice(0, world.regions);
  const createdAt = Date.UTC(2026, 0, 1);
  return {
    accounts: Array.from({ length: world.accounts }, (_, a) => {
      const n = String(a + 1).padStart(2, '0');
      return {
        name: `bench-${n}`,
        uin: `1000000000${n}`,
        secretId: `bench-account-${n}-key-id`,
        secretKey: `benchKeyNotASecret${n}`.padEnd(32, '0'),
        instances: regions.flatMap((regionName, r) =>
          Array.from({ length: world.instancesPerRegion }, (_, i) => ({
            registryId: `tcr-b${n}r${r}i${String(i).padStart(2, '0')}`,
            registryName: `bench-${n}-${regionName}-${i}`,
            registryType: 'standard' as const,
            regionName,
            createdAt,
            namespaces: [],
            tokens: [],
          })),
        ),
      };
    }),
    rules: [],
    executions: [],
  };
}
