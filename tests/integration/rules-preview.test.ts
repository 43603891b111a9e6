// "What would this rule sync right now?" through the app's router, against the real sandbox over
// the real SDK: the demo's immutable tag seen as a failure to come, an artifact pushed through the
// sandbox seen in the preview (new, then same once the rule ran), a cross-account rule compared
// with the other profile's instance, a draft, and the cloud's errors with their RequestId.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppError, Channel, InputOf, OutputOf, RulePreview } from '../../src-main/contract/index.js';
import { createAppCore, type AppCore } from '../../src-main/app/create-app.js';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { instanceNamed } from './helpers/sandbox-sdk.js';
import { WORKER_PATH } from './helpers/worker-path.js';

const RUN_TIME_MS = 200;
let sandbox: RunningSandbox;
let dir: string;
const cores: AppCore[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, runTimeMs: RUN_TIME_MS });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  await control('faults', []);
  for (const core of cores.splice(0)) await core.stop();
  await rm(dir, { recursive: true, force: true });
});

type Call = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<OutputOf<C>>;

async function app(): Promise<{ call: Call; failure: (c: Promise<unknown>) => Promise<AppError> }> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tcr-preview-'));
  const core = createAppCore({
    userDataDir: dir,
    host: 'browser',
    systemLocale: 'en-US',
    version: 'test',
    keychainWorkerPath: WORKER_PATH,
    tccliDir: path.join(dir, 'tccli'),
    isTrustedSender: () => true,
    startSandbox: async () => ({ ...sandbox, close: async () => undefined }),
  });
  cores.push(core);
  await core.start();
  const call: Call = async (channel, input) => {
    const result = await core.router.call(channel, input, { origin: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { appError: result.error });
    return result.value;
  };
  const failure = async (promise: Promise<unknown>): Promise<AppError> => {
    try {
      await promise;
    } catch (error) {
      return (error as { appError: AppError }).appError;
    }
    throw new Error('it did not fail');
  };
  return { call, failure };
}

