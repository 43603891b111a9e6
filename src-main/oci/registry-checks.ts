// The names, references and digests a caller passes, checked before any request is sent.
import { isDigest, isReference, isRepositoryName } from '../domain/oci-manifest.js';
import { RegistryError } from './registry-error.js';

export function checkRepo(repo: string): void {
  if (!isRepositoryName(repo)) throw new RegistryError(0, 'NAME_INVALID', 'invalid repository name');
}
export function checkReference(reference: string): void {
  if (!isReference(reference)) throw new RegistryError(0, 'TAG_INVALID', 'invalid tag or digest');
}
export function checkDigest(digest: string): void {
  if (!isDigest(digest)) throw new RegistryError(0, 'DIGEST_INVALID', 'invalid digest');
}
