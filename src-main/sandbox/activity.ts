import { filtersMatch } from './filters.js';
import type { ReplicationEngine } from './replication-engine.js';
import type { SandboxState } from './state.js';
import type { PushInput, SandboxRepository } from './types.js';

/** The next version after the newest semver-like tag (`v1.9.1` → `v1.9.2`, `0.4.1` → `0.4.2`). */
export function nextVersion(repository: SandboxRepository): string {
  const versions = repository.artifacts
    .map((a) => /^(v?)(\d+)\.(\d+)\.(\d+)$/.exec(a.tag))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ prefix: m[1] ?? '', parts: [Number(m[2]), Number(m[3]), Number(m[4])] as const }))
    .sort((a, b) => a.parts[0] - b.parts[0] || a.parts[1] - b.parts[1] || a.parts[2] - b.parts[2]);
  const newest = versions.at(-1);
  if (!newest) return `build-${repository.artifacts.length + 1}`;
  const [major, minor, patch] = newest.parts;
  return `${newest.prefix}${major}.${minor}.${patch + 1}`;
}

/** A push that some enabled rule will pick up, or undefined when no rule has anything to sync. */
export function pickDemoPush(state: SandboxState, random: () => number): PushInput | undefined {
  const candidates: PushInput[] = [];
  for (const rule of state.rules.filter((r) => r.enabled)) {
    const source = state.findInstance(rule.sourceRegistryId)?.instance;
    for (const namespace of source?.namespaces ?? []) {
      for (const repository of namespace.repositories) {
        const kind = repository.artifacts[0]?.kind ?? 'image';
        const push = {
          registryId: rule.sourceRegistryId,
          namespace: namespace.name,
          repository: repository.name,
          tag: nextVersion(repository),
          kind,
        };
        if (filtersMatch(rule.filters, push)) candidates.push(push);
      }
    }
  }
  return candidates[Math.floor(random() * candidates.length)];
}

/** Pushes a new version every `intervalMs`, so runs happen while someone watches the demo. */
export function startActivity(
  intervalMs: number,
  state: SandboxState,
  engine: ReplicationEngine,
  onError: (error: unknown) => void,
  random: () => number = Math.random,
): () => void {
  const timer = setInterval(() => {
    try {
      const push = pickDemoPush(state, random);
      if (push) engine.push(push);
      else engine.settle();
    } catch (error) {
      onError(error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
