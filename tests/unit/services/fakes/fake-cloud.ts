import type { CloudErrorView, InstanceRow } from '../../../../src-main/contract/index.js';
import type { AccessKeys, KeysFor } from '../../../../src-main/domain/access-keys.js';
import type {
  CallerIdentity,
  CloudReader,
  CloudRule,
  CloudTarget,
} from '../../../../src-main/services/cloud/cloud-port.js';

export type CloudInstance = Omit<InstanceRow, 'profileId'>;

/** A TCR Enterprise instance as the cloud lists it. */
export function instance(name: string, regionId = 1, regionName = 'ap-guangzhou'): CloudInstance {
  return {
    registryId: `tcr-${name}`,
    name,
    regionId,
    regionName,
    status: 'Running',
    spec: 'standard',
    publicDomain: `${name}.tencentcloudcr.com`,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

export function identity(accountId: string, userId = accountId): CallerIdentity {
  return {
    accountId,
    userId,
    principalId: userId,
    arn: `qcs::cam::uin/${accountId}:uin/${userId}`,
    type: 'CAMUser',
  };
}

/** A sync rule of the instance `tcr-<source>` towards `tcr-<destination>`, as the cloud lists it. */
export function cloudRule(policyId: number, name: string, destination: string, source = 'src'): CloudRule {
  return {
    policyId,
    name,
    description: `rule ${name}`,
    filters: [
      { type: 'name', value: 'platform/**' },
      { type: 'tag', value: '' },
      { type: 'resource', value: 'image' },
    ],
    override: false,
    enabled: true,
    srcResource: `tcr-${source}`,
    destResource: `tcr-${destination}`,
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-02T00:00:00.000Z',
  };
}

/** A failure the fake cloud describes as a network error; anything else reads as a bad key. */
export class NetworkDown extends Error {}

/** One request as it left for the cloud: where it went and with which key. */
export interface SentRequest {
  action: 'GetCallerIdentity' | 'DescribeInstances' | 'DescribeReplicationPolicies';
  profileId: string;
  endpoint: string;
  region: string;
  /** The SecretId the request was signed with, when the cloud was given a `keysFor`. */
  secretId?: string;
}

/**
 * A cloud where each profile answers what the test says, when the test says. Given `keysFor`
 * (the gateway's credential lookup), it looks the keys up before each request as the real
 * gateway does, and a failing lookup reaches the caller unchanged.
 */
export class FakeCloud implements CloudReader {
  answers = new Map<string, () => Promise<CloudInstance[]>>();
  identities = new Map<string, () => Promise<CallerIdentity>>();
  /** Rules by registry id (any profile); absent = none. */
  ruleAnswers = new Map<string, () => Promise<CloudRule[]>>();
  /** `profileId/region/registryId` of every rules request, in order. */
  ruleCalls: string[] = [];
  /** Profile ids whose instances were asked for, in order. */
  calls: string[] = [];
  sent: SentRequest[] = [];
  forgotten: string[] = [];
  closed = false;

  constructor(private readonly keysFor?: KeysFor) {}

  callerIdentity(target: CloudTarget, signal?: AbortSignal): Promise<CallerIdentity> {
    const answer = this.identities.get(target.profileId) ?? (async () => identity('100000000001'));
    return this.#request('GetCallerIdentity', target, answer, signal);
  }

  instances(target: CloudTarget, signal?: AbortSignal): Promise<CloudInstance[]> {
    this.calls.push(target.profileId);
    const answer = this.answers.get(target.profileId) ?? (async () => []);
    return this.#request('DescribeInstances', target, answer, signal);
  }

  rules(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<CloudRule[]> {
    this.ruleCalls.push(`${target.profileId}/${target.region}/${registryId}`);
    const answer = this.ruleAnswers.get(registryId) ?? (async () => []);
    return this.#request('DescribeReplicationPolicies', target, answer, signal);
  }

  describeError(error: unknown): CloudErrorView {
    return error instanceof NetworkDown
      ? { code: 'NetworkError', message: 'connect ECONNREFUSED', kind: 'network', action: 'DescribeInstances' }
      : { code: 'AuthFailure.SignatureFailure', message: 'bad key', kind: 'auth', requestId: 'req-1' };
  }

  forgetProfile(profileId: string): void {
    this.forgotten.push(profileId);
  }

  close(): void {
    this.closed = true;
  }

  async #request<T>(
    action: SentRequest['action'],
    target: CloudTarget,
    answer: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    let keys: AccessKeys | undefined;
    if (this.keysFor) keys = await this.keysFor(target.profileId);
    this.sent.push({
      action,
      profileId: target.profileId,
      endpoint: target.endpoint,
      region: target.region,
      ...(keys ? { secretId: keys.secretId } : {}),
    });
    return new Promise<T>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new Error('aborted')));
      answer().then(resolve, reject);
    });
  }
}

/** A promise the test settles when it wants: for calls that must still be running at some point. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (e: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
