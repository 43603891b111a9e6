// The rule editor against the fake cloud: a write is never retried; a lost reply is settled by
// reading the rules back; a change that could not be sent is kept as a draft (and a retry of it
// replaces it); a token made for a refused rule is deleted again, or listed for cleanup.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenVault } from '../../../../src-main/accounts/token-vault.js';
import type { Clock } from '../../../../src-main/base/clock.js';
import type { AppError, ProfileView, RuleDraft } from '../../../../src-main/contract/index.js';
import { ruleDraftSchema, ruleSaveSchema } from '../../../../src-main/contract/index.js';
import { InstanceCache } from '../../../../src-main/services/instances/instance-cache.js';
import { InstanceService } from '../../../../src-main/services/instances/instance-service.js';
import { InstanceQueues } from '../../../../src-main/services/rules/instance-queues.js';
import { RuleChanges } from '../../../../src-main/services/rules/rule-changes.js';
import { PeerTokens } from '../../../../src-main/services/rules/peer-tokens.js';
import { RuleCache } from '../../../../src-main/services/rules/rule-cache.js';
import { RuleDrafts } from '../../../../src-main/services/rules/rule-drafts.js';
import { RuleEditor } from '../../../../src-main/services/rules/rule-editor.js';
import { RuleService } from '../../../../src-main/services/rules/rule-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { UserFacingError } from '../../../../src-main/services/shared/user-facing-error.js';
import { cloudRule, deferred, FakeCloud, identity, instance, NetworkDown } from '../fakes/fake-cloud.js';
import { FakeSecretStore } from '../fakes/fake-secret-store.js';
import { TempDir } from '../fakes/user-data-dir.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function profile(id: string, name: string, uin: string): ProfileView {
  return {
    id,
    name,
    uin,
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    production: false,
    secretIdMasked: 'AKID…0000',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    keysUpdatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const never: Clock = { now: () => Date.parse('2026-11-28T10:00:00.000Z'), sleep: () => new Promise(() => undefined) };

let home: TempDir;
let cloud: FakeCloud;
let rules: RuleService;
let drafts: RuleDrafts;
let tokens: PeerTokens;
let editor: RuleEditor;
let changes: RuleChanges;
let hub: EventHub;
let ids: number;

beforeEach(async () => {
  home = await TempDir.create('rule-editor-');
  cloud = new FakeCloud();
  // Acme (uin unknown: asked with GetCallerIdentity) and Globex, another account.
  const list = [profile(A, 'Acme', ''), profile(B, 'Globex', '200087654321')];
  cloud.answers.set(A, async () => [instance('src'), instance('dr', 8, 'ap-beijing')]);
  cloud.answers.set(B, async () => [instance('globex', 9, 'ap-singapore')]);
  cloud.identities.set(A, async () => identity('100012345678'));
  cloud.setRules('tcr-src', [cloudRule(1, 'to-dr', 'dr')]);
  hub = new EventHub();
  const targets = {
    targetFor: async (p: ProfileView) => ({ profileId: p.id, endpoint: p.endpoint, region: p.region }),
  };
  const instances = new InstanceService({
    profiles: { list: () => list },
    targets,
    reader: cloud,
    cache: new InstanceCache(home.dir),
    events: hub,
    clock: never,
  });
  rules = new RuleService({
    profiles: { list: () => list },
    targets,
    instances,
    reader: cloud,
    cache: new RuleCache(home.dir),
    events: hub,
    clock: never,
  });
  const store = new FakeSecretStore();
  const vault = new TokenVault(store);
  const keychain = { use: <T>(call: (s: FakeSecretStore) => Promise<T>) => call(store) };
  ids = 0;
  drafts = new RuleDrafts(home.dir, {
    vault,
    keychain,
    events: hub,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
  tokens = new PeerTokens(home.dir, vault, keychain);
  const queues = new InstanceQueues();
  changes = new RuleChanges({ profiles: { list: () => list }, targets, reader: cloud, rules, queues, drafts });
  editor = new RuleEditor({
    profiles: { list: () => list },
    targets,
    instances,
    reader: cloud,
    rules,
    queues,
    tokens,
    drafts,
  });
  await instances.refresh();
  await rules.refresh();
  cloud.writes = [];
});
afterEach(async () => {
  await rules.stop();
  await home.remove();
});

function draftOf(changes: Partial<RuleDraft> = {}): RuleDraft {
  return {
    profileId: A,
    registryId: 'tcr-src',
    name: 'apps',
    description: '',
    selection: { kind: 'console', namespace: 'platform', repository: '', tag: '', resource: 'image' },
    target: { mode: 'sameAccount', registryId: 'tcr-dr' },
    destNamespace: '',
    override: false,
    deletion: false,
    ...changes,
  };
}

const save = (changes: Partial<RuleDraft> = {}, extra: Record<string, unknown> = {}) =>
  ruleSaveSchema.parse({ draft: draftOf(changes), ...extra });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as UserFacingError).toAppError();
}

const names = () => cloud.rulesNow('tcr-src').map((r) => r.name);

describe('a create whose reply is lost', () => {
  it('happened (applied, then the connection dropped): the rules are read back and it is done, sent once', async () => {
    cloud.writeOutcome = () => 'lostAfter';
    const row = await editor.create(save());
    expect(row.name).toBe('apps');
    expect(cloud.writes.filter((w) => w.action === 'ManageReplication')).toHaveLength(1);
    expect(drafts.list()).toEqual([]);
  });

  it('did not happen: the error, one write, and the form kept as a draft', async () => {
    cloud.writeOutcome = () => 'lostBefore';
    const error = await failure(editor.create(save()));
    expect(error).toMatchObject({ code: 'CLOUD', cloud: { kind: 'network', action: 'ManageReplication' } });
    expect(cloud.writes).toHaveLength(1);
    expect(names()).not.toContain('apps');
    expect(drafts.list()).toEqual([
      expect.objectContaining({
        id: error.draftId,
        kind: 'create',
        ruleName: 'apps',
        draft: ruleDraftSchema.parse(draftOf()),
      }),
    ]);
  });

  it('a retry of a draft that fails again replaces it; one that works removes it', async () => {
    cloud.writeOutcome = () => new NetworkDown('refused', 'ManageReplication');
    const first = await failure(editor.create(save()));
    const again = await failure(editor.create(save({}, { draftId: first.draftId })));
    expect(again.draftId).toBe(first.draftId);
    expect(drafts.list()).toHaveLength(1);
    cloud.writeOutcome = () => 'applied';
    await editor.create(save({}, { draftId: first.draftId }));
    expect(drafts.list()).toEqual([]);
  });

  it('a refusal (not a lost reply) is never read back as success', async () => {
    cloud.writeOutcome = () => new Error('InvalidParameter');
    const error = await failure(editor.create(save()));
    expect(error.code).toBe('CLOUD');
    expect(cloud.writes).toHaveLength(1);
  });
});

describe('one-click cross-account', () => {
  const oneClick = {
    name: 'to-globex',
    target: { mode: 'otherProfile' as const, profileId: B, registryId: 'tcr-globex' },
  };

  it('asks who the source account is, makes a token on the target and sends it with the target uin', async () => {
    await editor.create(save(oneClick));
    const created = cloud.writes.find((w) => w.action === 'ManageReplication')?.created;
    expect(created?.peer).toEqual({ uin: '200087654321', token: 'secret-of-token-1' });
    expect(cloud.tokenState.get('tcr-globex')?.map((t) => t.tokenId)).toEqual(['token-1']);
    expect(tokens.recordOf({ profileId: A, registryId: 'tcr-src', uin: '200087654321' })).toMatchObject({
      tokenId: 'token-1',
      targetProfileId: B,
      targetRegistryId: 'tcr-globex',
    });
  });

  it('the token is known by the time the rules are read back (rules:changed), so its health can be shown at once', async () => {
    const seen: boolean[] = [];
    hub.on('rules:changed', () =>
      seen.push(tokens.recordOf({ profileId: A, registryId: 'tcr-src', uin: '200087654321' }) !== undefined),
    );
    await editor.create(save(oneClick));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(Boolean)).toBe(true);
  });

  it('a refused rule deletes the token again; when that fails too, the token is listed for cleanup', async () => {
    cloud.writeOutcome = () => new Error('refused');
    await failure(editor.create(save(oneClick)));
    expect(cloud.tokenState.get('tcr-globex')).toEqual([]);

    const deleteToken = cloud.deleteToken.bind(cloud);
    cloud.deleteToken = async () => {
      throw new NetworkDown('down', 'DeleteInstanceToken');
    };
    await failure(editor.create(save(oneClick)));
    expect(tokens.orphans()).toEqual([
      expect.objectContaining({ registryId: 'tcr-globex', tokenId: 'token-2', profileId: B }),
    ]);
    cloud.deleteToken = deleteToken;
    // Tried again (at start, before the next one-click save): deleted, no longer listed.
    await editor.deleteUnusedTokens();
    expect(editor.unusedTokens()).toEqual([]);
    expect(cloud.tokenState.get('tcr-globex')).toEqual([]);
  });
});

