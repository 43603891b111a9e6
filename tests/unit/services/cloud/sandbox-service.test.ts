import { describe, expect, it } from 'vitest';
import { SandboxService } from '../../../../src-main/services/cloud/sandbox-service.js';
import { demoAccounts, SandboxStarter } from '../fakes/fake-sandbox.js';
import { failureOf } from '../fakes/failure-of.js';

function setup() {
  const starter = new SandboxStarter();
  return { starter, sandbox: new SandboxService(starter.start) };
}

describe('SandboxService', () => {
  it('starts nothing until it is needed', () => {
    const { starter } = setup();
    expect(starter.starts).toBe(0);
  });

  it('starts once for callers that need it at once, and they all use that one', async () => {
    const { starter, sandbox } = setup();
    starter.holdStarts();
    const asked = Promise.all([
      sandbox.endpoint(),
      sandbox.keysFor('100000000001'),
      sandbox.status(new Set()),
      sandbox.ensureRunning(),
    ]);
    await new Promise((r) => setTimeout(r, 5));
    starter.finishStarts();
    const [endpoint, keys, status, running] = await asked;
    expect(starter.starts).toBe(1);
    expect(endpoint).toBe('http://127.0.0.1:41000');
    expect(status.endpoint).toBe(endpoint);
    expect(running.endpoint).toBe(endpoint);
    expect(keys.secretId).toBe(demoAccounts[0].secretId);
  });

  it('keeps the one it started for the next calls', async () => {
    const { starter, sandbox } = setup();
    await sandbox.endpoint();
    await sandbox.endpoint();
    await sandbox.keysFor('100000000002');
    expect(starter.starts).toBe(1);
  });

  it('a failed start is SANDBOX_FAILED, for every caller waiting on it, and a later call tries again', async () => {
    const { starter, sandbox } = setup();
    starter.failNext('listen EADDRINUSE');
    const errors = await Promise.all([failureOf(sandbox.endpoint()), failureOf(sandbox.status(new Set()))]);
    for (const error of errors) {
      expect(error.code).toBe('SANDBOX_FAILED');
      expect(error.message).toBe('The sandbox could not start: listen EADDRINUSE');
    }
    expect(starter.starts).toBe(1);
    await expect(sandbox.endpoint()).resolves.toBe('http://127.0.0.1:41000');
    expect(starter.starts).toBe(2);
  });

  it('gives the demo account’s own keys for its uin', async () => {
    const { sandbox } = setup();
    await expect(sandbox.keysFor('100000000002')).resolves.toEqual({
      secretId: demoAccounts[1].secretId,
      secretKey: demoAccounts[1].secretKey,
    });
  });

  it('answers NOT_FOUND for a uin the sandbox does not have', async () => {
    const { sandbox } = setup();
    const error = await failureOf(sandbox.keysFor('999'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('999');
  });

  it('lists the demo accounts with their instance counts and which are added, without their keys', async () => {
    const { sandbox } = setup();
    const status = await sandbox.status(new Set(['100000000002']));
    expect(status).toEqual({
      running: true,
      endpoint: 'http://127.0.0.1:41000',
      accounts: [
        { name: 'Demo Prod', uin: '100000000001', instanceCount: 2, added: false },
        { name: 'Demo Dev', uin: '100000000002', instanceCount: 1, added: true },
      ],
    });
    for (const account of demoAccounts) {
      expect(JSON.stringify(status)).not.toContain(account.secretKey);
      expect(JSON.stringify(status)).not.toContain(account.secretId);
    }
  });

  it('close stops the running sandbox; one needed afterwards is a new one', async () => {
    const { starter, sandbox } = setup();
    await sandbox.endpoint();
    await sandbox.close();
    expect(starter.started[0]?.closed).toBe(true);
    await expect(sandbox.endpoint()).resolves.toBe('http://127.0.0.1:41001');
    expect(starter.starts).toBe(2);
  });

  it('close with no sandbox running does nothing', async () => {
    const { starter, sandbox } = setup();
    await sandbox.close();
    await sandbox.close();
    expect(starter.starts).toBe(0);
  });

  it('close while the sandbox is starting stops it once it has started', async () => {
    const { starter, sandbox } = setup();
    starter.holdStarts();
    const first = sandbox.endpoint().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5));
    const closing = sandbox.close();
    starter.finishStarts();
    await Promise.all([first, closing]);
    expect(starter.started.every((s) => s.closed)).toBe(true);
  });

  it('close after a start that failed does nothing, and the next call starts one', async () => {
    const { starter, sandbox } = setup();
    starter.failNext('boom');
    await failureOf(sandbox.endpoint());
    await sandbox.close();
    await expect(sandbox.endpoint()).resolves.toBe('http://127.0.0.1:41000');
  });
});
