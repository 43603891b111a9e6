// The token warning's CAM policy (only what sync needs, on the target instance alone; nothing
// injected from what was typed) and the drafts panel's words for a kept change.
import { describe, expect, it } from 'vitest';
import type { DraftView } from '../../../src-main/contract/index.js';
import { draftKind, draftReason, retryKind } from '../../../src-renderer/lib/rule-form-drafts.js';
import { syncPolicyJson } from '../../../src-renderer/lib/rule-form-policy.js';

interface Statement {
  effect: string;
  action: string[];
  resource: string[];
}

function statements(json: string): Statement[] {
  return (JSON.parse(json) as { version: string; statement: Statement[] }).statement;
}

describe('the policy of the sub-account that makes the token', () => {
  it('grants push (and creating the namespace and the token) on the target instance only', () => {
    const json = syncPolicyJson({
      uin: '200000000002',
      regionName: 'ap-singapore',
      registryId: 'tcr-4pw6j9ks',
      namespace: 'platform',
    });
    expect(JSON.parse(json)).toMatchObject({ version: '2.0' });
    expect(statements(json)).toEqual([
      {
        effect: 'allow',
        action: ['tcr:PushRepository', 'tcr:PullRepository', 'tcr:CreateRepository'],
        resource: ['qcs::tcr:ap-singapore:uin/200000000002:repository/tcr-4pw6j9ks/platform/*'],
      },
      {
        effect: 'allow',
        action: ['tcr:CreateNamespace', 'tcr:CreateInstanceToken'],
        resource: ['qcs::tcr:ap-singapore:uin/200000000002:instance/tcr-4pw6j9ks'],
      },
    ]);
    expect(json).not.toMatch(/"\*"|tcr:\*/);
  });

  it('what is not known yet, or is not a plain ID, stands as * (never pasted into the resource)', () => {
    const json = syncPolicyJson({ uin: '', regionName: '', registryId: 'tcr-x"],"action":["*', namespace: '' });
    expect(statements(json).map((s) => s.resource)).toEqual([
      ['qcs::tcr:*:uin/*:repository/*/*/*'],
      ['qcs::tcr:*:uin/*:instance/*'],
    ]);
  });
});

function draft(fields: Partial<DraftView>): DraftView {
  return {
    id: '44444444-4444-4444-8444-444444444444',
    kind: 'create',
    profileId: '11111111-1111-4111-8111-111111111111',
    registryId: 'tcr-gz',
    ruleName: 'platform-to-sg',
    tokenKept: false,
    error: { kind: 'network', code: 'NetworkError', message: 'offline', requestId: 'req-1' },
    savedAt: '2026-01-02T00:00:00.000Z',
    ...fields,
  };
}

describe('a kept change in the drafts panel', () => {
  it('is named by what it does; enable, disable and delete are retried in their own dialog', () => {
    expect(draftKind(draft({}))).toBe('create');
    expect(draftKind(draft({ kind: 'update' }))).toBe('update');
    expect(draftKind(draft({ kind: 'setEnabled', enabled: false }))).toBe('disable');
    expect(draftKind(draft({ kind: 'setEnabled', enabled: true }))).toBe('enable');
    expect(retryKind(draft({ kind: 'delete' }))).toBe('delete');
    expect(retryKind(draft({ kind: 'setEnabled', enabled: false }))).toBe('disable');
    expect(retryKind(draft({ kind: 'update' }))).toBeUndefined();
  });

  it('says why it was not sent: the cloud’s failure with its RequestId, or the app’s own', () => {
    expect(draftReason(draft({}))).toEqual({
      kind: 'cloud',
      error: { kind: 'network', code: 'NetworkError', message: 'offline', requestId: 'req-1' },
    });
    expect(draftReason(draft({ error: { kind: 'app', code: 'KEYCHAIN_LOCKED', message: 'locked' } }))).toEqual({
      kind: 'app',
      code: 'KEYCHAIN_LOCKED',
      message: 'locked',
    });
  });
});
