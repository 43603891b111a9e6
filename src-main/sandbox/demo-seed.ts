import { fakeDigest, fakeSize } from './artifact-digest.js';
import { LONGTERM_EXPIRES_AT } from './actions/tokens.js';
import type {
  ArtifactKind,
  RegistryType,
  SandboxArtifact,
  SandboxExecution,
  SandboxInstance,
  SandboxNamespace,
  SandboxRule,
  SandboxSeed,
  SandboxTask,
} from './types.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Demo keys: shaped like Tencent keys (AKID + 32, 32), public on purpose, worthless anywhere else. */
export const DEMO_KEYS = {
  acme: { secretId: 'AKIDSandboxDemoAcmePlatform000000001', secretKey: 'sandboxDemoKeyAcmeNotASecret0001' },
  globex: { secretId: 'AKIDSandboxDemoGlobexAnalytics000002', secretKey: 'sandboxDemoKeyGlobexNotSecret002' },
} as const;

/** The long-term token of globex-main-sg that Acme's cross-account rule was created with. */
export const DEMO_PEER_TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.sandbox-demo-globex-main-sg-longterm.acme-sync';

type RepoSpec = [name: string, kind: ArtifactKind, tags: string[]];

function seedNamespace(name: string, createdAt: number, repos: RepoSpec[], isPublic = false): SandboxNamespace {
  return {
    name,
    public: isPublic,
    createdAt,
    repositories: repos.map(([repo, kind, tags], r) => ({
      name: repo,
      description: '',
      createdAt: createdAt + (r + 1) * HOUR,
      artifacts: tags.map((tag, t): SandboxArtifact => {
        // Same coordinates on two instances share a digest: that is what replication copied.
        const digest = fakeDigest(name.replace('acme-mirror', 'platform').replace('helm', 'charts'), repo, tag);
        const pushedAt = createdAt + (r + 1) * HOUR + (t + 1) * 7 * HOUR;
        return { tag, kind, digest, size: fakeSize(digest, kind), pushedAt };
      }),
    })),
  };
}

function instance(
  registryId: string,
  registryName: string,
  registryType: RegistryType,
  regionName: string,
  createdAt: number,
  namespaces: [name: string, repos: RepoSpec[], isPublic?: boolean][],
): SandboxInstance {
  return {
    registryId,
    registryName,
    registryType,
    regionName,
    createdAt,
    namespaces: namespaces.map(([name, repos, isPublic], i) =>
      seedNamespace(name, createdAt + (i + 1) * DAY, repos, isPublic ?? false),
    ),
    tokens: [],
  };
}

function pastExecution(
  id: number,
  rule: SandboxRule,
  start: number,
  tasks: [src: string, status: 'Succeed' | 'Failed', kind?: ArtifactKind][],
): SandboxExecution {
  const destNamespace = rule.destNamespace;
  const built: SandboxTask[] = tasks.map(([src, status, kind], i) => ({
    jobId: `job-${id * 100 + i}`,
    resourceType: kind ?? 'image',
    srcResource: src,
    dstResource: destNamespace ? src.replace(/^[^/]+/, destNamespace) : src,
    status,
    ...(status === 'Failed' ? { detail: 'the destination registry closed the connection' } : {}),
    startTime: start + 1000,
    endTime: start + 1000 + (i + 1) * 9_000,
  }));
  return {
    id,
    ruleId: rule.id,
    registryId: rule.sourceRegistryId,
    destinationRegistryId: rule.destinationRegistryId,
    status: tasks.some(([, s]) => s === 'Failed') ? 'Failed' : 'Succeed',
    startTime: start,
    endTime: start + 2000 + tasks.length * 9_000,
    tasks: built,
  };
}

/**
 * Two companies: Acme (instances of every edition in Guangzhou, Shanghai and Beijing) and Globex
 * (Singapore, Hong Kong, Shanghai); sync rules in and across them, with a few past runs.
 */