async function control(endpoint: string, body: unknown) {
  const response = await fetch(`${sandbox.endpoint}/__sandbox/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Both demo accounts as profiles, and their rules listed. */
async function demo(call: Call): Promise<Map<string, string>> {
  const added = await call('sandbox:addAccounts', undefined);
  await call('rules:refresh', {});
  return new Map(added.map((p) => [p.uin, p.id]));
}

function tagOf(preview: RulePreview, repository: string, tag: string) {
  return preview.repositories.find((r) => r.repository === repository)?.tags.find((t) => t.tag === tag);
}

const ACME = '100012345678';
const GLOBEX = '200087654321';

describe('rules:preview', () => {
  it("shows the demo's immutable tag as a failure to come, and a pushed artifact as new, then the same once synced", async () => {
    const { call } = await app();
    const profiles = await demo(call);
    const gz = instanceNamed(sandbox, 'acme-prod-gz').registryId;
    const rule = { profileId: profiles.get(ACME) ?? '', registryId: gz, ruleName: 'platform-to-shanghai' };

    const first = await call('rules:preview', { rule });
    expect(first).toMatchObject({ targetCompared: true, override: true, deletion: null, destNamespaceKnown: false });
    expect(first.repositories.map((r) => r.repository)).toEqual(['api-gateway', 'auth-service', 'web-console']);
    expect(tagOf(first, 'api-gateway', 'v1.9.0')).toMatchObject({ state: 'different', outcome: 'fail-immutable' });
    expect(tagOf(first, 'api-gateway', 'v1.8.0')).toMatchObject({ state: 'same', outcome: 'unchanged' });
    expect(tagOf(first, 'api-gateway', 'latest')).toMatchObject({ state: 'new', outcome: 'copy' });
    expect(first.counts.failImmutable).toBe(1);

    // Pushed while the rule is disabled, so nothing syncs it yet: the preview (refreshed) shows it new.
    await call('rules:setEnabled', { ...rule, enabled: false });
    const pushed = await control('push', {
      registryId: gz,
      namespace: 'platform',
      repository: 'api-gateway',
      tag: 'v5.0.0',
      kind: 'image',
    });
    expect(pushed.status).toBe(200);
    const cached = await call('rules:preview', { rule });
    expect(tagOf(cached, 'api-gateway', 'v5.0.0')).toBeUndefined();
    expect(cached.fetchedAt).toBe(first.fetchedAt);
    const fresh = await call('rules:preview', { rule, refresh: true });
    expect(tagOf(fresh, 'api-gateway', 'v5.0.0')).toMatchObject({ state: 'new', outcome: 'copy' });

    // Enabled and pushed again (same digest): the rule runs, and the preview then says "same".
    await call('rules:setEnabled', { ...rule, enabled: true });
    const digest = tagOf(fresh, 'api-gateway', 'v5.0.0')?.digest;
    const again = await control('push', {
      registryId: gz,
      namespace: 'platform',
      repository: 'api-gateway',
      tag: 'v5.0.0',
      kind: 'image',
      digest,
    });
    // This rule's run, and release-to-globex's (it takes v* of the gateway too).
    expect(again.body.executionIds).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, RUN_TIME_MS + 100));
    // The run ends when the sandbox is next asked anything: the preview's own calls.
    const synced = await call('rules:preview', { rule, refresh: true });
    expect(tagOf(synced, 'api-gateway', 'v5.0.0')).toMatchObject({ state: 'same', outcome: 'unchanged' });
  });

  it('the immutable tag is refused on the target, as the preview said', async () => {
    const sh = instanceNamed(sandbox, 'acme-prod-sh').registryId;
    const refused = await control('push', {
      registryId: sh,
      namespace: 'platform',
      repository: 'api-gateway',
      tag: 'v1.9.0',
      kind: 'image',
      digest: `sha256:${'c'.repeat(64)}`,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'FailedOperation.TagImmutable' } });
  });

  it("compares a cross-account rule with the other profile's instance, in its own namespace", async () => {
    const { call } = await app();
    const profiles = await demo(call);
    const preview = await call('rules:preview', {
      rule: {
        profileId: profiles.get(ACME) ?? '',
        registryId: instanceNamed(sandbox, 'acme-prod-gz').registryId,
        ruleName: 'release-to-globex',
      },
    });
    expect(preview).toMatchObject({
      targetCompared: true,
      target: { profileId: profiles.get(GLOBEX), registryId: instanceNamed(sandbox, 'globex-main-sg').registryId },
    });
    // The cloud does not list the destination namespace: the same name (platform) is assumed,
    // where Globex has nothing: every selected tag is new.
    expect(preview.repositories.map((r) => r.targetNamespace)).toEqual(['platform']);
    expect(preview.repositories[0]?.tags.every((t) => t.state === 'new')).toBe(true);
  });

  it('a draft into a named namespace, with sync deletions; a pasted account is not compared', async () => {
    const { call } = await app();
    const profiles = await demo(call);
    const acme = profiles.get(ACME) ?? '';
    const globex = profiles.get(GLOBEX) ?? '';
    const draft = {
      profileId: acme,
      registryId: instanceNamed(sandbox, 'acme-prod-gz').registryId,
      name: 'gateway-to-globex',
      description: '',
      selection: {
        kind: 'console' as const,
        namespace: 'platform',
        repository: 'api-gateway',
        tag: 'v*',
        resource: 'image' as const,
      },
      target: {
        mode: 'otherProfile' as const,
        profileId: globex,
        registryId: instanceNamed(sandbox, 'globex-main-sg').registryId,
      },
      destNamespace: 'acme-mirror',
      override: false,
      deletion: true,
    };
    const preview = await call('rules:preview', { draft });
    expect(preview).toMatchObject({ targetCompared: true, deletion: true, destNamespace: 'acme-mirror' });
    expect(tagOf(preview, 'api-gateway', 'v1.9.0')).toMatchObject({ state: 'same', outcome: 'unchanged' });
    expect(tagOf(preview, 'api-gateway', 'v1.8.0')).toMatchObject({ state: 'new', outcome: 'copy' });

    const pasted = await call('rules:preview', {
      draft: { ...draft, target: { mode: 'paste', registryId: 'tcr-elsewhere', uin: '300000000001', token: 'x' } },
    });
    expect(pasted).toMatchObject({ targetCompared: false, targetSkipped: 'otherAccount' });
    expect(pasted.counts.tags).toBeGreaterThan(0);
  });

  it("a refused listing is the cloud's error with its RequestId; an unknown rule NOT_FOUND", async () => {
    const { call, failure } = await app();
    const profiles = await demo(call);
    const rule = {
      profileId: profiles.get(ACME) ?? '',
      registryId: instanceNamed(sandbox, 'acme-prod-gz').registryId,
      ruleName: 'charts-to-beijing-dr',
    };
    await control('faults', [{ kind: 'error', action: 'DescribeImages', code: 'AuthFailure.UnauthorizedOperation' }]);
    const error = await failure(call('rules:preview', { rule, refresh: true }));
    expect(error).toMatchObject({
      code: 'CLOUD',
      cloud: { code: 'AuthFailure.UnauthorizedOperation', action: 'DescribeImages' },
    });
    expect(error.requestId).toMatch(/\S/);
    const missing = await failure(call('rules:preview', { rule: { ...rule, ruleName: 'no-such-rule' } }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('rules:cancelPreview ends a slow preview at once', async () => {
    const { call, failure } = await app();
    const profiles = await demo(call);
    await control('faults', [{ kind: 'latency', action: 'DescribeRepositories', latencyMs: 5000 }]);
    const requestId = '7f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
    const started = performance.now();
    const running = call('rules:preview', {
      rule: {
        profileId: profiles.get(ACME) ?? '',
        registryId: instanceNamed(sandbox, 'acme-prod-gz').registryId,
        ruleName: 'platform-to-shanghai',
      },
      refresh: true,
      requestId,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await call('rules:cancelPreview', { requestId });
    const error = await failure(running);
    expect(error.cloud?.kind).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
