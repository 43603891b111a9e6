// `/v2/<name>/manifests/<reference>`: GET and HEAD by tag or digest (with the media type it was
// pushed with), PUT (digest verified, referenced content required), DELETE.
import { MAX_MANIFEST_BYTES } from '../../domain/oci-manifest.js';
import { OciError } from './errors.js';
import type { Reply } from './http-io.js';
import type { RegistryStore } from './store.js';

const manifestUnknown = (reference: string): OciError =>
  new OciError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', { reference });

export const MANIFEST_BODY_LIMIT = MAX_MANIFEST_BYTES;

export function getManifest(store: RegistryStore, name: string, reference: string): Reply {
  const manifest = store.manifest(name, reference);
  if (!manifest) throw manifestUnknown(reference);
  return {
    status: 200,
    headers: {
      'Content-Type': manifest.mediaType,
      'Docker-Content-Digest': manifest.digest,
      ETag: `"${manifest.digest}"`,
    },
    body: manifest.bytes,
  };
}

export function putManifest(
  store: RegistryStore,
  name: string,
  reference: string,
  body: Buffer,
  contentType: string | undefined,
): Reply {
  const stored = store.putManifest(name, reference, body, contentType || undefined);
  return {
    status: 201,
    headers: { Location: `/v2/${name}/manifests/${stored.digest}`, 'Docker-Content-Digest': stored.digest },
  };
}

export function deleteManifest(store: RegistryStore, name: string, reference: string): Reply {
  if (!store.deleteManifest(name, reference)) throw manifestUnknown(reference);
  return { status: 202 };
}
