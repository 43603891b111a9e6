// The rule preview service over a fake cloud: what it asks the cloud (and what it does not ask
// again), two previews at once, Cancel, progress, and errors as the user sees them.
import { describe, expect, it } from 'vitest';
import type { InstanceRow, ProfileView, RuleDraft, RuleRow } from '../../../../src-main/contract/index.js';
import type { CloudErrorView } from '../../../../src-main/contract/index.js';
import type {
  CloudTarget,
  ImmutableTagRule,
  PreviewArtifact,
  PreviewReader,
  RepositoryRef,
} from '../../../../src-main/services/rules/preview-port.js';
import { RulePreviewService, type PreviewQuery } from '../../../../src-main/services/rules/rule-preview.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { deferred } from '../fakes/fake-cloud.js';
import { failureOf } from '../fakes/failure-of.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { idFor } from '../fakes/profile-stack.js';

const ACME = idFor(1);
const GLOBEX = idFor(2);

function profile(id: string, name: string): ProfileView {
  return {
    id,
    name,
    uin: '1',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID****',
    source: 'manual',
    createdAt: '',
    updatedAt: '',
    keysUpdatedAt: '',
  };
}

function instanceRow(profileId: string, registryId: string, regionName: string): InstanceRow {
  return {
    profileId,
    registryId,
    name: registryId,
    regionId: 1,
    regionName,
    status: 'Running',
    spec: 'premium',
    publicDomain: '',
    createdAt: '',
  };
}

class Failure extends Error {
  constructor(readonly view: CloudErrorView) {
    super(view.message);
  }
}

/** Instances by registry id: repositories with their tags, and immutable-tag rules. */
class FakePreviewCloud implements PreviewReader {
  readonly calls: string[] = [];
  readonly data = new Map<string, { repos: Map<string, PreviewArtifact[]>; immutable: ImmutableTagRule[] }>();
  /** Held calls: a call whose key is here waits for the promise. */
  readonly holds = new Map<string, Promise<void>>();
  readonly failures = new Map<string, CloudErrorView>();

  set(registryId: string, repos: Record<string, [string, string][]>, immutable: ImmutableTagRule[] = []): void {
    this.data.set(registryId, {
      repos: new Map(
        Object.entries(repos).map(([name, tags]) => [
          name,
          tags.map(([tag, digest]) => ({ tag, digest, kind: 'image' })),
        ]),
      ),
      immutable,
    });
  }

  async #call<T>(key: string, target: CloudTarget, signal: AbortSignal | undefined, answer: () => T): Promise<T> {
    this.calls.push(`${key}@${target.region}`);
    const hold = this.holds.get(key);
    if (hold) {
      await new Promise<void>((resolve, reject) => {
        signal?.addEventListener(
          'abort',
          () => {
            this.calls.push(`aborted ${key}`);
            reject(new Error('aborted'));
          },
          { once: true },
        );
        void hold.then(resolve);
      });
    }
    const failure = this.failures.get(key);
    if (failure) throw new Failure(failure);
    return answer();
  }

  repositories(
    target: CloudTarget,
    registryId: string,
    namespace: string | undefined,
    signal?: AbortSignal,
  ): Promise<RepositoryRef[]> {
    return this.#call(`repos ${registryId}${namespace ? ` ${namespace}` : ''}`, target, signal, () => {
      const all = [...(this.data.get(registryId)?.repos.keys() ?? [])].map((name) => {
        const [ns = '', ...rest] = name.split('/');
        return { namespace: ns, repository: rest.join('/') };
      });
      if (namespace === undefined) return all;
      const inside = all.filter((r) => r.namespace === namespace);
      if (inside.length === 0)
        throw new Failure({ code: 'ResourceNotFound', message: 'no namespace', kind: 'notFound' });
      return inside;
    });
  }

  images(
    target: CloudTarget,
    registryId: string,
    ref: RepositoryRef,
    signal?: AbortSignal,
  ): Promise<PreviewArtifact[]> {
    const name = `${ref.namespace}/${ref.repository}`;
    return this.#call(
      `images ${registryId} ${name}`,
      target,
      signal,
      () => this.data.get(registryId)?.repos.get(name) ?? [],
    );
  }

  immutableRules(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<ImmutableTagRule[]> {
    return this.#call(`immutable ${registryId}`, target, signal, () => this.data.get(registryId)?.immutable ?? []);
  }

  describeError(error: unknown): CloudErrorView {
    if (error instanceof Failure) return error.view;
    return { code: 'Unknown', message: String(error), kind: 'other' };
  }
}

