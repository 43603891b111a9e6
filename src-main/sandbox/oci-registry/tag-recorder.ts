// A tag pushed to (or deleted from) an in-process registry over HTTP — by the app's Sync now,
// skopeo, docker — is recorded as a push to (delete from) the instance, as TCR records it: the
// instance's content then has the tag with its real digest, and enabled rules whose filters
// match start their runs. The engine's echo of that push is not mirrored back into the registry
// (it would replace the pushed content with generated content).
import { ApiError } from '../api-error.js';
import type { ContentChange } from '../replication-engine.js';
import { summarizeManifest } from '../registry-listing.js';
import type { SandboxState } from '../state.js';
import type { DeleteInput, PushInput } from '../types.js';
import type { TagChange } from './registry.js';

export interface ContentRecorder {
  push(input: PushInput): void;
  delete(input: DeleteInput): void;
}

const key = (registryId: string, namespace: string, repository: string, tag: string) =>
  `${registryId}\u0000${namespace}\u0000${repository}\u0000${tag}`;

export class TagRecorder {
  readonly #state: SandboxState;
  readonly #record: ContentRecorder;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  /** The push being recorded: its echo from the engine is not mirrored. */
  #recording: string | undefined;

  constructor(state: SandboxState, record: ContentRecorder, now: () => number, onError: (error: unknown) => void) {
    this.#state = state;
    this.#record = record;
    this.#now = now;
    this.#onError = onError;
  }

  /** Whether a content change is the engine's echo of the push being recorded. */
  isEcho(change: ContentChange): boolean {
    return (
      change.kind === 'pushed' &&
      this.#recording === key(change.at.registryId, change.at.namespace, change.at.repository, change.artifact.tag)
    );
  }

  /** The handler of one instance's registry. */
  forInstance(registryId: string): (change: TagChange) => void {
    return (change) => {
      const slash = change.name.indexOf('/');
      if (slash <= 0) return;
      const namespace = change.name.slice(0, slash);
      const repository = change.name.slice(slash + 1);
      try {
        if (change.kind === 'deleted') {
          this.#record.delete({ registryId, namespace, repository, tag: change.tag });
          return;
        }
        this.#ensureNamespace(registryId, namespace);
        const summary = summarizeManifest(change.manifest.bytes, change.manifest.mediaType);
        this.#recording = key(registryId, namespace, repository, change.tag);
        this.#record.push({
          registryId,
          namespace,
          repository,
          tag: change.tag,
          kind: summary.kind,
          digest: change.manifest.digest,
          size: summary.size,
        });
      } catch (error) {
        // The registry has already answered; an instance gone or a tag unknown to it is no fault.
        if (!(error instanceof ApiError)) this.#onError(error);
      } finally {
        this.#recording = undefined;
      }
    };
  }

  /** A namespace made with CreateNamespace on a backed instance exists in the registry only. */
  #ensureNamespace(registryId: string, namespace: string): void {
    const instance = this.#state.findInstance(registryId)?.instance;
    if (!instance || instance.namespaces.some((n) => n.name === namespace)) return;
    instance.namespaces.push({ name: namespace, public: false, createdAt: this.#now(), repositories: [] });
  }
}
