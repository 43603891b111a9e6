import type { CloudErrorView } from '../../contract/index.js';
import { describeTcrError, TcrGateway, type TcrCredentials, type TcrGatewayOptions } from '../../tcr/index.js';
import type { CloudReader } from './cloud-port.js';

export interface TcrCloudReader extends CloudReader {
  /** Drops a profile's SDK clients (its keys changed or it was deleted). */
  forgetProfile(profileId: string): void;
  close(): void;
}

/** The services' cloud port, implemented by the TCR gateway. */
export function createTcrCloudReader(
  keysFor: (profileId: string) => Promise<TcrCredentials>,
  options: Omit<TcrGatewayOptions, 'credentials'> = {},
): TcrCloudReader {
  const gateway = new TcrGateway({ ...options, credentials: keysFor });
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
    describeError(error: unknown): CloudErrorView {
      const view = describeTcrError(error);
      return {
        code: view.code,
        message: view.message,
        kind: view.kind,
        ...(view.action ? { action: view.action } : {}),
        ...(view.requestId ? { requestId: view.requestId } : {}),
      };
    },
    forgetProfile: (profileId) => gateway.forgetProfile(profileId),
    close: () => gateway.close(),
  };
}
