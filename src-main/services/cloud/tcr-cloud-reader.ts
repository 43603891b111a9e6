import type { KeysFor } from '../../domain/access-keys.js';
import { describeTcrError, TcrGateway, type TcrGatewayOptions } from '../../tcr/index.js';
import type { CloudReader } from './cloud-port.js';

/** The services' cloud port, implemented by the TCR gateway. */
export function createTcrCloudReader(keysFor: KeysFor, options: Omit<TcrGatewayOptions, 'keysFor'> = {}): CloudReader {
  const gateway = new TcrGateway({ ...options, keysFor });
  return {
    callerIdentity: (target, signal) => gateway.getCallerIdentity(target, signal),
    async instances(target, signal) {
      // AllRegion: one list (pages fetched concurrently) instead of one call per region.
      const found = await gateway.listInstances(target, { allRegions: true }, signal ? { signal } : {});
      return found.map((i) => ({
        registryId: i.registryId,
        name: i.name,
        regionId: i.regionId,
        regionName: i.regionName,
        status: i.status,
        spec: i.spec,
        publicDomain: i.publicDomain,
        createdAt: i.createdAt,
      }));
    },
    async rules(target, registryId, signal) {
      const found = await gateway.listReplicationPolicies(target, registryId, signal ? { signal } : {});
      return found.map((p) => ({
        policyId: p.policyId,
        name: p.name,
        description: p.description,
        filters: p.filters.map((f) => ({ type: f.type, value: f.value })),
        override: p.override,
        enabled: p.enabled,
        srcResource: p.srcResource,
        destResource: p.destResource,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      }));
    },
    async setRuleEnabled(target, registryId, ruleName, enabled, signal) {
      await gateway.modifyReplicationRule(
        target,
        { sourceRegistryId: registryId, ruleName, rule: { enabled } },
        signal ? { signal } : {},
      );
    },
    async deleteRule(target, registryId, ruleName, signal) {
      await gateway.deleteReplicationRule(target, { sourceRegistryId: registryId, ruleName }, signal ? { signal } : {});
    },
    async createRule(target, input, signal) {
      await gateway.createReplicationRule(target, input, signal ? { signal } : {});
    },
    async modifyRule(target, input, signal) {
      await gateway.modifyReplicationRule(target, input, signal ? { signal } : {});
    },
    createLongTermToken: (target, registryId, description, signal) =>
      gateway.createInstanceToken(target, { registryId, kind: 'longterm', description }, signal ? { signal } : {}),
    createTempToken: (target, registryId, signal) =>
      gateway.createInstanceToken(target, { registryId, kind: 'temp' }, signal ? { signal } : {}),
    async createNamespace(target, registryId, name, isPublic, signal) {
      await gateway.createNamespace(target, { registryId, name, isPublic }, signal ? { signal } : {});
    },
    async deleteToken(target, registryId, tokenId, signal) {
      await gateway.deleteInstanceToken(target, { registryId, tokenId }, signal ? { signal } : {});
    },
    tokens: (target, registryId, signal) => gateway.listInstanceTokens(target, registryId, signal ? { signal } : {}),
    async runs(target, query, signal) {
      const page = await gateway.replicationExecutionsPage(
        target,
        {
          registryId: query.registryId,
          ...(query.ruleId !== undefined ? { policyId: query.ruleId } : {}),
          page: query.page,
          pageSize: query.pageSize,
        },
        signal ? { signal } : {},
      );
      return {
        runs: page.items.map((e) => ({
          runId: e.executionId,
          ruleId: e.policyId,
          status: e.status,
          total: e.total,
          succeeded: e.succeed,
          startTime: e.startTime,
          endTime: e.endTime,
        })),
        total: page.totalCount ?? page.items.length,
      };
    },
    async runTasks(target, registryId, runId, signal) {
      const found = await gateway.listReplicationTasks(
        target,
        { registryId, executionId: runId },
        signal ? { signal } : {},
      );
      return found.map((t) => ({
        resourceType: t.resourceType,
        source: t.srcResource,
        destination: t.dstResource,
        jobId: t.jobId,
        status: t.status,
        startTime: t.startTime,
        endTime: t.endTime,
      }));
    },
    describeError: describeTcrError,
    forgetProfile: (profileId) => gateway.forgetProfile(profileId),
    close: () => gateway.close(),
  };
}
