// Pushing a blob in chunks over one upload session: resumed from what the registry holds after a
// dropped connection, sent again in a new session when the registry lost the old one (if the
// source can be reopened), checked before the commit, and cancelled when it fails.
import { createHash } from 'node:crypto';
import { repositoryScope } from './auth.js';
import { rechunk } from './rechunk.js';
import { patchChunk, UploadLost } from './registry-upload-resume.js';
import { checkDigest, checkRepo } from './registry-checks.js';
import { RegistryError } from './registry-error.js';
import { expectStatus } from './registry-http.js';
import type { RegistryTransport } from './registry-transport.js';

/** A blob to push: a stream, or a function that opens it (again, should the upload be lost). */
export type BlobSource = AsyncIterable<Uint8Array> | (() => Promise<AsyncIterable<Uint8Array>>);

export interface UploadSettings {
  transport: RegistryTransport;
  /** Bytes per PATCH; also the most of one upload held in memory. */
  chunkSize: number;
  /** One PATCH of an upload chunk. */
  chunkTimeoutMs: number;
  /** Resumes of one upload after dropped connections. */
  maxResumes: number;
}

/** Cancels an upload session (e.g. the one a refused mount opened). */
export async function cancelUpload(
  transport: RegistryTransport,
  repo: string,
  uploadUrl: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const sent = await transport.send({
    method: 'DELETE',
    url: transport.sameRegistry(uploadUrl),
    scopes: [repositoryScope(repo, true)],
    signal,
  });
  try {
    await expectStatus(sent, [204, 200, 404], 'BLOB_UPLOAD_UNKNOWN');
  } finally {
    sent.release();
  }
}

/**
 * Uploads a blob in chunks of `chunkSize` (the most held in memory). After a dropped connection
 * it asks the registry how much it has and resumes from there. A registry that lost the session
 * instead (distribution 2.8 cancels an upload whose last PATCH broke off mid-body) is sent the
 * blob again in a new session when `source` can be reopened (a function), else the push fails.
 * The digest and size are checked before the upload is committed; a wrong blob is never stored.
 */
export async function pushBlob(
  settings: UploadSettings,
  repo: string,
  digest: string,
  size: number,
  source: BlobSource,
  signal: AbortSignal | undefined,
  uploadUrl: string | undefined,
): Promise<void> {
  const { transport } = settings;
  checkRepo(repo);
  checkDigest(digest);
  if (!Number.isSafeInteger(size) || size < 0) throw new RegistryError(0, 'SIZE_INVALID', 'invalid blob size');
  const reopen = typeof source === 'function' ? source : undefined;
  let stream = typeof source === 'function' ? await source() : source;
  let location = uploadUrl ? transport.sameRegistry(uploadUrl) : await startUpload(transport, repo, signal);
  const resumes = { left: settings.maxResumes };
  for (;;) {
    try {
      await uploadOnce(settings, repo, digest, size, stream, location, resumes, signal);
      return;
    } catch (error) {
      if (error instanceof UploadLost) {
        if (!reopen || resumes.left <= 0 || signal?.aborted) throw error.cause;
        resumes.left -= 1;
        location = await startUpload(transport, repo, signal);
        stream = await reopen();
        continue;
      }
      const failed = error instanceof UploadFailed ? error : undefined;
      // The session is cancelled so that no half-sent blob lingers; on Cancel without waiting.
      const cancelling = cancelUpload(transport, repo, (failed?.location ?? location).href, undefined).catch(
        () => undefined,
      );
      if (!signal?.aborted) await cancelling;
      throw failed ? failed.cause : error;
    }
  }
}

async function uploadOnce(
  settings: UploadSettings,
  repo: string,
  digest: string,
  size: number,
  stream: AsyncIterable<Uint8Array>,
  start: URL,
  resumes: { left: number },
  signal: AbortSignal | undefined,
): Promise<void> {
  let location = start;
  const hash = createHash('sha256');
  let offset = 0;
  try {
    for await (const chunk of rechunk(stream, settings.chunkSize)) {
      if (offset + chunk.length > size)
        throw new RegistryError(0, 'SIZE_INVALID', `blob ${digest} is longer than ${size} bytes`);
      hash.update(chunk);
      location = await patchChunk(settings, repo, location, chunk, offset, resumes, signal);
      offset += chunk.length;
    }
    if (offset !== size) throw new RegistryError(0, 'SIZE_INVALID', `blob ${digest} has ${offset} bytes, not ${size}`);
    const actual = `sha256:${hash.digest('hex')}`;
    if (actual !== digest) throw new RegistryError(0, 'DIGEST_INVALID', `blob ${digest} has digest ${actual}`);
    const commit = new URL(location);
    commit.searchParams.set('digest', digest);
    const sent = await settings.transport.send({
      method: 'PUT',
      url: commit,
      scopes: [repositoryScope(repo, true)],
      signal,
      headers: { 'content-length': '0' },
    });
    try {
      await expectStatus(sent, [201], 'BLOB_UPLOAD_INVALID');
    } finally {
      sent.release();
    }
  } catch (error) {
    if (error instanceof UploadLost) throw error;
    throw new UploadFailed(location, error);
  }
}

async function startUpload(transport: RegistryTransport, repo: string, signal: AbortSignal | undefined): Promise<URL> {
  const sent = await transport.send({
    method: 'POST',
    url: transport.url(`${repo}/blobs/uploads/`),
    scopes: [repositoryScope(repo, true)],
    signal,
    headers: { 'content-length': '0' },
  });
  try {
    await expectStatus(sent, [202], 'BLOB_UPLOAD_INVALID');
    return transport.location(sent.response);
  } finally {
    sent.release();
  }
}

/** An upload that failed at `location` (the session to cancel). */
class UploadFailed extends Error {
  constructor(
    readonly location: URL,
    override readonly cause: unknown,
  ) {
    super('upload failed');
  }
}
