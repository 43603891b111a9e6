// `/v2/<name>/blobs/uploads/[<id>]`: POST opens a session (or, with `?digest=`, uploads in one
// request; with `?mount=&from=`, links a blob of another repository: 201, else a session, 202),
// PATCH appends a chunk, PUT `?digest=` completes, GET reports progress, DELETE cancels.
import { isDigest } from '../../domain/oci-manifest.js';
import { digestInvalid, OciError } from './errors.js';
import type { Reply } from './http-io.js';
import { parseContentRange, uploadRange } from './ranges.js';
import { sha256, type RegistryStore } from './store.js';
import type { UploadSessions } from './uploads.js';

/** The body, read only once the route knows it wants it and how much it may hold. */
export type BodyReader = (max: number) => Promise<Buffer>;

function sessionReply(status: number, name: string, id: string, size: number): Reply {
  return {
    status,
    headers: {
      Location: `/v2/${name}/blobs/uploads/${id}`,
      Range: uploadRange(size),
      'Docker-Upload-UUID': id,
    },
  };
}

function blobCreated(name: string, digest: string): Reply {
  return { status: 201, headers: { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest } };
}

function digestParam(search: URLSearchParams): string {
  const digest = search.get('digest') ?? '';
  if (!isDigest(digest)) throw digestInvalid('a sha256 digest is required');
  return digest;
}

export async function startUpload(
  store: RegistryStore,
  uploads: UploadSessions,
  name: string,
  search: URLSearchParams,
  body: BodyReader,
): Promise<Reply> {
  const mount = search.get('mount');
  const from = search.get('from');
  if (mount !== null && from !== null) {
    if (!isDigest(mount)) throw digestInvalid('a sha256 digest is required');
    if (store.mountBlob(name, mount, from)) return blobCreated(name, mount);
  } else if (search.has('digest')) {
    const digest = digestParam(search);
    const bytes = await body(store.room);
    if (sha256(bytes) !== digest) throw digestInvalid();
    store.putBlob(name, digest, bytes);
    return blobCreated(name, digest);
  }
  const session = uploads.start(name);
  return sessionReply(202, name, session.id, 0);
}

export async function patchUpload(
  uploads: UploadSessions,
  store: RegistryStore,
  name: string,
  id: string,
  contentRange: string | undefined,
  body: BodyReader,
): Promise<Reply> {
  let start: number | undefined;
  if (contentRange !== undefined) {
    const range = parseContentRange(contentRange);
    if (!range) throw new OciError(416, 'BLOB_UPLOAD_INVALID', 'invalid Content-Range', { contentRange });
    start = range.start;
    // The offset is checked before the chunk is read: a refused chunk is never held.
    const size = uploads.size(name, id);
    if (start !== size) {
      throw new OciError(416, 'BLOB_UPLOAD_INVALID', 'the chunk does not start where the upload is', {
        expected: size,
        start,
      });
    }
    const chunk = await body(store.room);
    if (chunk.length !== range.end - range.start + 1) {
      throw new OciError(416, 'BLOB_UPLOAD_INVALID', 'the chunk is not as long as its Content-Range says');
    }
    return sessionReply(202, name, id, uploads.append(name, id, chunk, start));
  }
  uploads.size(name, id); // an unknown session is said before its body is read
  const chunk = await body(store.room);
  return sessionReply(202, name, id, uploads.append(name, id, chunk));
}

export async function completeUpload(
  uploads: UploadSessions,
  store: RegistryStore,
  name: string,
  id: string,
  search: URLSearchParams,
  body: BodyReader,
): Promise<Reply> {
  const digest = digestParam(search);
  uploads.size(name, id);
  const last = await body(store.room);
  uploads.complete(name, id, digest, last);
  return blobCreated(name, digest);
}

export function uploadStatus(uploads: UploadSessions, name: string, id: string): Reply {
  return { ...sessionReply(204, name, id, uploads.size(name, id)) };
}

export function cancelUpload(uploads: UploadSessions, name: string, id: string): Reply {
  uploads.cancel(name, id);
  return { status: 204 };
}
