// Creating and editing sync rules through the app's router against the real sandbox over the real
// SDK, with the demo accounts: what the sandbox holds afterwards is what the form said; the
// one-click cross-account mode makes a long-term token on the target (and deletes it again when
// the rule is refused); pasted tokens are kept in the keychain only; a change that cannot be sent
// stays as a draft across a restart; errors carry the cloud's RequestId.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleDraft } from '../../src-main/contract/index.js';
import type { RunningSandbox } from '../../src-main/sandbox/index.js';
import type { TcrGateway } from '../../src-main/tcr/index.js';
import { refused, startDemoApp, type Call, type DemoApp } from './helpers/demo-app.js';

const ACME = '100012345678';
const GLOBEX = '200087654321';
const ACME_GZ = 'tcr-8kq3m2zd'; // premium, source of the demo rules
const ACME_BJ = 'tcr-2nf9x4rb'; // standard
const ACME_DEV = 'tcr-7tz4c8ye'; // basic: not eligible
const GLOBEX_SG = 'tcr-4pw6j9ks'; // premium, target of release-to-globex
const GLOBEX_SH = 'tcr-3bx8v6nh'; // standard

let app: DemoApp;
let embedded: RunningSandbox;
let dir: string;
let gateway: TcrGateway;

beforeEach(async () => {
  app = await startDemoApp('tcr-rule-edit-');
  ({ sandbox: embedded, dir, gateway } = app);
});
afterEach(() => app.close());

const call: Call = (channel, input) => app.call(channel, input);

/** The demo accounts as profiles, their rules listed; the profile ids by uin. */
async function ready(): Promise<{ acme: string; globex: string }> {
  await call('sandbox:addAccounts', undefined);
  await call('rules:refresh', {});
  const profiles = await call('profiles:list', undefined);
  const of = (uin: string) => {
    const p = profiles.find((x) => x.uin === uin);
    if (!p) throw new Error(`no profile for ${uin}`);
    return p.id;
  };
  return { acme: of(ACME), globex: of(GLOBEX) };
}

function draftOf(profileId: string, changes: Partial<RuleDraft> = {}): RuleDraft {
  return {
    profileId,
    registryId: ACME_GZ,
    name: 'apps-to-beijing',
    description: 'apps for the DR site',
    selection: { kind: 'console', namespace: 'platform', repository: 'app-*', tag: 'v*', resource: 'image' },
    target: { mode: 'sameAccount', registryId: ACME_BJ },
    destNamespace: '',
    override: false,
    deletion: false,
    ...changes,
  };
}

const regionOf: Record<string, string> = {
  [ACME_GZ]: 'ap-guangzhou',
  [GLOBEX_SG]: 'ap-singapore',
  [GLOBEX_SH]: 'ap-shanghai',
};

/** The rules of an instance as the sandbox lists them (asked with the owner's own keys). */
async function inSandbox(uin: string, registryId: string) {
  return gateway.listReplicationPolicies(
    { profileId: uin, endpoint: embedded.endpoint, region: regionOf[registryId] ?? 'ap-guangzhou' },
    registryId,
  );
}

async function tokensOf(uin: string, registryId: string) {
  return gateway.listInstanceTokens(
    { profileId: uin, endpoint: embedded.endpoint, region: regionOf[registryId] ?? 'ap-guangzhou' },
    registryId,
  );
}

/** Every file the app wrote, as one text: no token may be in it. */
async function everyFile(): Promise<string> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    names.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8')),
  );
  return texts.join('\n');
}

describe('the rule form checked as typed', () => {
  it('says what is wrong next to each field, and warns about a regular expression typed by habit', async () => {
    const { acme } = await ready();
    const check = await call(
      'rules:check',
      draftOf(acme, {
        name: 'Apps To BJ',
        selection: { kind: 'console', namespace: '', repository: '', tag: '.*', resource: '' },
        target: { mode: 'sameAccount', registryId: ACME_DEV },
      }),
    );
    expect(check.fields).toEqual({
      name: 'rule.nameChars',
      namespace: 'rule.namespaceRequired',
      'target.registryId': 'rule.targetNotEligible',
    });
    expect(check.warnings.tag?.map((w) => w.key)).toEqual(['rule.warn.looksLikeRegex']);

    const taken = await call('rules:check', draftOf(acme, { name: 'platform-to-shanghai' }));
    expect(taken.fields).toEqual({ name: 'rule.nameTaken' });
    const self = await call('rules:check', draftOf(acme, { target: { mode: 'sameAccount', registryId: ACME_GZ } }));
    expect(self.fields).toEqual({ 'target.registryId': 'rule.targetIsSource' });
    const fromBasic = await call('rules:check', draftOf(acme, { registryId: ACME_DEV }));
    expect(fromBasic.fields.registryId).toBe('rule.sourceNotEligible');

    const fine = await call('rules:check', draftOf(acme));
    expect(fine).toMatchObject({ fields: {}, plan: 'create', confirmRequired: false, tokenFollowers: [] });
    expect(fine.requests.map((r) => r.action)).toEqual(['ManageReplication']);
  });

  it('refuses to send what the check refuses: nothing reaches the sandbox', async () => {
    const { acme } = await ready();
    const before = await inSandbox(ACME, ACME_GZ);
    const error = await refused(call('rules:create', { draft: draftOf(acme, { name: '-bad' }) }));
    expect(error).toMatchObject({ code: 'VALIDATION', fields: { name: 'rule.nameStart' } });
    expect(await inSandbox(ACME, ACME_GZ)).toEqual(before);
    expect(await call('drafts:list', undefined)).toEqual([]);
  });
});

