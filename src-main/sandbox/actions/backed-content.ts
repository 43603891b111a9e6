// The content actions of an instance backed by a real registry: the same replies and paging as
// the in-memory ones (content.ts), read from the registry. The registry keeps no times, so
// repositories and tags carry the time the registry was attached.
import { ApiError, notFound } from '../api-error.js';
import { isRepositoryName } from '../names.js';
import { byPage } from '../paging.js';
import type { BackedRepository, RegistryBacking } from '../registry-backing.js';
import type { ParamsOf } from '../schemas.js';
import { goTime, isoTime } from '../time-format.js';
import { assertNamespaceName, imagesMatching, namespacesReply } from './content-replies.js';
import type { ActionReply } from './context.js';

const fullName = (row: BackedRepository) => `${row.namespace}/${row.repository}`;

export async function backedNamespaces(
  backing: RegistryBacking,
  params: ParamsOf<'DescribeNamespaces'>,
): Promise<ActionReply> {
  return namespacesReply(await backing.namespaces(), params);
}

export async function backedCreateNamespace(
  backing: RegistryBacking,
  params: ParamsOf<'CreateNamespace'>,
  now: number,
): Promise<ActionReply> {
  assertNamespaceName(params.NamespaceName);
  const existing = await backing.namespaces();
  // Checked again after the read: a concurrent call for the same name may have created it meanwhile.
  if (existing.some((n) => n.name === params.NamespaceName) || backing.createdNamespaces.has(params.NamespaceName)) {
    throw new ApiError('InvalidParameter.ErrNamespaceExist', `Namespace ${params.NamespaceName} already exists.`);
  }
  backing.createdNamespaces.set(params.NamespaceName, now);
  return {};
}

export async function backedRepositories(
  backing: RegistryBacking,
  params: ParamsOf<'DescribeRepositories'>,
): Promise<ActionReply> {
  let rows = await backing.repositories();
  if (params.NamespaceName) {
    const name = params.NamespaceName;
    if (!(await backing.namespaces()).some((n) => n.name === name)) throw notFound(`Namespace ${name}`);
    rows = rows.filter((row) => row.namespace === name);
  }
  const wanted = params.RepositoryName;
  const sortBy = params.SortBy ?? 'creation_time';
  const descending = sortBy.startsWith('-') ? -1 : 1;
  // Every repository has the same (attach) time: by time means catalog order, as Harbor keeps ties.
  const byName = sortBy.replace(/^-/, '') === 'name';
  rows = rows
    .filter((row) => !wanted || row.repository.includes(wanted))
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (byName ? fullName(a.row).localeCompare(fullName(b.row)) : a.index - b.index) * descending)
    .map(({ row }) => row);
  const time = goTime(backing.attachedAt);
  return {
    TotalCount: rows.length,
    RepositoryList: byPage(rows, params.Offset, params.Limit ?? 20).map((row) => ({
      Name: fullName(row),
      Namespace: row.namespace,
      CreationTime: time,
      Public: false,
      Description: '',
      BriefDescription: '',
      UpdateTime: time,
    })),
  };
}

export async function backedImages(backing: RegistryBacking, params: ParamsOf<'DescribeImages'>): Promise<ActionReply> {
  const path = `${params.NamespaceName}/${params.RepositoryName}`;
  // The names go into the registry's URLs: anything but a repository path exists nowhere.
  const images = isRepositoryName(path) ? await backing.images(path) : undefined;
  if (!images) {
    if (!(await backing.namespaces()).some((n) => n.name === params.NamespaceName)) {
      throw notFound(`Namespace ${params.NamespaceName}`);
    }
    throw notFound(`Repository ${path}`);
  }
  const shown = imagesMatching(images, params).sort((a, b) => a.tag.localeCompare(b.tag));
  const time = isoTime(backing.attachedAt);
  return {
    TotalCount: shown.length,
    ImageInfoList: byPage(shown, params.Offset, params.Limit ?? 20).map((i) => ({
      Digest: i.digest,
      Size: i.size,
      ImageVersion: i.tag,
      UpdateTime: time,
      Kind: i.kind,
      KmsSignature: '',
    })),
  };
}
