import { ApiError, notFound } from '../api-error.js';
import { byPage } from '../paging.js';
import { findNamespace, findRepository } from '../state.js';
import { goTime, isoTime } from '../time-format.js';
import type { SandboxNamespace, SandboxRepository } from '../types.js';
import { backedCreateNamespace, backedImages, backedNamespaces, backedRepositories } from './backed-content.js';
import { assertNamespaceName, imagesMatching, namespacesReply } from './content-replies.js';
import type { ActionHandlers } from './context.js';

function updatedAt(repository: SandboxRepository): number {
  return Math.max(repository.createdAt, ...repository.artifacts.map((a) => a.pushedAt));
}

interface RepositoryRow {
  namespace: SandboxNamespace;
  repository: SandboxRepository;
}

// Harbor sorts by the full name, `namespace/repository`.
const fullName = (row: RepositoryRow) => `${row.namespace.name}/${row.repository.name}`;
const repositoryOrder: Record<string, (a: RepositoryRow, b: RepositoryRow) => number> = {
  creation_time: (a, b) => a.repository.createdAt - b.repository.createdAt,
  name: (a, b) => fullName(a).localeCompare(fullName(b)),
  update_time: (a, b) => updatedAt(a.repository) - updatedAt(b.repository),
};

export const contentActions: ActionHandlers<
  'DescribeNamespaces' | 'CreateNamespace' | 'DescribeRepositories' | 'DescribeImages'
> = {
  DescribeNamespaces: (params, { state, account, region }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const backing = state.registries.get(instance.registryId);
    if (backing) return backedNamespaces(backing, params);
    return namespacesReply(instance.namespaces, params);
  },

  CreateNamespace: (params, { state, account, region, now }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const backing = state.registries.get(instance.registryId);
    if (backing) return backedCreateNamespace(backing, params, now);
    assertNamespaceName(params.NamespaceName);
    if (findNamespace(instance, params.NamespaceName)) {
      throw new ApiError('InvalidParameter.ErrNamespaceExist', `Namespace ${params.NamespaceName} already exists.`);
    }
    const namespace: SandboxNamespace = {
      name: params.NamespaceName,
      public: params.IsPublic,
      createdAt: now,
      repositories: [],
    };
    instance.namespaces.push(namespace);
    return {};
  },

  DescribeRepositories: (params, { state, account, region }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const backing = state.registries.get(instance.registryId);
    if (backing) return backedRepositories(backing, params);
    let namespaces = instance.namespaces;
    if (params.NamespaceName) {
      const namespace = findNamespace(instance, params.NamespaceName);
      if (!namespace) throw notFound(`Namespace ${params.NamespaceName}`);
      namespaces = [namespace];
    }
    const wanted = params.RepositoryName;
    const sortBy = params.SortBy ?? 'creation_time';
    const order = repositoryOrder[sortBy.replace(/^-/, '')] ?? repositoryOrder.creation_time;
    const rows = namespaces
      .flatMap((namespace) => namespace.repositories.map((repository): RepositoryRow => ({ namespace, repository })))
      .filter(({ repository }) => !wanted || repository.name.includes(wanted))
      .sort((a, b) => (order?.(a, b) ?? 0) * (sortBy.startsWith('-') ? -1 : 1));
    return {
      TotalCount: rows.length,
      RepositoryList: byPage(rows, params.Offset, params.Limit ?? 20).map(({ namespace, repository }) => ({
        // TCR names a repository with its namespace, as Harbor does.
        Name: fullName({ namespace, repository }),
        Namespace: namespace.name,
        CreationTime: goTime(repository.createdAt),
        Public: namespace.public,
        Description: repository.description,
        BriefDescription: repository.description.split('\n')[0] ?? '',
        UpdateTime: goTime(updatedAt(repository)),
      })),
    };
  },

  DescribeImages: (params, { state, account, region }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const backing = state.registries.get(instance.registryId);
    if (backing) return backedImages(backing, params);
    const namespace = findNamespace(instance, params.NamespaceName);
    if (!namespace) throw notFound(`Namespace ${params.NamespaceName}`);
    const repository = findRepository(namespace, params.RepositoryName);
    if (!repository) throw notFound(`Repository ${params.NamespaceName}/${params.RepositoryName}`);
    const artifacts = imagesMatching(repository.artifacts, params).sort(
      (a, b) => b.pushedAt - a.pushedAt || a.tag.localeCompare(b.tag),
    );
    return {
      TotalCount: artifacts.length,
      ImageInfoList: byPage(artifacts, params.Offset, params.Limit ?? 20).map((a) => ({
        Digest: a.digest,
        Size: a.size,
        ImageVersion: a.tag,
        UpdateTime: isoTime(a.pushedAt),
        Kind: a.kind,
        KmsSignature: '',
      })),
    };
  },
};
