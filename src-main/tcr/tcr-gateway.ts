import type { ActionName } from './actions.js';
import { countOrUndefined, fetchAllPages, type Page } from './paging.js';
import {
  listField,
  readCallerIdentity,
  readCreatedToken,
  readExecution,
  readImage,
  readImmutableTagRule,
  readInstance,
  readInstanceToken,
  readNamespace,
  readPolicy,
  readRegion,
  readRepository,
  readTask,
} from './reply-readers.js';
import { TcrCaller, type CallOptions, type TcrCallerOptions, type TcrSession, type CloudTarget } from './tcr-caller.js';
import type {
  CallerIdentity,
  CreatedInstanceToken,
  ImageInfo,
  ImmutableTagRuleInfo,
  InstanceInfo,
  InstanceTokenInfo,
  ManageReplicationInput,
  ModifyReplicationInput,
  NamespaceInfo,
  RegionInfo,
  ReplicationExecution,
  ReplicationPolicy,
  ReplicationTask,
  RepositoryInfo,
  RuleFilter,
} from './types.js';

export interface TcrGatewayOptions extends TcrCallerOptions {
  /** Items per page for every list (the API's maximum, 100, unless a test wants more pages). */
  pageSize?: number;
  /** Pages of one list in flight at once; default 8 (the rate limiter paces them). */
  pageConcurrency?: number;
  /** Upper bound on the pages of one list, against a server with a runaway TotalCount. */
  maxPages?: number;
}

const MAX_PAGE_SIZE = 100;

type Fields = Record<string, unknown>;

function pageOf<T>(reply: object, field: string, action: ActionName, read: (entry: Fields) => T): Page<T> {
  return {
    items: listField(reply, field, action).map(read),
    totalCount: countOrUndefined((reply as Fields).TotalCount),
  };
}

function filtersOut(filters: RuleFilter[]): { Type: string; Value: string }[] {
  return filters.map((f) => ({ Type: f.type, Value: f.value }));
}

/**
 * The app's only way to Tencent Cloud (or the sandbox): typed operations over the TCR 2019-09-24
 * and STS 2018-08-13 APIs. Lists come back complete (every page); failures are TcrErrors.
 */
export class TcrGateway {
  readonly #caller: TcrCaller;
  readonly #pageSize: number;
  readonly #pageConcurrency: number;
  readonly #maxPages: number;

  constructor(options: TcrGatewayOptions) {
    this.#caller = new TcrCaller(options);
    this.#pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? MAX_PAGE_SIZE)));
    this.#pageConcurrency = options.pageConcurrency ?? 8;
    this.#maxPages = options.maxPages ?? 1000;
  }

  /** Whose keys these are (STS GetCallerIdentity). */
  async getCallerIdentity(target: CloudTarget, signal?: AbortSignal): Promise<CallerIdentity> {
    return readCallerIdentity(await this.#caller.call(target, 'GetCallerIdentity', null, { signal }));
  }

  async describeRegions(target: CloudTarget, options: CallOptions = {}): Promise<RegionInfo[]> {
    const reply = await this.#caller.call(target, 'DescribeRegions', null, options);
    return listField(reply, 'Regions', 'DescribeRegions').map(readRegion);
  }

  /** Every instance of the account: in the target's region, or in all regions (AllRegion). */
  async listInstances(
    target: CloudTarget,
    query: { allRegions: boolean },
    options: CallOptions = {},
  ): Promise<InstanceInfo[]> {
    return this.#listAll(target, 'DescribeInstances', options, (session, index, size, opts) =>
      session
        .call('DescribeInstances', { AllRegion: query.allRegions, Offset: index * size, Limit: size }, opts)
        .then((reply) => pageOf(reply, 'Registries', 'DescribeInstances', readInstance)),
    );
  }

