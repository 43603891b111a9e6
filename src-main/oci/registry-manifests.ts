// Manifests over the Distribution API: fetched with a bound and checked against their digest,
// probed without their body, and pushed only when they parse and match the reference.
import {
  isDigest,
  type Manifest,
  MANIFEST_ACCEPT,
  MANIFEST_MEDIA_TYPES,
  MAX_MANIFEST_BYTES,
  parseManifest,
} from '../domain/oci-manifest.js';
import { repositoryScope } from './auth.js';
import { sha256Digest } from './digest-stream.js';
import { checkReference, checkRepo } from './registry-checks.js';
import { RegistryError } from './registry-error.js';
import { expectStatus, messageOf, readBounded } from './registry-http.js';
import type { RegistryTransport } from './registry-transport.js';

export interface FetchedManifest {
  mediaType: string;
  digest: string;
  bytes: Uint8Array;
  manifest: Manifest;
}

export async function getManifest(
  transport: RegistryTransport,
  repo: string,
  reference: string,
  signal: AbortSignal | undefined,
): Promise<FetchedManifest> {
  checkRepo(repo);
  checkReference(reference);
  const sent = await transport.send({
    method: 'GET',
    url: transport.url(`${repo}/manifests/${reference}`),
    scopes: [repositoryScope(repo, false)],
    signal,
    headers: { accept: MANIFEST_ACCEPT },
  });
  try {
    await expectStatus(sent, [200], 'MANIFEST_UNKNOWN');
    const bytes = await readBounded(sent, MAX_MANIFEST_BYTES);
    const digest = sha256Digest(bytes);
    const claimed = sent.response.headers.get('docker-content-digest');
    if ((claimed && claimed !== digest) || (isDigest(reference) && reference !== digest)) {
      throw new RegistryError(0, 'DIGEST_INVALID', `manifest ${repo}:${reference} does not match its digest`);
    }
    const contentType = (sent.response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    // Some registries serve a manifest without mediaType as application/json: the document decides.
    const known = (MANIFEST_MEDIA_TYPES as readonly string[]).includes(contentType);
    const manifest = parseOrThrow(bytes, known ? contentType : undefined);
    return { mediaType: manifest.mediaType, digest, bytes, manifest };
  } finally {
    sent.release();
  }
}

/** The manifest's digest and type without its body, or undefined when the registry has none. */
export async function headManifest(
  transport: RegistryTransport,
  repo: string,
  reference: string,
  signal: AbortSignal | undefined,
): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
  checkRepo(repo);
  checkReference(reference);
  const sent = await transport.send({
    method: 'HEAD',
    url: transport.url(`${repo}/manifests/${reference}`),
    scopes: [repositoryScope(repo, false)],
    signal,
    headers: { accept: MANIFEST_ACCEPT },
  });
  try {
    if (sent.response.status === 404) return undefined;
    await expectStatus(sent, [200], 'MANIFEST_UNKNOWN');
    const digest = sent.response.headers.get('docker-content-digest') ?? '';
    if (!isDigest(digest)) throw new RegistryError(0, 'PROTOCOL', 'registry sent no manifest digest');
    return {
      digest,
      mediaType: (sent.response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '',
      size: Number(sent.response.headers.get('content-length') ?? '0'),
    };
  } finally {
    sent.release();
  }
}

/** Pushes a manifest under a tag or its digest; returns its digest. */
export async function putManifest(
  transport: RegistryTransport,
  repo: string,
  reference: string,
  mediaType: string,
  bytes: Uint8Array,
  signal: AbortSignal | undefined,
): Promise<string> {
  checkRepo(repo);
  checkReference(reference);
  if (bytes.byteLength > MAX_MANIFEST_BYTES) throw new RegistryError(0, 'TOO_LARGE', 'manifest too large');
  parseOrThrow(bytes, mediaType);
  const digest = sha256Digest(bytes);
  if (isDigest(reference) && reference !== digest) {
    throw new RegistryError(0, 'DIGEST_INVALID', `manifest bytes do not match ${reference}`);
  }
  const sent = await transport.send({
    method: 'PUT',
    url: transport.url(`${repo}/manifests/${reference}`),
    scopes: [repositoryScope(repo, true)],
    signal,
    headers: { 'content-type': mediaType },
    body: bytes,
  });
  try {
    await expectStatus(sent, [201], 'MANIFEST_INVALID');
    const claimed = sent.response.headers.get('docker-content-digest');
    if (claimed && claimed !== digest) throw new RegistryError(0, 'DIGEST_INVALID', 'registry stored another digest');
    return digest;
  } finally {
    sent.release();
  }
}

function parseOrThrow(bytes: Uint8Array, mediaType: string | undefined): Manifest {
  try {
    return parseManifest(bytes, mediaType);
  } catch (error) {
    throw new RegistryError(0, 'MANIFEST_INVALID', messageOf(error));
  }
}
