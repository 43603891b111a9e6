// Putting generated demo content into a registry's store: one tag, or all an instance's seed has.
// The instance's record of the tag then takes the real digest and size, so that the replication
// engine compares what the registries hold (the seed's digests are stand-ins).
import { summarizeManifest } from '../registry-listing.js';
import type { SandboxArtifact, SandboxInstance } from '../types.js';
import type { DemoContent } from './demo-content.js';
import type { RegistryStore } from './store.js';

/**
 * Puts one tag's generated content into a store (blobs, then manifests, children before their
 * index) and gives `artifact` the tagged manifest's digest and size.
 */
export function fillArtifact(
  store: RegistryStore,
  namespace: string,
  repository: string,
  artifact: SandboxArtifact,
  content: DemoContent,
): void {
  const name = `${namespace}/${repository}`;
  const made = content.artifact(namespace, repository, artifact);
  for (const blob of made.blobs) store.putBlob(name, blob.digest, blob.bytes);
  made.manifests.forEach((manifest, i) => {
    const tagged = i === made.manifests.length - 1;
    store.putManifest(name, tagged ? artifact.tag : manifest.digest, manifest.bytes, manifest.mediaType);
    if (tagged) {
      artifact.digest = manifest.digest;
      artifact.size = summarizeManifest(manifest.bytes, manifest.mediaType).size;
    }
  });
}

/** Puts the instance's seeded tags into a store. */
export function fillStore(store: RegistryStore, instance: SandboxInstance, content: DemoContent): void {
  for (const namespace of instance.namespaces) {
    for (const repository of namespace.repositories) {
      for (const artifact of repository.artifacts)
        fillArtifact(store, namespace.name, repository.name, artifact, content);
    }
  }
}
