import type { CloudErrorView } from '../../contract/index.js';
import type { ImmutableTagRule, PreviewArtifact } from '../../domain/rule-preview.js';
import type { CloudTarget } from '../cloud/cloud-port.js';

export type { CloudTarget, ImmutableTagRule, PreviewArtifact };

/** A repository of an instance: its namespace and its name below the namespace. */
export interface RepositoryRef {
  namespace: string;
  repository: string;
}

/**
 * What the rule preview reads from the cloud, and nothing else (so it is tested without the SDK).
 * Every call is a read, in the instance's region (`target.region`), all pages.
 */
export interface PreviewReader {
  /**
   * Every repository of the instance, or of one of its namespaces (DescribeRepositories). A
   * namespace the cloud does not know fails as not found.
   */
  repositories(
    target: CloudTarget,
    registryId: string,
    namespace: string | undefined,
    signal?: AbortSignal,
  ): Promise<RepositoryRef[]>;
  /** Every tag of one repository (DescribeImages). */
  images(target: CloudTarget, registryId: string, ref: RepositoryRef, signal?: AbortSignal): Promise<PreviewArtifact[]>;
  /** The instance's immutable-tag rules, every namespace's (DescribeImmutableTagRules). */
  immutableRules(target: CloudTarget, registryId: string, signal?: AbortSignal): Promise<ImmutableTagRule[]>;
  /** Any failure of the calls above, as the user is shown it (code, message, action, RequestId). */
  describeError(error: unknown): CloudErrorView;
}