  async listNamespaces(target: CloudTarget, registryId: string, options: CallOptions = {}): Promise<NamespaceInfo[]> {
    // Harbor-backed lists take a 1-based page number in `Offset`.
    return this.#listAll(target, 'DescribeNamespaces', options, (session, index, size, opts) =>
      session
        .call('DescribeNamespaces', { RegistryId: registryId, Offset: index + 1, Limit: size }, opts)
        .then((reply) => pageOf(reply, 'NamespaceList', 'DescribeNamespaces', readNamespace)),
    );
  }

  async listRepositories(
    target: CloudTarget,
    query: { registryId: string; namespace?: string },
    options: CallOptions = {},
  ): Promise<RepositoryInfo[]> {
    return this.#listAll(target, 'DescribeRepositories', options, (session, index, size, opts) =>
      session
        .call(
          'DescribeRepositories',
          { RegistryId: query.registryId, NamespaceName: query.namespace, Offset: index + 1, Limit: size },
          opts,
        )
        .then((reply) => pageOf(reply, 'RepositoryList', 'DescribeRepositories', readRepository)),
    );
  }

  /** Every tag (image or chart) of one repository. */
  async listImages(
    target: CloudTarget,
    query: { registryId: string; namespace: string; repository: string },
    options: CallOptions = {},
  ): Promise<ImageInfo[]> {
    return this.#listAll(target, 'DescribeImages', options, (session, index, size, opts) =>
      session
        .call(
          'DescribeImages',
          {
            RegistryId: query.registryId,
            NamespaceName: query.namespace,
            RepositoryName: query.repository,
            Offset: index + 1,
            Limit: size,
          },
          opts,
        )
        .then((reply) => pageOf(reply, 'ImageInfoList', 'DescribeImages', readImage)),
    );
  }

  /** The immutable-tag rules of an instance, every namespace's (DescribeImmutableTagRules, all pages). */
  async listImmutableTagRules(
    target: CloudTarget,
    registryId: string,
    options: CallOptions = {},
  ): Promise<ImmutableTagRuleInfo[]> {
    return this.#listAll(target, 'DescribeImmutableTagRules', options, (session, index, size, opts) =>
      session
        .call('DescribeImmutableTagRules', { RegistryId: registryId, Page: index + 1, PageSize: size }, opts)
        .then((reply) => ({
          items: listField(reply, 'Rules', 'DescribeImmutableTagRules').map(readImmutableTagRule),
          // This list counts in `Total`, not `TotalCount`.
          totalCount: countOrUndefined((reply as Fields).Total),
        })),
    );
  }

  async listInstanceTokens(
    target: CloudTarget,
    registryId: string,
    options: CallOptions = {},
  ): Promise<InstanceTokenInfo[]> {
    return this.#listAll(target, 'DescribeInstanceToken', options, (session, index, size, opts) =>
      session
        .call('DescribeInstanceToken', { RegistryId: registryId, Offset: index * size, Limit: size }, opts)
        .then((reply) => pageOf(reply, 'Tokens', 'DescribeInstanceToken', readInstanceToken)),
    );
  }

  /** A new instance access token; `longterm` for cross-account rules (a temporary one lasts an hour). */
  async createInstanceToken(
    target: CloudTarget,
    input: { registryId: string; kind: 'longterm' | 'temp'; description?: string },
    options: CallOptions = {},
  ): Promise<CreatedInstanceToken> {
    const reply = await this.#caller.call(
      target,
      'CreateInstanceToken',
      { RegistryId: input.registryId, TokenType: input.kind, Desc: input.description },
      options,
    );
    return readCreatedToken(reply);
  }

  async setInstanceTokenEnabled(
    target: CloudTarget,
    input: { registryId: string; tokenId: string; enabled: boolean },
    options: CallOptions = {},
  ): Promise<void> {
    await this.#caller.call(
      target,
      'ModifyInstanceToken',
      { RegistryId: input.registryId, TokenId: input.tokenId, Enable: input.enabled, ModifyFlag: 2 },
      options,
    );
  }

  async deleteInstanceToken(
    target: CloudTarget,
    input: { registryId: string; tokenId: string },
    options: CallOptions = {},
  ): Promise<void> {
    await this.#caller.call(
      target,
      'DeleteInstanceToken',
      { RegistryId: input.registryId, TokenId: input.tokenId },
      options,
    );
  }

  async createNamespace(
    target: CloudTarget,
    input: { registryId: string; name: string; isPublic: boolean },
    options: CallOptions = {},
  ): Promise<void> {
    await this.#caller.call(
      target,
      'CreateNamespace',
      { RegistryId: input.registryId, NamespaceName: input.name, IsPublic: input.isPublic },
      options,
    );
  }

  /** Creates an instance sync rule (ManageReplication). */
  async createReplicationRule(
    target: CloudTarget,
    input: ManageReplicationInput,
    options: CallOptions = {},
  ): Promise<void> {
    await this.#caller.call(
      target,
      'ManageReplication',
      {
        SourceRegistryId: input.sourceRegistryId,
        DestinationRegistryId: input.destinationRegistryId,
        DestinationRegionId: input.destinationRegionId,
        Description: input.description,
        Rule: {
          Name: input.rule.name,
          DestNamespace: input.rule.destNamespace,
          Override: input.rule.override,
          Deletion: input.rule.deletion,
          Filters: filtersOut(input.rule.filters),
        },
        PeerReplicationOption: input.peer
          ? { PeerRegistryUin: input.peer.uin, PeerRegistryToken: input.peer.token, EnablePeerReplication: true }
          : undefined,
      },
      options,
    );
  }

  /** Edits (or enables/disables) a rule; its name and target cannot change. */
  async modifyReplicationRule(
    target: CloudTarget,
    input: ModifyReplicationInput,
    options: CallOptions = {},
  ): Promise<void> {
    const { rule } = input;
    await this.#caller.call(
      target,
      'ModifyReplication',
      {
        SourceRegistryId: input.sourceRegistryId,
        RuleName: input.ruleName,
        Description: input.description,
        Rule: {
          DestNamespace: rule.destNamespace,
          Override: rule.override,
          Deletion: rule.deletion,
          Filters: rule.filters ? filtersOut(rule.filters) : undefined,
          Enabled: rule.enabled,
        },
      },
      options,
    );
  }

  async deleteReplicationRule(
    target: CloudTarget,
    input: { sourceRegistryId: string; ruleName: string },
    options: CallOptions = {},
  ): Promise<void> {
    await this.#caller.call(
      target,
      'DeleteReplicationRule',
      { SourceRegistryId: input.sourceRegistryId, RuleName: input.ruleName },
      options,
    );
  }

  async listReplicationPolicies(
    target: CloudTarget,
    registryId: string,
    options: CallOptions = {},
  ): Promise<ReplicationPolicy[]> {
    return this.#listAll(target, 'DescribeReplicationPolicies', options, (session, index, size, opts) =>
      session
        .call('DescribeReplicationPolicies', { RegistryId: registryId, Page: index + 1, PageSize: size }, opts)
        .then((reply) => pageOf(reply, 'ReplicationPolicyInfoList', 'DescribeReplicationPolicies', readPolicy)),
    );
  }

  /** The sync log of an instance, or of one rule (`policyId`). */
  async listReplicationExecutions(
    target: CloudTarget,
    query: { registryId: string; policyId?: number },
    options: CallOptions = {},
  ): Promise<ReplicationExecution[]> {
    return this.#listAll(target, 'DescribeReplicationExecutions', options, (session, index, size, opts) =>
      session
        .call(
          'DescribeReplicationExecutions',
          { RegistryId: query.registryId, PolicyId: query.policyId, Page: index + 1, PageSize: size },
          opts,
        )
        .then((reply) => pageOf(reply, 'ReplicationExecutionList', 'DescribeReplicationExecutions', readExecution)),
    );
  }

  /**
   * One page (1-based) of the sync log of an instance, or of one rule (`policyId`), newest first:
   * what the watcher and a paged log read, instead of everything.
   */
  async replicationExecutionsPage(
    target: CloudTarget,
    query: { registryId: string; policyId?: number; page: number; pageSize: number },
    options: CallOptions = {},
  ): Promise<Page<ReplicationExecution>> {
    const session = await this.#caller.session(target, options.signal, 'DescribeReplicationExecutions');
    const reply = await session.call(
      'DescribeReplicationExecutions',
      {
        RegistryId: query.registryId,
        PolicyId: query.policyId,
        Page: query.page,
        PageSize: Math.min(query.pageSize, MAX_PAGE_SIZE),
      },
      options,
    );
    return pageOf(reply, 'ReplicationExecutionList', 'DescribeReplicationExecutions', readExecution);
  }

  async listReplicationTasks(
    target: CloudTarget,
    query: { registryId: string; executionId: number },
    options: CallOptions = {},
  ): Promise<ReplicationTask[]> {
    return this.#listAll(target, 'DescribeReplicationTasks', options, (session, index, size, opts) =>
      session
        .call(
          'DescribeReplicationTasks',
          { RegistryId: query.registryId, ExecutionId: query.executionId, Page: index + 1, PageSize: size },
          opts,
        )
        .then((reply) => pageOf(reply, 'ReplicationTaskList', 'DescribeReplicationTasks', readTask)),
    );
  }

  /** Drops the cached SDK clients of a profile (its keys changed, or it was removed). */
  forgetProfile(profileId: string): void {
    this.#caller.forget(profileId);
  }

  close(): void {
    this.#caller.close();
  }

  /** All pages of one list, with one key lookup; the first failure stops the pages still running. */
  async #listAll<T>(
    target: CloudTarget,
    action: ActionName,
    options: CallOptions,
    fetch: (session: TcrSession, index: number, size: number, options: CallOptions) => Promise<Page<T>>,
  ): Promise<T[]> {
    const session = await this.#caller.session(target, options.signal, action);
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    try {
      return await fetchAllPages({
        pageSize: this.#pageSize,
        concurrency: this.#pageConcurrency,
        maxPages: this.#maxPages,
        fetchPage: (index, size) => fetch(session, index, size, { ...options, signal }),
      });
    } finally {
      stop.abort();
    }
  }
}