describe('changes of one instance run one at a time', () => {
  it('a create and an edit sent at once both land, in order, each checked against the other', async () => {
    const edit = ruleSaveSchema.parse({
      draft: draftOf({
        name: 'to-dr',
        original: { ruleName: 'to-dr' },
        description: 'edited',
        keep: ['destNamespace', 'deletion'],
      }),
    });
    const [created, edited] = await Promise.all([editor.create(save()), editor.update(edit)]);
    expect(created.name).toBe('apps');
    expect(edited.description).toBe('edited');
    expect(cloud.writes.map((w) => w.action)).toEqual(['ManageReplication', 'ModifyReplication']);
  });

  it('an edit waits for a toggle of the same instance in flight (another window), then sends', async () => {
    const held = deferred();
    cloud.writeOutcome = async (write) => {
      if (write.action === 'ModifyReplication' && write.enabled === false) await held.promise;
      return 'applied' as const;
    };
    const toggling = changes.setEnabled({ profileId: A, registryId: 'tcr-src', ruleName: 'to-dr', enabled: false });
    const edit = ruleSaveSchema.parse({
      draft: draftOf({
        name: 'to-dr',
        original: { ruleName: 'to-dr' },
        description: 'edited',
        keep: ['destNamespace', 'deletion'],
      }),
    });
    const editing = editor.update(edit);
    await new Promise((r) => setTimeout(r, 20));
    expect(cloud.writes.map((w) => w.change?.description ?? 'toggle')).toEqual(['toggle']);
    held.resolve();
    await toggling;
    const row = await editing;
    expect(row).toMatchObject({ description: 'edited', enabled: false });
    expect(cloud.writes.map((w) => w.change?.description ?? 'toggle')).toEqual(['toggle', 'edited']);
  });

  it('an enable/disable the cloud refuses is kept as a draft (one per rule); sending it later removes it', async () => {
    const key = { profileId: A, registryId: 'tcr-src', ruleName: 'to-dr' };
    cloud.writeOutcome = () => new Error('RequestLimitExceeded');
    const first = await failure(changes.setEnabled({ ...key, enabled: false }));
    const second = await failure(changes.setEnabled({ ...key, enabled: false }));
    expect(second.draftId).toBe(first.draftId);
    expect(drafts.list()).toEqual([
      expect.objectContaining({ id: first.draftId, kind: 'setEnabled', ruleName: 'to-dr', enabled: false }),
    ]);
    cloud.writeOutcome = () => 'applied';
    await changes.setEnabled({ ...key, enabled: false });
    expect(drafts.list()).toEqual([]);
  });
});
