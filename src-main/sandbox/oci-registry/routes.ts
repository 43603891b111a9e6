// The Distribution API's paths: `/v2/`, `/v2/_catalog`, and under a repository name of one or
// more `/`-separated components, its tags, manifests, blobs and upload sessions.
import { isDigest, isReference, isRepositoryName } from '../../domain/oci-manifest.js';
import { OciError } from './errors.js';

export type Route =
  | { kind: 'ping' }
  | { kind: 'catalog' }
  | { kind: 'tags'; name: string }
  | { kind: 'manifest'; name: string; reference: string }
  | { kind: 'blob'; name: string; digest: string }
  | { kind: 'uploads'; name: string }
  | { kind: 'upload'; name: string; id: string };

const UPLOAD_ID = /^[a-f0-9-]{36}$/;

function checkedName(name: string): string {
  if (!isRepositoryName(name)) throw new OciError(400, 'NAME_INVALID', 'invalid repository name', { name });
  return name;
}

/** The route of a request path, undefined for a path the API does not have (404). Throws OciError for a bad name or reference. */
export function parseRoute(pathname: string): Route | undefined {
  if (pathname === '/v2/' || pathname === '/v2') return { kind: 'ping' };
  if (pathname === '/v2/_catalog') return { kind: 'catalog' };
  let match = /^\/v2\/(.+)\/tags\/list$/.exec(pathname);
  if (match?.[1]) return { kind: 'tags', name: checkedName(match[1]) };
  match = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(pathname);
  if (match?.[1] && match[2]) {
    const reference = decodeURIComponent(match[2]);
    if (!isReference(reference)) {
      throw reference.includes(':')
        ? new OciError(400, 'DIGEST_INVALID', 'invalid digest', { reference })
        : new OciError(400, 'MANIFEST_INVALID', 'invalid tag', { reference });
    }
    return { kind: 'manifest', name: checkedName(match[1]), reference };
  }
  match = /^\/v2\/(.+)\/blobs\/uploads\/?$/.exec(pathname);
  if (match?.[1]) return { kind: 'uploads', name: checkedName(match[1]) };
  match = /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/.exec(pathname);
  if (match?.[1] && match[2]) {
    if (!UPLOAD_ID.test(match[2])) throw new OciError(404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry');
    return { kind: 'upload', name: checkedName(match[1]), id: match[2] };
  }
  match = /^\/v2\/(.+)\/blobs\/([^/]+)$/.exec(pathname);
  if (match?.[1] && match[2]) {
    const digest = decodeURIComponent(match[2]);
    if (!isDigest(digest)) throw new OciError(400, 'DIGEST_INVALID', 'invalid digest', { digest });
    return { kind: 'blob', name: checkedName(match[1]), digest };
  }
  return undefined;
}