export function demoSeed(now: number = Date.now()): SandboxSeed {
  const since = now - 400 * DAY;
  const acmeProdGz = instance('tcr-8kq3m2zd', 'acme-prod-gz', 'premium', 'ap-guangzhou', since, [
    [
      'platform',
      [
        ['api-gateway', 'image', ['v1.8.0', 'v1.8.1', 'v1.9.0', 'v1.9.1', 'latest']],
        ['auth-service', 'image', ['v2.3.0', 'v2.4.0', 'latest']],
        ['web-console', 'image', ['2026.11.1', '2026.11.2']],
      ],
    ],
    [
      'charts',
      [
        ['ingress-stack', 'chart', ['0.3.0', '0.4.0', '0.4.1']],
        ['observability', 'chart', ['1.2.0', '1.3.0']],
      ],
    ],
    [
      'base',
      [
        ['alpine', 'image', ['3.19', '3.20']],
        ['node', 'image', ['20-alpine', '22-alpine']],
      ],
      true,
    ],
  ]);
  const acmeProdSh = instance('tcr-5hv7p1wc', 'acme-prod-sh', 'standard', 'ap-shanghai', since + 30 * DAY, [
    [
      'platform',
      [
        ['api-gateway', 'image', ['v1.8.0', 'v1.8.1', 'v1.9.0']],
        ['auth-service', 'image', ['v2.3.0']],
      ],
    ],
  ]);
  // Shanghai keeps its release tags immutable; its v1.9.0 of the gateway predates Guangzhou's
  // rebuild, so the rule that overwrites (platform-to-shanghai) would fail on it: the preview says so.
  acmeProdSh.immutableRules = [
    {
      id: 1,
      namespace: 'platform',
      repositoryPattern: '**',
      repositoryDecoration: 'repoMatches',
      tagPattern: 'v*',
      tagDecoration: 'matches',
      disabled: false,
    },
  ];
  const shGateway = acmeProdSh.namespaces[0]?.repositories.find((r) => r.name === 'api-gateway');
  const shV190 = shGateway?.artifacts.find((a) => a.tag === 'v1.9.0');
  if (shV190) shV190.digest = fakeDigest('platform', 'api-gateway', 'v1.9.0', 'before the rebuild');
  acmeProdSh.tokens.push({
    id: 'c9ot2m4a8sd3k1vq0e7b',
    token: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.sandbox-demo-acme-prod-sh-longterm.ci',
    username: 'tcr$c9ot2m4a8sd3k1vq0e7b',
    desc: 'CI docker login',
    kind: 'longterm',
    enabled: true,
    createdAt: since + 40 * DAY,
    expiresAt: LONGTERM_EXPIRES_AT,
  });
  const acmeDrBj = instance('tcr-2nf9x4rb', 'acme-dr-bj', 'standard', 'ap-beijing', since + 60 * DAY, [
    ['helm', [['ingress-stack', 'chart', ['0.3.0', '0.4.0']]]],
  ]);
  const acmeDevGz = instance('tcr-7tz4c8ye', 'acme-dev-gz', 'basic', 'ap-guangzhou', since + 90 * DAY, [
    ['sandbox', [['experiments', 'image', ['dev-1', 'dev-2']]]],
  ]);

  const globexMainSg = instance('tcr-4pw6j9ks', 'globex-main-sg', 'premium', 'ap-singapore', since + 10 * DAY, [
    ['acme-mirror', [['api-gateway', 'image', ['v1.9.0']]]],
    [
      'data',
      [
        ['ingest-worker', 'image', ['v0.9.0', 'v1.0.0']],
        ['dashboards', 'chart', ['2.0.0']],
      ],
    ],
  ]);
  globexMainSg.tokens.push(
    {
      id: 'b7hq1x5n3pz8w2ke4c6d',
      token: DEMO_PEER_TOKEN,
      username: 'tcr$b7hq1x5n3pz8w2ke4c6d',
      desc: 'acme-sync (push only)',
      kind: 'longterm',
      enabled: true,
      createdAt: since + 100 * DAY,
      expiresAt: LONGTERM_EXPIRES_AT,
    },
    {
      id: 'a2mv8r6t0yk4j9sd1f3g',
      token: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.sandbox-demo-globex-main-sg-longterm.old-ci',
      username: 'tcr$a2mv8r6t0yk4j9sd1f3g',
      desc: 'old CI pipeline',
      kind: 'longterm',
      enabled: false,
      createdAt: since + 20 * DAY,
      expiresAt: LONGTERM_EXPIRES_AT,
    },
    {
      id: 'e5wc3l7u9ib1o6ng2h8j',
      token: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.sandbox-demo-globex-main-sg-longterm.migration',
      username: 'tcr$e5wc3l7u9ib1o6ng2h8j',
      desc: 'registry migration (expired)',
      kind: 'longterm',
      enabled: true,
      createdAt: since + 15 * DAY,
      expiresAt: now - 30 * DAY,
    },
  );
  const globexEdgeHk = instance('tcr-9dm2r5qa', 'globex-edge-hk', 'basic', 'ap-hongkong', since + 50 * DAY, [
    ['edge', [['cdn-purger', 'image', ['v1.0.0']]]],
  ]);
  const globexAnalyticsSh = instance(
    'tcr-3bx8v6nh',
    'globex-analytics-sh',
    'standard',
    'ap-shanghai',
    since + 70 * DAY,
    [['data', [['ingest-worker', 'image', ['v1.0.0']]]]],
  );

  const ruleAt = now - 10 * DAY;
  const rule = (r: Omit<SandboxRule, 'createdAt' | 'updatedAt' | 'description'> & { description?: string }) => ({
    description: '',
    ...r,
    createdAt: ruleAt + r.id * HOUR,
    updatedAt: ruleAt + r.id * HOUR,
  });
  const rules: SandboxRule[] = [
    rule({
      id: 1,
      sourceRegistryId: acmeProdGz.registryId,
      destinationRegistryId: acmeProdSh.registryId,
      name: 'platform-to-shanghai',
      description: '平台服务镜像同步到上海生产',
      destNamespace: '',
      override: true,
      deletion: false,
      enabled: true,
      filters: [
        { Type: 'name', Value: 'platform/**' },
        { Type: 'tag', Value: '' },
        { Type: 'resource', Value: 'image' },
      ],
    }),
    rule({
      id: 2,
      sourceRegistryId: acmeProdGz.registryId,
      destinationRegistryId: acmeDrBj.registryId,
      name: 'charts-to-beijing-dr',
      description: 'Helm charts to the Beijing disaster-recovery instance',
      destNamespace: 'helm',
      override: false,
      deletion: true,
      enabled: true,
      filters: [
        { Type: 'name', Value: 'charts/**' },
        { Type: 'resource', Value: 'chart' },
      ],
    }),
    rule({
      id: 3,
      sourceRegistryId: acmeProdGz.registryId,
      destinationRegistryId: globexMainSg.registryId,
      name: 'release-to-globex',
      description: 'Released gateway versions for our partner Globex',
      destNamespace: 'acme-mirror',
      override: false,
      deletion: false,
      enabled: true,
      filters: [
        { Type: 'name', Value: 'platform/api-gateway' },
        { Type: 'tag', Value: 'v*' },
        { Type: 'resource', Value: 'image' },
      ],
      peer: { uin: '200087654321', token: DEMO_PEER_TOKEN },
    }),
    rule({
      id: 4,
      sourceRegistryId: acmeProdSh.registryId,
      destinationRegistryId: acmeDrBj.registryId,
      name: 'base-images-to-dr',
      destNamespace: '',
      override: false,
      deletion: false,
      enabled: false,
      filters: [
        { Type: 'name', Value: 'base/**' },
        { Type: 'tag', Value: '{20,22}-alpine' },
      ],
    }),
    rule({
      id: 5,
      sourceRegistryId: globexMainSg.registryId,
      destinationRegistryId: globexAnalyticsSh.registryId,
      name: 'ingest-to-shanghai',
      destNamespace: '',
      override: true,
      deletion: false,
      enabled: true,
      filters: [{ Type: 'name', Value: 'data/ingest-*' }],
    }),
  ];
  const [platformRule, chartsRule, globexRule, , ingestRule] = rules as [
    SandboxRule,
    SandboxRule,
    SandboxRule,
    SandboxRule,
    SandboxRule,
  ];
  const executions = [
    pastExecution(1, platformRule, now - 3 * DAY, [
      ['platform/api-gateway:v1.8.1', 'Succeed'],
      ['platform/auth-service:v2.3.0', 'Succeed'],
    ]),
    pastExecution(2, chartsRule, now - 2 * DAY, [
      ['charts/ingress-stack:0.4.0', 'Succeed', 'chart'],
      ['charts/ingress-stack:0.4.1', 'Failed', 'chart'],
    ]),
    pastExecution(3, platformRule, now - DAY, [['platform/api-gateway:v1.9.0', 'Succeed']]),
    pastExecution(4, globexRule, now - 20 * HOUR, [['platform/api-gateway:v1.9.0', 'Succeed']]),
    pastExecution(5, ingestRule, now - 6 * HOUR, [['data/ingest-worker:v1.0.0', 'Succeed']]),
  ];

  return {
    accounts: [
      {
        name: 'Acme Platform',
        uin: '100012345678',
        ...DEMO_KEYS.acme,
        instances: [acmeProdGz, acmeProdSh, acmeDrBj, acmeDevGz],
      },
      {
        name: 'Globex Analytics',
        uin: '200087654321',
        ...DEMO_KEYS.globex,
        instances: [globexMainSg, globexEdgeHk, globexAnalyticsSh],
      },
    ],
    rules,
    executions,
  };
}
