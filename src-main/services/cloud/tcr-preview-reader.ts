import type { CloudErrorView } from '../../contract/index.js';
import type { KeysFor } from '../../domain/access-keys.js';
import type { ImmutableTagRule, PreviewArtifact } from '../../domain/rule-preview.js';
import { describeTcrError, TcrGateway, type CloudTarget, type TcrGatewayOptions } from '../../tcr/index.js';

/**
 * The rule preview's reads (it is the `PreviewReader` port of services/rules/preview-port.ts,
 * spelled out here as this folder may not import the rules feature).
 */
export interface TcrPreviewReader {
  repositories(
    target: CloudTarget,
    registryId: string,
    namespace: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ namespace: string; repository: string }[]>;
  images(
    target: CloudTarget,
    registryId: string,
    ref: { namespace: string; repository: string },
    signal?: AbortSignal,
  ): Promise<PreviewArtifact[]>;
  immutableRules(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<ImmutableTagRule[]>;
  describeError(error: unknown): CloudErrorView;
  forgetProfile(profileId: string): void;
  close(): void;
}

/** The rule preview's reads over the TCR gateway (its own gateway: the preview's lists are long). */
export function createTcrPreviewReader(
  keysFor: KeysFor,
  options: Omit<TcrGatewayOptions, 'keysFor'> = {},
): TcrPreviewReader {
  const gateway = new TcrGateway({ ...options, keysFor });
  return {
    async repositories(target, registryId, namespace, signal) {
      const found = await gateway.listRepositories(
        target,
        { registryId, ...(namespace !== undefined ? { namespace } : {}) },
        signal ? { signal } : {},
      );
      // TCR names a repository with its namespace (`ns/app`); the app keeps the part below it.
      return found.map((r) => ({
        namespace: r.namespace,
        repository: r.name.startsWith(`${r.namespace}/`) ? r.name.slice(r.namespace.length + 1) : r.name,
      }));
    },
    async images(target, registryId, ref, signal) {
      const found = await gateway.listImages(
        target,
        { registryId, namespace: ref.namespace, repository: ref.repository },
        signal ? { signal } : {},
      );
      return found.map((i) => ({ tag: i.tag, digest: i.digest, kind: i.kind }));
    },
    async immutableRules(target, registryId, signal) {
      const found = await gateway.listImmutableTagRules(target, registryId, signal ? { signal } : {});
      return found.map((r) => ({
        namespace: r.namespace,
        repositoryPattern: r.repositoryPattern,
        repositoryDecoration: r.repositoryDecoration,
        tagPattern: r.tagPattern,
        tagDecoration: r.tagDecoration,
        disabled: r.disabled,
      }));
    },
    describeError: describeTcrError,
    forgetProfile: (profileId) => gateway.forgetProfile(profileId),
    close: () => gateway.close(),
  };
}