describe('changes that need the rule name typed', () => {
  it('turning on sync deletions, and any change to a production account, asks for the name', async () => {
    const { acme } = await ready();
    const withDeletion = draftOf(acme, { deletion: true });
    expect((await call('rules:check', withDeletion)).confirmRequired).toBe(true);
    for (const typed of [undefined, 'apps-to-beijin']) {
      const error = await refused(
        call('rules:create', { draft: withDeletion, ...(typed === undefined ? {} : { confirmName: typed }) }),
      );
      expect(error).toMatchObject({ code: 'VALIDATION', fields: { confirmName: 'rule.confirmMismatch' } });
    }
    expect((await inSandbox(ACME, ACME_GZ)).map((r) => r.name)).not.toContain('apps-to-beijing');
    await call('rules:create', { draft: withDeletion, confirmName: 'apps-to-beijing' });
    expect((await inSandbox(ACME, ACME_GZ)).map((r) => r.name)).toContain('apps-to-beijing');

    const profile = (await call('profiles:list', undefined)).find((p) => p.id === acme);
    if (!profile) throw new Error('no profile');
    const { id, name, uin, region, endpoint, colour } = profile;
    await call('profiles:update', { id, name, uin, region, endpoint, colour, production: true });
    const plain = draftOf(acme, { name: 'plain-rule' });
    expect((await call('rules:check', plain)).confirmRequired).toBe(true);
    const error = await refused(call('rules:create', { draft: plain }));
    expect(error).toMatchObject({ fields: { confirmName: 'rule.confirmMismatch' } });
    await call('rules:create', { draft: plain, confirmName: 'plain-rule' });
  });
});

