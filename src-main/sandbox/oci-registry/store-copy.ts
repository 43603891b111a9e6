// Copying a tagged artifact from one in-process registry to another, as a replication lands it:
// blobs, then child manifests, then the tag. The bytes are shared, not duplicated: content is
// immutable once stored.
import { childManifests, parseManifest, referencedBlobs } from '../../domain/oci-manifest.js';
import { blobUnknown } from './errors.js';
import type { RegistryStore, StoredManifest } from './store.js';

const MAX_DEPTH = 2;

export function copyTagged(
  from: { store: RegistryStore; name: string },
  to: { store: RegistryStore; name: string },
  tag: string,
): boolean {
  const top = from.store.manifest(from.name, tag);
  if (!top) return false;
  const copy = (manifest: StoredManifest, reference: string, depth: number): void => {
    const parsed = parseManifest(manifest.bytes, manifest.mediaType);
    for (const child of childManifests(parsed)) {
      const stored = from.store.manifest(from.name, child.digest);
      if (!stored || depth >= MAX_DEPTH) throw blobUnknown(child.digest);
      copy(stored, stored.digest, depth + 1);
    }
    for (const blob of referencedBlobs(parsed)) {
      const bytes = from.store.blob(from.name, blob.digest);
      if (!bytes) throw blobUnknown(blob.digest);
      to.store.putBlob(to.name, blob.digest, bytes);
    }
    to.store.putManifest(to.name, reference, manifest.bytes, manifest.mediaType);
  };
  copy(top, tag, 0);
  return true;
}
