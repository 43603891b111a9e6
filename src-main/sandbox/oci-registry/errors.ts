// The OCI Distribution error reply: `{"errors":[{"code","message","detail"}]}` with the status
// distribution answers for each code.

export type OciErrorCode =
  | 'BLOB_UNKNOWN'
  | 'BLOB_UPLOAD_INVALID'
  | 'BLOB_UPLOAD_UNKNOWN'
  | 'DIGEST_INVALID'
  | 'MANIFEST_BLOB_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'NAME_INVALID'
  | 'NAME_UNKNOWN'
  | 'SIZE_INVALID'
  | 'UNAUTHORIZED'
  | 'DENIED'
  /** Harbor's refusal of an immutable tag's overwrite or delete (412). */
  | 'PRECONDITION'
  | 'UNSUPPORTED'
  | 'PAGINATION_NUMBER_INVALID'
  | 'TOOMANYREQUESTS';

export class OciError extends Error {
  constructor(
    readonly status: number,
    readonly code: OciErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'OciError';
  }
}

export function errorBody(error: OciError): { errors: { code: string; message: string; detail?: unknown }[] } {
  return {
    errors: [
      { code: error.code, message: error.message, ...(error.detail === undefined ? {} : { detail: error.detail }) },
    ],
  };
}

export const blobUnknown = (digest: string): OciError =>
  new OciError(404, 'BLOB_UNKNOWN', 'blob unknown to registry', { digest });
export const nameUnknown = (name: string): OciError =>
  new OciError(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
export const uploadUnknown = (): OciError =>
  new OciError(404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry');
export const digestInvalid = (message = 'provided digest did not match uploaded content'): OciError =>
  new OciError(400, 'DIGEST_INVALID', message);
export const tooLarge = (what: string): OciError =>
  new OciError(413, 'DENIED', `${what}: the registry's storage limit`);