function row(over: Partial<RuleRow> = {}): RuleRow {
  return {
    profileId: ACME,
    source: { registryId: 'tcr-src', name: 'src', regionId: 1, regionName: 'ap-guangzhou' },
    policyId: 1,
    name: 'platform-sync',
    description: '',
    filters: [{ type: 'name', value: 'platform/**' }],
    override: true,
    enabled: true,
    target: {
      raw: 'tcr-dst',
      registryId: 'tcr-dst',
      name: 'dst',
      regionId: 4,
      regionName: 'ap-shanghai',
      profileId: ACME,
    },
    sourceResource: 'tcr-src',
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

function setup(rows: RuleRow[] = [row()]) {
  const cloud = new FakePreviewCloud();
  cloud.set('tcr-src', {
    'platform/api': [
      ['v1', 'sha256:1'],
      ['v2', 'sha256:2'],
    ],
    'platform/web': [['v1', 'sha256:w']],
    'other/tool': [['v1', 'sha256:t']],
  });
  cloud.set(
    'tcr-dst',
    {
      'platform/api': [
        ['v1', 'sha256:1'],
        ['v2', 'sha256:OLD'],
        ['v0', 'sha256:0'],
      ],
    },
    [
      {
        namespace: 'platform',
        repositoryPattern: '**',
        repositoryDecoration: 'repoMatches',
        tagPattern: 'v2',
        tagDecoration: 'matches',
        disabled: false,
      },
    ],
  );
  const events = new EventHub();
  const progress: { requestId: string; side: string; listed: number; total: number }[] = [];
  events.on('rules:previewProgress', (p) => progress.push(p));
  const clock = new FakeClock();
  const service = new RulePreviewService({
    profiles: { list: () => [profile(ACME, 'acme'), profile(GLOBEX, 'globex')] },
    targets: { targetFor: async (p) => ({ profileId: p.id, endpoint: 'e', region: p.region }) },
    instances: {
      view: () => ({
        rows: [
          instanceRow(ACME, 'tcr-src', 'ap-guangzhou'),
          instanceRow(ACME, 'tcr-dst', 'ap-shanghai'),
          instanceRow(GLOBEX, 'tcr-globex', 'ap-singapore'),
        ],
        profiles: [],
        refreshing: false,
      }),
    },
    rules: {
      rowOf: (profileId, registryId, ruleName) =>
        rows.find((r) => r.profileId === profileId && r.source.registryId === registryId && r.name === ruleName),
    },
    reader: cloud,
    events,
    clock,
    concurrency: 2,
  });
  return { cloud, service, progress, clock };
}

const ruleQuery = (over: Partial<PreviewQuery> = {}): PreviewQuery => ({
  rule: { profileId: ACME, registryId: 'tcr-src', ruleName: 'platform-sync' },
  ...over,
});

function draft(over: Partial<RuleDraft> = {}): RuleDraft {
  return {
    profileId: ACME,
    registryId: 'tcr-src',
    name: 'new-rule',
    description: '',
    selection: { kind: 'console', namespace: 'platform', repository: 'api', tag: '', resource: '' },
    target: { mode: 'sameAccount', registryId: 'tcr-dst' },
    destNamespace: '',
    override: false,
    deletion: false,
    ...over,
  };
}

const outcomes = (preview: Awaited<ReturnType<RulePreviewService['preview']>>) =>
  Object.fromEntries(
    preview.repositories.flatMap((r) => r.tags.map((t) => [`${r.repository}:${t.tag}`, `${t.state}/${t.outcome}`])),
  );

describe('RulePreviewService', () => {
  it("previews an existing rule against its target in the instances' regions, asking only for the selected repositories", async () => {
    const { cloud, service } = setup();
    const preview = await service.preview(ruleQuery());
    expect(outcomes(preview)).toEqual({
      'api:v1': 'same/unchanged',
      'api:v2': 'different/fail-immutable',
      'web:v1': 'new/copy',
    });
    expect(preview).toMatchObject({
      targetCompared: true,
      deletion: null,
      destNamespaceKnown: false,
      // The name filter names one namespace: only it was listed.
      sourceRepositories: 2,
      listedNamespace: 'platform',
      counts: { repositories: 2, tags: 3, failImmutable: 1, deletions: 1 },
    });
    expect(preview.repositories[0]?.deletions.map((d) => d.tag)).toEqual(['v0']);
    expect(cloud.calls).toContain('repos tcr-src platform@ap-guangzhou');
    expect(cloud.calls).not.toContain('repos tcr-src@ap-guangzhou');
    expect(cloud.calls).not.toContain('images tcr-src other/tool@ap-guangzhou');
    expect(cloud.calls).toContain('images tcr-dst platform/api@ap-shanghai');
    // The target has no platform/web: its tags are not asked for.
    expect(cloud.calls).not.toContain('images tcr-dst platform/web@ap-shanghai');
  });

  it('a namespace the cloud does not know is looked for in the whole list: nothing selected', async () => {
    const { cloud, service } = setup([row({ filters: [{ type: 'name', value: 'nowhere/**' }] })]);
    const preview = await service.preview(ruleQuery());
    expect(preview.repositories).toEqual([]);
    expect(cloud.calls.filter((c) => c.startsWith('repos tcr-src'))).toEqual([
      'repos tcr-src nowhere@ap-guangzhou',
      'repos tcr-src@ap-guangzhou',
    ]);
    // Once the whole list is known, a namespace is taken from it without asking again.
    const again = await service.preview({ draft: draft() });
    expect(again.counts.tags).toBe(2);
    expect(cloud.calls.filter((c) => c.startsWith('repos tcr-src'))).toHaveLength(2);
  });

  it('an unknown rule is NOT_FOUND', async () => {
    const { service } = setup();
    const error = await failureOf(
      service.preview({ rule: { profileId: ACME, registryId: 'tcr-src', ruleName: 'nope' } }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });

  it('keeps what it listed for the session; refresh lists again', async () => {
    const { cloud, service, clock } = setup();
    const first = await service.preview(ruleQuery());
    const asked = cloud.calls.length;
    clock.advance(60_000);
    const second = await service.preview(ruleQuery());
    expect(cloud.calls.length).toBe(asked);
    expect(second.fetchedAt).toBe(first.fetchedAt);
    cloud.set('tcr-src', { 'platform/api': [['v3', 'sha256:3']] });
    const third = await service.preview(ruleQuery({ refresh: true }));
    expect(cloud.calls.length).toBeGreaterThan(asked);
    expect(third.fetchedAt).toBe(clock.iso());
    expect(outcomes(third)).toEqual({ 'api:v3': 'new/copy' });
  });

  it('two previews at once list the instance once and both answer', async () => {
    const { cloud, service } = setup();
    const gate = deferred();
    cloud.holds.set('repos tcr-src platform', gate.promise);
    const a = service.preview(ruleQuery({ requestId: idFor(10) }));
    const b = service.preview({ draft: draft(), requestId: idFor(11) });
    await new Promise((resolve) => setTimeout(resolve, 10));
    gate.resolve();
    const [pa, pb] = await Promise.all([a, b]);
    expect(cloud.calls.filter((c) => c.startsWith('repos tcr-src'))).toHaveLength(1);
    expect(cloud.calls.filter((c) => c.startsWith('images tcr-src platform/api'))).toHaveLength(1);
    expect(pa.counts.tags).toBe(3);
    expect(pb.counts.tags).toBe(2);
  });

  it('Cancel ends one preview at once; another waiting on the same listing still gets its answer', async () => {
    const { cloud, service } = setup();
    const gate = deferred();
    cloud.holds.set('images tcr-src platform/api', gate.promise);
    const a = service.preview(ruleQuery({ requestId: idFor(20) }));
    const b = service.preview(ruleQuery({ requestId: idFor(21) }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    service.cancel(idFor(20));
    const error = await failureOf(a);
    expect(error.code).toBe('CLOUD');
    expect(error.cloud?.kind).toBe('cancelled');
    // b still waits for that listing: it goes on.
    expect(cloud.calls).not.toContain('aborted images tcr-src platform/api');
    gate.resolve();
    expect((await b).counts.tags).toBe(3);
  });

  it('a cancelled listing nobody waits for is not kept: the next preview asks again', async () => {
    const { cloud, service } = setup();
    const gate = deferred();
    cloud.holds.set('repos tcr-src platform', gate.promise);
    const a = service.preview(ruleQuery({ requestId: idFor(30) }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    service.cancel();
    expect((await failureOf(a)).cloud?.kind).toBe('cancelled');
    // The call itself was aborted, not left running.
    expect(cloud.calls).toContain('aborted repos tcr-src platform');
    cloud.holds.clear();
    await service.preview(ruleQuery());
    expect(cloud.calls.filter((c) => c.startsWith('repos tcr-src'))).toHaveLength(2);
  });

  it("a failed source listing is the cloud's error with its RequestId; a failed target only skips the comparison", async () => {
    const { cloud, service } = setup();
    const refused: CloudErrorView = {
      code: 'AuthFailure.UnauthorizedOperation',
      message: 'not allowed',
      kind: 'permission',
      action: 'DescribeImages',
      requestId: 'req-123',
    };
    cloud.failures.set('immutable tcr-dst', refused);
    const preview = await service.preview(ruleQuery());
    expect(preview).toMatchObject({ targetCompared: false, targetSkipped: 'targetError', targetError: refused });
    expect(outcomes(preview)['api:v2']).toBe('unknown/copy');

    cloud.failures.set('images tcr-src platform/web', refused);
    const error = await failureOf(service.preview(ruleQuery({ refresh: true })));
    expect(error.code).toBe('CLOUD');
    expect(error.toAppError()).toMatchObject({
      requestId: 'req-123',
      cloud: { code: 'AuthFailure.UnauthorizedOperation' },
    });
  });

  it("a draft: the console's fields as filters, its override, dest namespace and sync deletions", async () => {
    const { service } = setup();
    const off = await service.preview({ draft: draft() });
    expect(off.filters).toEqual([
      { type: 'name', value: 'platform/api' },
      { type: 'tag', value: '' },
      { type: 'resource', value: '' },
    ]);
    expect(outcomes(off)).toEqual({ 'api:v1': 'same/unchanged', 'api:v2': 'different/keep' });
    expect(off.counts.deletions).toBe(0);
    const on = await service.preview({ draft: draft({ deletion: true, destNamespace: 'mirror' }) });
    expect(on).toMatchObject({ deletion: true, destNamespace: 'mirror', destNamespaceKnown: true });
    expect(outcomes(on)).toEqual({ 'api:v1': 'new/copy', 'api:v2': 'new/copy' });
  });

  it('a draft to an account the app has no profile for shows the source only, saying why', async () => {
    const { cloud, service } = setup();
    const preview = await service.preview({
      draft: draft({ target: { mode: 'paste', registryId: 'tcr-far', uin: '3', token: 'x' } }),
    });
    expect(preview).toMatchObject({
      targetCompared: false,
      targetSkipped: 'otherAccount',
      target: { registryId: 'tcr-far' },
    });
    expect(cloud.calls.some((c) => c.includes('tcr-far'))).toBe(false);
    const raw = await service.preview({
      draft: draft({
        selection: { kind: 'raw', filters: [{ type: 'name', value: '**' }] },
        target: { mode: 'otherProfile', profileId: GLOBEX, registryId: 'tcr-globex' },
      }),
    });
    expect(raw.counts.repositories).toBe(3);
    expect(raw.targetCompared).toBe(true);
    expect(cloud.calls).toContain('repos tcr-globex@ap-singapore');
  });

  it('reports progress: repositories listed of how many, per side', async () => {
    const { service, progress } = setup();
    await service.preview(ruleQuery({ requestId: idFor(40) }));
    const source = progress.filter((p) => p.requestId === idFor(40) && p.side === 'source');
    expect(source[0]).toMatchObject({ listed: 0, total: 2 });
    expect(source.at(-1)).toMatchObject({ listed: 2, total: 2 });
    expect(progress.some((p) => p.side === 'target' && p.listed === 1 && p.total === 1)).toBe(true);
  });
});
