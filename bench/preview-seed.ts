// A sandbox world for the preview benchmark: one account with a source instance of
// namespaces × repositories × tags (10,000 × 20 by default) and a target instance holding part of
// one namespace (some tags the same, some rebuilt), with an immutable-tag rule over its v1.1* tags.
import { createHash } from 'node:crypto';
import type { SandboxSeed } from '../src-main/sandbox/index.js';

export interface PreviewWorld {
  namespaces: number;
  repositoriesPerNamespace: number;
  tagsPerRepository: number;
}

export const BENCH_KEYS = {
  // Not shaped like a real SecretId (AKID…): the sandbox takes any id, and scanners stay quiet.
  secretId: 'bench-preview-account-key-id-0001',
  secretKey: 'benchPreviewKeyNotASecret0000001',
};
export const SOURCE_ID = 'tcr-benchsrc';
export const TARGET_ID = 'tcr-benchdst';
export const REGION = 'ap-guangzhou';

const digest = (...parts: (string | number)[]) =>
  `sha256:${createHash('sha256').update(parts.join('\0')).digest('hex')}`;

export const namespaceName = (n: number) => `team-${String(n).padStart(3, '0')}`;
export const repositoryName = (r: number) => `svc-${String(r).padStart(4, '0')}`;
export const tagName = (t: number) => `v1.${String(t)}.0`;

/** The source's repositories and tags, exactly as the seed holds them (for matching in memory). */
export function sourceRepositories(world: PreviewWorld) {
  return Array.from({ length: world.namespaces }, (_, n) =>
    Array.from({ length: world.repositoriesPerNamespace }, (_, r) => ({
      namespace: namespaceName(n),
      repository: repositoryName(r),
      artifacts: Array.from({ length: world.tagsPerRepository }, (_, t) => ({
        tag: tagName(t),
        digest: digest(n, r, t),
        kind: t % 10 === 9 ? 'chart' : 'image',
      })),
    })),
  ).flat();
}

/** The namespace the benchmark's rule syncs, and which the target partly holds. */
export const SELECTED_NAMESPACE = 42;

export function previewSeed(world: PreviewWorld): SandboxSeed {
  const createdAt = Date.UTC(2026, 0, 1);
  const source = sourceRepositories(world);
  const byNamespace = new Map<string, typeof source>();
  for (const repo of source) byNamespace.set(repo.namespace, [...(byNamespace.get(repo.namespace) ?? []), repo]);
  const selected = namespaceName(SELECTED_NAMESPACE % world.namespaces);
  const half = (byNamespace.get(selected) ?? []).filter((_, r) => r % 2 === 0);
  return {
    accounts: [
      {
        name: 'bench-preview',
        uin: '100000000099',
        ...BENCH_KEYS,
        instances: [
          {
            registryId: SOURCE_ID,
            registryName: 'bench-source',
            registryType: 'premium',
            regionName: REGION,
            createdAt,
            tokens: [],
            namespaces: [...byNamespace].map(([name, repos]) => ({
              name,
              public: false,
              createdAt,
              repositories: repos.map((repo, r) => ({
                name: repo.repository,
                description: '',
                createdAt: createdAt + r,
                artifacts: repo.artifacts.map((a) => ({
                  tag: a.tag,
                  kind: a.kind === 'chart' ? ('chart' as const) : ('image' as const),
                  digest: a.digest,
                  size: 1000,
                  pushedAt: createdAt + r,
                })),
              })),
            })),
          },
          {
            registryId: TARGET_ID,
            registryName: 'bench-target',
            registryType: 'premium',
            regionName: REGION,
            createdAt,
            tokens: [],
            immutableRules: [
              {
                id: 1,
                namespace: selected,
                repositoryPattern: '**',
                repositoryDecoration: 'repoMatches',
                tagPattern: 'v1.1*',
                tagDecoration: 'matches',
                disabled: false,
              },
            ],
            namespaces: [
              {
                name: selected,
                public: false,
                createdAt,
                repositories: half.map((repo, r) => ({
                  name: repo.repository,
                  description: '',
                  createdAt,
                  // Half the tags; every third one rebuilt since (another digest); one gone from the source.
                  artifacts: [
                    ...repo.artifacts
                      .filter((_, t) => t % 2 === 0)
                      .map((a, t) => ({
                        tag: a.tag,
                        kind: a.kind === 'chart' ? ('chart' as const) : ('image' as const),
                        digest: t % 3 === 0 ? digest('rebuilt', r, t) : a.digest,
                        size: 1000,
                        pushedAt: createdAt,
                      })),
                    {
                      tag: 'v0.9.0',
                      kind: 'image' as const,
                      digest: digest('old', r),
                      size: 1000,
                      pushedAt: createdAt,
                    },
                  ],
                })),
              },
            ],
          },
        ],
      },
    ],
    rules: [],
    executions: [],
  };
}
