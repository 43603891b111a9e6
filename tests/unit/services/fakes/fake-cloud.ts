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
export class NetworkDown extends Error {
  constructor(
    message?: string,
    readonly action = 'DescribeInstances',
  ) {
    super(message);
  }
}

/** A failure the fake cloud describes as a timeout (the reply never came). */
export class TimedOut extends Error {
  constructor(readonly action: string) {
    super('no answer');
  }
}

/** One rule write as it left for the cloud. */
export interface RuleWrite {
  action: 'ModifyReplication' | 'DeleteReplicationRule';
  profileId: string;
  region: string;
  registryId: string;
  ruleName: string;
  /** ModifyReplication: `Rule.Enabled`. */
  enabled?: boolean;
}

/**
 * How the fake cloud meets a rule write: `applied` (the default), `lostAfter` (applied, then the
 * reply is lost: a network error), `lostBefore` (lost before it reached the cloud), `timeoutAfter`
 * (applied, no reply in time), or an error to refuse it with (nothing applied).
 */
export type WriteOutcome = 'applied' | 'lostAfter' | 'lostBefore' | 'timeoutAfter' | Error;

/** One request as it left for the cloud: where it went and with which key. */
export interface SentRequest {
  action:
    | 'GetCallerIdentity'
    | 'DescribeInstances'
    | 'DescribeReplicationPolicies'
    | 'ModifyReplication'
    | 'DeleteReplicationRule';
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
  /** Every rule write, in order. */
  writes: RuleWrite[] = [];
  /** How each write is met (default: applied); may wait, to hold a write in flight. */
  writeOutcome: (write: RuleWrite) => WriteOutcome | Promise<WriteOutcome> = () => 'applied';
  /** Rules a test gave with `setRules`: writes change them, and `rules()` lists them. */
  readonly #ruleState = new Map<string, CloudRule[]>();
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

  /** The rules of `registryId`, kept by the fake: rule writes change them. */
  setRules(registryId: string, rules: CloudRule[]): void {
    this.#ruleState.set(
      registryId,
      rules.map((r) => ({ ...r })),
    );
    this.ruleAnswers.set(registryId, async () => (this.#ruleState.get(registryId) ?? []).map((r) => ({ ...r })));
  }

  /** The rules the fake holds now for `registryId`. */
  rulesNow(registryId: string): CloudRule[] {
    return (this.#ruleState.get(registryId) ?? []).map((r) => ({ ...r }));
  }

  setRuleEnabled(
    target: CloudTarget,
    registryId: string,
    ruleName: string,
    enabled: boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.#write(
      {
        action: 'ModifyReplication',
        profileId: target.profileId,
        region: target.region,
        registryId,
        ruleName,
        enabled,
      },
      target,
      signal,
    );
  }

  deleteRule(target: CloudTarget, registryId: string, ruleName: string, signal?: AbortSignal): Promise<void> {
    return this.#write(
      { action: 'DeleteReplicationRule', profileId: target.profileId, region: target.region, registryId, ruleName },
      target,
      signal,
    );
  }

  describeError(error: unknown): CloudErrorView {
    if (error instanceof NetworkDown) {
      return { code: 'NetworkError', message: 'connect ECONNREFUSED', kind: 'network', action: error.action };
    }
    if (error instanceof TimedOut) {
      return { code: 'Timeout', message: 'No answer within 15 s', kind: 'timeout', action: error.action };
    }
    return { code: 'AuthFailure.SignatureFailure', message: 'bad key', kind: 'auth', requestId: 'req-1' };
  }

  forgetProfile(profileId: string): void {
    this.forgotten.push(profileId);
  }

  close(): void {
    this.closed = true;
  }

  #write(write: RuleWrite, target: CloudTarget, signal?: AbortSignal): Promise<void> {
    this.writes.push(write);
    return this.#request(
      write.action,
      target,
      async () => {
        const outcome = await this.writeOutcome(write);
        if (outcome instanceof Error) throw outcome;
        if (outcome === 'lostBefore') throw new NetworkDown('lost', write.action);
        this.#apply(write);
        if (outcome === 'lostAfter') throw new NetworkDown('lost', write.action);
        if (outcome === 'timeoutAfter') throw new TimedOut(write.action);
      },
      signal,
    );
  }

  #apply(write: RuleWrite): void {
    const rules = this.#ruleState.get(write.registryId) ?? [];
    const rule = rules.find((r) => r.name === write.ruleName);
    if (!rule) throw new Error(`no rule ${write.ruleName}`);
    if (write.action === 'DeleteReplicationRule') rules.splice(rules.indexOf(rule), 1);
    else if (write.enabled !== undefined) rule.enabled = write.enabled;
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
