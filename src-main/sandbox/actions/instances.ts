import { ApiError } from '../api-error.js';
import { byOffset } from '../paging.js';
import { regionByName, sandboxRegions } from '../regions.js';
import { isoTime } from '../time-format.js';
import type { SandboxInstance } from '../types.js';
import type { ActionHandlers } from './context.js';

const REGIONS_SINCE = Date.UTC(2020, 0, 1);

/** `registryHost`: the real registry backing the instance, the domain the app's registry client uses. */
function registryView(instance: SandboxInstance, registryHost?: string): Record<string, unknown> {
  return {
    RegistryId: instance.registryId,
    RegistryName: instance.registryName,
    RegistryType: instance.registryType,
    Status: 'Running',
    PublicDomain: registryHost ?? `${instance.registryName}.tencentcloudcr.com`,
    InternalEndpoint: `${instance.registryName}-vpc.tencentcloudcr.com`,
    CreatedAt: isoTime(instance.createdAt),
    RegionName: instance.regionName,
    RegionId: regionByName(instance.regionName)?.id ?? 0,
    EnableAnonymous: false,
    TokenValidTime: 24,
    TagSpecification: { ResourceType: 'instance', Tags: [] },
    ExpiredAt: '',
    PayMod: 0,
    RenewFlag: 0,
    DeletionProtection: false,
    AIFeature: false,
    EnableCosMAZ: false,
    EnableCosVersioning: false,
  };
}

const filterFields: Record<string, (i: SandboxInstance) => string> = {
  RegistryName: (i) => i.registryName,
  RegistryId: (i) => i.registryId,
  RegistryType: (i) => i.registryType,
};

export const instanceActions: ActionHandlers<'DescribeRegions' | 'DescribeInstances'> = {
  DescribeRegions: () => ({
    TotalCount: sandboxRegions.length,
    Regions: sandboxRegions.map((r) => ({
      Alias: r.alias,
      RegionId: r.id,
      RegionName: r.name,
      Status: 'alluser',
      Remark: r.remark,
      CreatedAt: isoTime(REGIONS_SINCE),
      UpdatedAt: isoTime(REGIONS_SINCE),
      Id: r.id,
    })),
  }),

  DescribeInstances: (params, { state, account, region }) => {
    let instances = account.instances.filter((i) => params.AllRegion === true || i.regionName === region);
    const ids = params.Registryids;
    if (ids && ids.length > 0) instances = instances.filter((i) => ids.includes(i.registryId));
    for (const filter of params.Filters ?? []) {
      const field = filterFields[filter.Name];
      if (!field) throw new ApiError('InvalidParameterValue', `The filter name \`${filter.Name}\` is not supported.`);
      instances = instances.filter((i) => filter.Values.some((v) => field(i).includes(v)));
    }
    return {
      TotalCount: instances.length,
      Registries: byOffset(instances, params.Offset, params.Limit ?? 20).map((i) =>
        registryView(i, state.registries.get(i.registryId)?.reader.host),
      ),
    };
  },
};
