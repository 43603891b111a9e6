// The real SDK's clients pointed at a sandbox, as the integration tests call it.
import { sts } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/index.js';
import { tcr } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/index.js';
import type { RunningSandbox, SandboxInstanceInfo } from '../../../src-main/sandbox/index.js';

export interface KeyPair {
  secretId: string;
  secretKey: string;
}

/** TCR and STS clients for any keys (right or wrong) at a sandbox's endpoint. */
export function sdkClients(endpoint: string, credential: KeyPair, region = 'ap-guangzhou') {
  // reqTimeout (seconds) only as a backstop: a test that hangs should fail, not stall the run.
  const profile = { httpProfile: { protocol: 'http://', endpoint: endpoint.replace('http://', ''), reqTimeout: 10 } };
  return {
    tcr: new tcr.v20190924.Client({ credential, region, profile }),
    sts: new sts.v20180813.Client({ credential, region, profile }),
  };
}

/** The keys of one of the sandbox's accounts (by its index in the seed). */
export function keysOf(sandbox: RunningSandbox, accountIndex: number): KeyPair {
  const account = sandbox.accounts[accountIndex];
  if (!account) throw new Error(`the sandbox has no account #${accountIndex}`);
  return { secretId: account.secretId, secretKey: account.secretKey };
}

/** A TCR client signed with one of the sandbox's accounts. */
export function tcrClient(sandbox: RunningSandbox, accountIndex: number, region = 'ap-guangzhou') {
  return sdkClients(sandbox.endpoint, keysOf(sandbox, accountIndex), region).tcr;
}

export function stsClient(sandbox: RunningSandbox, accountIndex: number) {
  return sdkClients(sandbox.endpoint, keysOf(sandbox, accountIndex)).sts;
}

/** An instance of the seed by its name, in whichever account it is. */
export function instanceNamed(sandbox: RunningSandbox, name: string): SandboxInstanceInfo {
  const found = sandbox.accounts.flatMap((a) => a.instances).find((i) => i.registryName === name);
  if (!found) throw new Error(`the seed has no instance ${name}`);
  return found;
}
