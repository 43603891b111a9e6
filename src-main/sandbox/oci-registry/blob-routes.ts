// `/v2/<name>/blobs/<digest>`: GET (whole, or one `Range`), HEAD, DELETE.
import { blobUnknown, OciError } from './errors.js';
import type { Reply } from './http-io.js';
import { parseRange } from './ranges.js';
import type { RegistryStore } from './store.js';

export function getBlob(store: RegistryStore, name: string, digest: string, rangeHeader?: string): Reply {
  const bytes = store.blob(name, digest);
  if (!bytes) throw blobUnknown(digest);
  const headers = {
    'Content-Type': 'application/octet-stream',
    'Docker-Content-Digest': digest,
    'Accept-Ranges': 'bytes',
    ETag: `"${digest}"`,
  };
  const range = parseRange(rangeHeader, bytes.length);
  if (range === 'unsatisfiable') {
    throw new OciError(416, 'BLOB_UNKNOWN', 'requested range not satisfiable', { size: bytes.length });
  }
  if (!range) return { status: 200, headers, body: bytes };
  return {
    status: 206,
    headers: { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}` },
    body: bytes.subarray(range.start, range.end + 1),
  };
}

export function deleteBlob(store: RegistryStore, name: string, digest: string): Reply {
  if (!store.deleteBlob(name, digest)) throw blobUnknown(digest);
  return { status: 202, headers: { 'Docker-Content-Digest': digest } };
}
