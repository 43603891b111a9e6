import type { CloudErrorView, InstanceRow } from '../../../../src-main/contract/index.js';
import type { AccessKeys, KeysFor } from '../../../../src-main/domain/access-keys.js';
import type {
  CallerIdentity,
  CloudReader,
  CloudRun,
  CloudRunTask,
  CloudRule,
  CloudRuleChange,
  CloudTarget,
  CreatedInstanceToken,
  InstanceTokenInfo,
  NewCloudRule,
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
  action: 'ModifyReplication' | 'DeleteReplicationRule' | 'ManageReplication';
  profileId: string;
  region: string;
  registryId: string;
  ruleName: string;
  /** ModifyReplication: `Rule.Enabled`. */
  enabled?: boolean;
  /** ManageReplication: the new rule as sent. */
  created?: NewCloudRule;
  /** ModifyReplication of more than `Enabled`: the change as sent. */
  change?: CloudRuleChange;
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
    | 'DeleteReplicationRule'
    | 'ManageReplication'
    | 'CreateInstanceToken'
    | 'CreateNamespace'
    | 'DeleteInstanceToken'
    | 'DescribeInstanceToken'
    | 'DescribeReplicationExecutions'
    | 'DescribeReplicationTasks';
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

  createRule(target: CloudTarget, input: NewCloudRule, signal?: AbortSignal): Promise<void> {
    return this.#write(
      {
        action: 'ManageReplication',
        profileId: target.profileId,
        region: target.region,
        registryId: input.sourceRegistryId,
        ruleName: input.rule.name,
        created: input,
      },
      target,
      signal,
    );
  }

  modifyRule(target: CloudTarget, input: CloudRuleChange, signal?: AbortSignal): Promise<void> {
    return this.#write(
      {
        action: 'ModifyReplication',
        profileId: target.profileId,
        region: target.region,
        registryId: input.sourceRegistryId,
        ruleName: input.ruleName,
        change: input,
        ...(input.rule.enabled !== undefined ? { enabled: input.rule.enabled } : {}),
      },
      target,
      signal,
    );
  }

  /** Tokens by registry id: what `createLongTermToken` made and `deleteToken` left. */
  readonly tokenState = new Map<string, InstanceTokenInfo[]>();
  #tokenCount = 0;

  createLongTermToken(
    target: CloudTarget,
    registryId: string,
    description: string,
    signal?: AbortSignal,
  ): Promise<CreatedInstanceToken> {
    return this.#request(
      'CreateInstanceToken',
      target,
      async () => {
        this.#tokenCount += 1;
        const tokenId = `token-${String(this.#tokenCount)}`;
        const list = this.tokenState.get(registryId) ?? [];
        list.push({ tokenId, description, registryId, enabled: true, createdAt: '', expiresAt: 4102444799 });
        this.tokenState.set(registryId, list);
        return { username: `tcr$${tokenId}`, token: `secret-of-${tokenId}`, expiresAt: 4102444799, tokenId };
      },
      signal,
    );
  }

  createTempToken(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<CreatedInstanceToken> {
    const expiresAt = Date.now() + 3_600_000;
    return this.#request(
      'CreateInstanceToken',
      target,
      async () => ({ username: 'tcr$temp', token: `temp-of-${registryId}`, expiresAt }),
      signal,
    );
  }

  createNamespace(
    target: CloudTarget,
    registryId: string,
    name: string,
    _isPublic: boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.#request('CreateNamespace', target, async () => undefined, signal);
  }

  deleteToken(target: CloudTarget, registryId: string, tokenId: string, signal?: AbortSignal): Promise<void> {
    return this.#request(
      'DeleteInstanceToken',
      target,
      async () => {
        const list = this.tokenState.get(registryId) ?? [];
        this.tokenState.set(
          registryId,
          list.filter((t) => t.tokenId !== tokenId),
        );
      },
      signal,
    );
  }

  tokens(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<InstanceTokenInfo[]> {
    return this.#request(
      'DescribeInstanceToken',
      target,
      async () => [...(this.tokenState.get(registryId) ?? [])],
      signal,
    );
  }

  /** Sync runs by registry id, newest first (any profile); `runs()` pages them. */
  readonly runState = new Map<string, CloudRun[]>();
  /** Tasks by `registryId/runId`. */
  readonly taskState = new Map<string, CloudRunTask[]>();
  /** `registryId page ruleId?` of every runs request, in order. */
  runCalls: string[] = [];

  runs(
    target: CloudTarget,
    query: { registryId: string; ruleId?: number; page: number; pageSize: number },
    signal?: AbortSignal,
  ): Promise<{ runs: CloudRun[]; total: number }> {
    this.runCalls.push(
      `${query.registryId} ${String(query.page)}${query.ruleId === undefined ? '' : ` ${String(query.ruleId)}`}`,
    );
    return this.#request(
      'DescribeReplicationExecutions',
      target,
      async () => {
        const all = [...(this.runState.get(query.registryId) ?? [])]
          .filter((r) => query.ruleId === undefined || r.ruleId === query.ruleId)
          .sort((a, b) => b.runId - a.runId);
        const start = (query.page - 1) * query.pageSize;
        return { runs: all.slice(start, start + query.pageSize).map((r) => ({ ...r })), total: all.length };
      },
      signal,
    );
  }

  runTasks(target: CloudTarget, registryId: string, runId: number, signal?: AbortSignal): Promise<CloudRunTask[]> {
    return this.#request(
      'DescribeReplicationTasks',
      target,
      async () => (this.taskState.get(`${registryId}/${String(runId)}`) ?? []).map((t) => ({ ...t })),
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
    if (write.created) {
      const { created } = write;
      rules.push({
        policyId: 1000 + rules.length,
        name: created.rule.name,
        description: created.description ?? '',
        filters: created.rule.filters.map((f) => ({ ...f })),
        override: created.rule.override,
        enabled: true,
        srcResource: created.sourceRegistryId,
        destResource: created.destinationRegistryId,
        createdAt: '2026-03-01T00:00:00.000Z',
        updatedAt: '2026-03-01T00:00:00.000Z',
      });
      this.setRules(write.registryId, rules);
      return;
    }
    const rule = rules.find((r) => r.name === write.ruleName);
    if (!rule) throw new Error(`no rule ${write.ruleName}`);
    if (write.action === 'DeleteReplicationRule') rules.splice(rules.indexOf(rule), 1);
    else {
      const change = write.change?.rule;
      if (write.enabled !== undefined) rule.enabled = write.enabled;
      if (change?.override !== undefined) rule.override = change.override;
      if (change?.filters) rule.filters = change.filters.map((f) => ({ ...f }));
      if (write.change?.description !== undefined) rule.description = write.change.description;
    }
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