describe('creating and editing a rule of one account', () => {
  it('creates the rule the form describes, edits it, and renames it as delete + create', async () => {
    const { acme } = await ready();
    const created = await call('rules:create', { draft: draftOf(acme) });
    expect(created).toMatchObject({
      name: 'apps-to-beijing',
      description: 'apps for the DR site',
      enabled: true,
      override: false,
      console: { namespace: 'platform', repository: 'app-*', tag: 'v*', resource: 'image' },
      target: { registryId: ACME_BJ, name: 'acme-dr-bj', profileId: acme },
    });
    const cloud = (await inSandbox(ACME, ACME_GZ)).find((r) => r.name === 'apps-to-beijing');
    expect(cloud?.filters).toEqual([
      { type: 'name', value: 'platform/app-*' },
      { type: 'tag', value: 'v*' },
      { type: 'resource', value: 'image' },
    ]);
    expect(cloud?.destResource).toContain(ACME_BJ);

    const edit = draftOf(acme, {
      original: { ruleName: 'apps-to-beijing' },
      description: 'apps and charts',
      selection: { kind: 'console', namespace: 'platform', repository: 'app-*', tag: 'v*', resource: '' },
      override: true,
      keep: ['destNamespace', 'deletion'],
    });
    const check = await call('rules:check', edit);
    expect(check.plan).toBe('update');
    expect(check.requests).toEqual([
      expect.objectContaining({
        action: 'ModifyReplication',
        before: expect.objectContaining({ Override: false, Description: 'apps for the DR site' }),
        after: expect.objectContaining({ Override: true, Description: 'apps and charts' }),
      }),
    ]);
    expect(check.requests[0]?.request).not.toHaveProperty('Rule.Deletion');
    const edited = await call('rules:update', { draft: edit });
    expect(edited).toMatchObject({ description: 'apps and charts', override: true, policyId: created.policyId });
    const after = (await inSandbox(ACME, ACME_GZ)).find((r) => r.name === 'apps-to-beijing');
    expect(after?.filters.find((f) => f.type === 'resource')?.value).toBe('');

    const rename = { ...edit, name: 'apps-to-dr' };
    expect((await call('rules:check', rename)).plan).toBe('recreate');
    const unconfirmed = await refused(call('rules:update', { draft: rename }));
    expect(unconfirmed).toMatchObject({ code: 'VALIDATION', fields: { confirmRecreate: 'rule.confirmRecreate' } });
    await call('rules:update', { draft: rename, confirmRecreate: true });
    const names = (await inSandbox(ACME, ACME_GZ)).map((r) => r.name);
    expect(names).toContain('apps-to-dr');
    expect(names).not.toContain('apps-to-beijing');
  });

  it('keeps raw filters the form could not show, as they are, when the description is edited', async () => {
    const { acme } = await ready();
    const raw = [
      { type: 'name', value: '{platform,base}/**' },
      { type: 'tag', value: 'release-*' },
    ];
    await call('rules:create', {
      draft: draftOf(acme, { name: 'raw-rule', selection: { kind: 'raw', filters: raw } }),
    });
    const row = (await call('rules:list', undefined)).rows.find((r) => r.name === 'raw-rule');
    expect(row?.console).toBeUndefined();
    await call('rules:update', {
      draft: draftOf(acme, {
        name: 'raw-rule',
        original: { ruleName: 'raw-rule' },
        description: 'only the words changed',
        selection: { kind: 'raw', filters: row?.filters ?? [] },
        keep: ['destNamespace', 'deletion'],
      }),
    });
    const cloud = (await inSandbox(ACME, ACME_GZ)).find((r) => r.name === 'raw-rule');
    expect(cloud?.description).toBe('only the words changed');
    expect(cloud?.filters).toEqual(raw);
  });

  it('two windows creating the same name at once: one rule, the other told the name is taken', async () => {
    const { acme } = await ready();
    const results = await Promise.allSettled([
      call('rules:create', { draft: draftOf(acme) }),
      call('rules:create', { draft: draftOf(acme, { description: 'the other window' }) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected');
    expect((failure as PromiseRejectedResult).reason).toMatchObject({
      code: 'VALIDATION',
      fields: { name: 'rule.nameTaken' },
    });
    expect((await inSandbox(ACME, ACME_GZ)).filter((r) => r.name === 'apps-to-beijing')).toHaveLength(1);
  });
});

describe('cross-account rules', () => {
  it('one-click: makes a long-term token on the target, names who uses it, and says which rules follow it', async () => {
    const { acme, globex } = await ready();
    const draft = draftOf(acme, {
      name: 'apps-to-globex-sh',
      target: { mode: 'otherProfile', profileId: globex, registryId: GLOBEX_SH },
    });
    const check = await call('rules:check', draft);
    expect(check.fields).toEqual({});
    // The demo's release-to-globex targets the same account: it will follow the newest token.
    expect(check.tokenFollowers).toEqual(['release-to-globex']);
    expect(check.requests.map((r) => r.action)).toEqual(['CreateInstanceToken', 'ManageReplication']);
    expect(JSON.stringify(check.requests)).not.toMatch(/eyJ/); // no token in what is shown

    const tokensBefore = await tokensOf(GLOBEX, GLOBEX_SH);
    const row = await call('rules:create', { draft });
    expect(row).toMatchObject({ name: 'apps-to-globex-sh', target: { registryId: GLOBEX_SH, profileId: globex } });
    const tokensAfter = await tokensOf(GLOBEX, GLOBEX_SH);
    expect(tokensAfter).toHaveLength(tokensBefore.length + 1);
    const made = tokensAfter.find((t) => !tokensBefore.some((b) => b.tokenId === t.tokenId));
    expect(made).toMatchObject({ enabled: true });
    expect(made?.description).toContain('apps-to-globex-sh');
    expect((await inSandbox(ACME, ACME_GZ)).map((r) => r.name)).toContain('apps-to-globex-sh');
    // The token is in the keychain only: not in any file the app wrote.
    expect(await everyFile()).not.toMatch(/eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9\.[A-Za-z0-9_-]{20}/);
  });

  it('one-click: a rule the cloud refuses after the token was made leaves no token behind', async () => {
    const { acme, globex } = await ready();
    const tokensBefore = await tokensOf(GLOBEX, GLOBEX_SH);
    embedded.setFaults([{ kind: 'error', action: 'ManageReplication', code: 'FailedOperation', message: 'refused' }]);
    const error = await refused(
      call('rules:create', {
        draft: draftOf(acme, {
          name: 'refused-rule',
          target: { mode: 'otherProfile', profileId: globex, registryId: GLOBEX_SH },
        }),
      }),
    );
    embedded.setFaults([]);
    expect(error).toMatchObject({ code: 'CLOUD', cloud: { code: 'FailedOperation', action: 'ManageReplication' } });
    expect(error.requestId).toMatch(/\S/);
    expect(await tokensOf(GLOBEX, GLOBEX_SH)).toEqual(tokensBefore);
    expect((await inSandbox(ACME, ACME_GZ)).map((r) => r.name)).not.toContain('refused-rule');
  });

  it('paste mode: uin and a long-term token; the token is kept for the next rule to that account', async () => {
    const { acme } = await ready();
    const made = await gateway.createInstanceToken(
      { profileId: GLOBEX, endpoint: embedded.endpoint, region: 'ap-shanghai' },
      { registryId: GLOBEX_SH, kind: 'longterm', description: 'pasted by hand' },
    );
    const pasted = draftOf(acme, {
      name: 'pasted-to-globex',
      target: { mode: 'paste', registryId: GLOBEX_SH, uin: GLOBEX, token: '' },
    });
    expect((await call('rules:check', pasted)).fields).toEqual({ 'target.token': 'rule.tokenRequired' });
    const wrongUin = await call('rules:check', { ...pasted, target: { ...pasted.target, uin: '12ab' } } as RuleDraft);
    expect(wrongUin.fields['target.uin']).toBe('rule.uinDigits');

    await call('rules:create', {
      draft: { ...pasted, target: { mode: 'paste', registryId: GLOBEX_SH, uin: GLOBEX, token: made.token } },
    });
    expect((await inSandbox(ACME, ACME_GZ)).map((r) => r.name)).toContain('pasted-to-globex');
    expect(await everyFile()).not.toContain(made.token);

    // The next rule to that account may leave the token empty: the kept one is sent.
    const next = draftOf(acme, {
      name: 'second-to-globex',
      target: { mode: 'paste', registryId: GLOBEX_SH, uin: GLOBEX, token: '' },
    });
    const check = await call('rules:check', next);
    expect(check.fields).toEqual({});
    expect(check.tokenFollowers).toContain('pasted-to-globex');
    await call('rules:create', { draft: next });
    expect((await inSandbox(ACME, ACME_GZ)).map((r) => r.name)).toContain('second-to-globex');

    // Editing it later: the cloud lists neither the account nor the token, and the update sends neither.
    const edit = {
      ...next,
      original: { ruleName: 'second-to-globex' },
      description: 'edited without the account',
      target: { mode: 'paste' as const, registryId: GLOBEX_SH, uin: '', token: '' },
      keep: ['destNamespace' as const, 'deletion' as const],
    };
    expect((await call('rules:check', edit)).fields).toEqual({});
    await call('rules:update', { draft: edit });
    const edited = (await inSandbox(ACME, ACME_GZ)).find((r) => r.name === 'second-to-globex');
    expect(edited?.description).toBe('edited without the account');
  });
});

describe('drafts', () => {
  it('a change the cloud throttles is kept as a draft across a restart, then sent from it', async () => {
    const { acme } = await ready();
    embedded.setFaults([{ kind: 'throttle', action: 'ManageReplication' }]);
    const error = await refused(call('rules:create', { draft: draftOf(acme) }));
    expect(error).toMatchObject({ code: 'CLOUD', cloud: { kind: 'throttled', action: 'ManageReplication' } });
    expect(error.draftId).toBeDefined();
    const drafts = await call('drafts:list', undefined);
    expect(drafts).toEqual([
      expect.objectContaining({ id: error.draftId, kind: 'create', ruleName: 'apps-to-beijing', draft: draftOf(acme) }),
    ]);

    await app.restart();
    const kept = await call('drafts:list', undefined);
    expect(kept.map((d) => d.id)).toEqual([error.draftId]);

    embedded.setFaults([]);
    await call('rules:refresh', {});
    const draft = kept[0]?.draft;
    if (!draft) throw new Error('the draft lost its form');
    await call('rules:create', { draft, draftId: kept[0]?.id });
    expect((await inSandbox(ACME, ACME_GZ)).map((r) => r.name)).toContain('apps-to-beijing');
    expect(await call('drafts:list', undefined)).toEqual([]);
  });

  it('a pasted token of a draft waits in the keychain, never in the drafts file; discarding removes it', async () => {
    const { acme } = await ready();
    const token = `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${'x'.repeat(40)}`;
    embedded.setFaults([{ kind: 'drop', action: 'ManageReplication' }]);
    const error = await refused(
      call('rules:create', {
        draft: draftOf(acme, { name: 'dropped', target: { mode: 'paste', registryId: GLOBEX_SH, uin: GLOBEX, token } }),
      }),
    );
    embedded.setFaults([]);
    // A dropped connection: the rules were read back, the rule is not there, so it did not happen.
    expect(error).toMatchObject({ code: 'CLOUD', cloud: { kind: 'network' } });
    const [draft] = await call('drafts:list', undefined);
    expect(draft).toMatchObject({ tokenKept: true, draft: { target: { mode: 'paste', token: '' } } });
    expect(await everyFile()).not.toContain(token);
    await call('drafts:discard', { id: draft?.id ?? '' });
    expect(await call('drafts:list', undefined)).toEqual([]);
  });
});
