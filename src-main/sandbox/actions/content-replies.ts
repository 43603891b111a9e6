// What the content actions answer, whether an instance's content is in memory (content.ts) or in a
// real registry (backed-content.ts): one reply shape, one paging, one name check.
import { ApiError } from '../api-error.js';
import { isNamespaceName } from '../names.js';
import { byPage } from '../paging.js';
import type { ParamsOf } from '../schemas.js';
import { goTime } from '../time-format.js';
import type { ActionReply } from './context.js';

/** DescribeNamespaces over a list of namespaces, with its name filter and paging. */
export function namespacesReply(
  namespaces: readonly { name: string; createdAt: number; public?: boolean }[],
  params: ParamsOf<'DescribeNamespaces'>,
): ActionReply {
  const wanted = params.NamespaceName;
  const all = namespaces
    .map((namespace, index) => ({ namespace, id: index + 1 }))
    .filter(({ namespace }) => !wanted || namespace.name.includes(wanted));
  const shown = params.All === true ? all : byPage(all, params.Offset, params.Limit ?? 20);
  return {
    TotalCount: all.length,
    NamespaceList: shown.map(({ namespace, id }) => ({
      Name: namespace.name,
      CreationTime: goTime(namespace.createdAt),
      Public: namespace.public ?? false,
      NamespaceId: id,
      TagSpecification: { ResourceType: 'namespace', Tags: [] },
      Metadata: [],
      CVEWhitelistItems: [],
      AutoScan: false,
      PreventVUL: false,
      Severity: '',
    })),
  };
}

/** CreateNamespace refuses a name TCR would refuse. */
export function assertNamespaceName(name: string): void {
  if (!isNamespaceName(name)) {
    throw new ApiError(
      'InvalidParameterValue',
      'The value of parameter `NamespaceName` must be 2-30 lowercase letters, digits and separators (. _ -), not starting, ending or repeating a separator.',
    );
  }
}

/** The tags DescribeImages' filters keep (version, exact or not, and digest). */
export function imagesMatching<T extends { tag: string; digest: string }>(
  images: readonly T[],
  params: ParamsOf<'DescribeImages'>,
): T[] {
  const version = params.ImageVersion;
  return images
    .filter((i) => !version || (params.ExactMatch === true ? i.tag === version : i.tag.includes(version)))
    .filter((i) => !params.Digest || i.digest === params.Digest);
}
