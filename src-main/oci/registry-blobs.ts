// Blobs over the Distribution API: probed by size, mounted across repositories of the registry,
// and pulled as a stream verified while it flows and guarded by an idle timeout.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { repositoryScope } from './auth.js';
import { DigestVerifier } from './digest-stream.js';
import { checkDigest, checkRepo } from './registry-checks.js';
import { RegistryError } from './registry-error.js';
import { expectStatus, messageOf } from './registry-http.js';
import type { RegistryTransport } from './registry-transport.js';

export type MountResult = { mounted: true } | { mounted: false; uploadUrl: string };

/** The blob's size, or undefined when the repository does not have it. */
export async function headBlob(
  transport: RegistryTransport,
  repo: string,
  digest: string,
  signal: AbortSignal | undefined,
): Promise<number | undefined> {
  checkRepo(repo);
  checkDigest(digest);
  const sent = await transport.send({
    method: 'HEAD',
    url: transport.url(`${repo}/blobs/${digest}`),
    scopes: [repositoryScope(repo, false)],
    signal,
  });
  try {
    if (sent.response.status === 404) return undefined;
    await expectStatus(sent, [200], 'BLOB_UNKNOWN');
    const size = Number(sent.response.headers.get('content-length'));
    if (!Number.isSafeInteger(size) || size < 0) throw new RegistryError(0, 'PROTOCOL', 'registry sent no blob size');
    return size;
  } finally {
    sent.release();
  }
}

/**
 * Asks the registry to link a blob from another repository of it. When it cannot (202), the
 * upload session it opened instead is returned: pass it to pushBlob, or cancel it.
 */
export async function mountBlob(
  transport: RegistryTransport,
  targetRepo: string,
  digest: string,
  fromRepo: string,
  signal: AbortSignal | undefined,
): Promise<MountResult> {
  checkRepo(targetRepo);
  checkRepo(fromRepo);
  checkDigest(digest);
  const url = transport.url(`${targetRepo}/blobs/uploads/`);
  url.searchParams.set('mount', digest);
  url.searchParams.set('from', fromRepo);
  const sent = await transport.send({
    method: 'POST',
    url,
    scopes: [repositoryScope(targetRepo, true), repositoryScope(fromRepo, false)],
    signal,
    headers: { 'content-length': '0' },
  });
  try {
    await expectStatus(sent, [201, 202], 'BLOB_UPLOAD_INVALID');
    if (sent.response.status === 201) return { mounted: true };
    return { mounted: false, uploadUrl: transport.location(sent.response).href };
  } finally {
    sent.release();
  }
}

/**
 * The blob as a stream that is verified while it flows: it errors at the end (RegistryError
 * DIGEST_INVALID / SIZE_INVALID) when the bytes are not the blob. Never buffered whole.
 */
export async function pullBlob(
  transport: RegistryTransport,
  idleTimeoutMs: number,
  repo: string,
  digest: string,
  signal: AbortSignal | undefined,
  expectedSize: number | undefined,
): Promise<Readable> {
  checkRepo(repo);
  checkDigest(digest);
  const sent = await transport.send({
    method: 'GET',
    url: transport.url(`${repo}/blobs/${digest}`),
    scopes: [repositoryScope(repo, false)],
    signal,
  });
  try {
    await expectStatus(sent, [200], 'BLOB_UNKNOWN');
  } catch (error) {
    sent.release();
    throw error;
  }
  sent.release(); // from here the idle timeout guards the body
  const body = sent.response.body;
  if (!body) throw new RegistryError(0, 'PROTOCOL', 'blob response has no body');
  const lengthHeader = sent.response.headers.get('content-length');
  const size = expectedSize ?? (lengthHeader === null ? undefined : Number(lengthHeader));
  const verifier = new DigestVerifier(digest, size !== undefined && Number.isSafeInteger(size) ? size : undefined);
  const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  let idle: NodeJS.Timeout | undefined;
  let idleExpired = false;
  const arm = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      // A consumer that is not reading (a slow upload downstream) is not a stalled registry.
      if (source.isPaused() || verifier.writableNeedDrain || verifier.readableLength > 0) {
        arm();
        return;
      }
      idleExpired = true;
      source.destroy(new RegistryError(0, 'TIMEOUT', `no bytes of ${digest} for ${idleTimeoutMs} ms`));
    }, idleTimeoutMs);
  };
  const onAbort = (): void => {
    source.destroy(new RegistryError(0, 'ABORTED', 'cancelled'));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const done = (): void => {
    clearTimeout(idle);
    signal?.removeEventListener('abort', onAbort);
  };
  arm();
  source.on('data', arm);
  source.on('error', (error: unknown) => {
    done();
    const mapped =
      error instanceof RegistryError
        ? error
        : signal?.aborted
          ? new RegistryError(0, 'ABORTED', 'cancelled')
          : idleExpired
            ? new RegistryError(0, 'TIMEOUT', 'blob stalled')
            : new RegistryError(0, 'NETWORK', `blob transfer failed: ${messageOf(error)}`);
    verifier.destroy(mapped);
  });
  source.on('end', done);
  // A consumer that stops early (destroys the stream) also ends the download.
  verifier.on('close', () => {
    done();
    if (!source.readableEnded) source.destroy();
  });
  return source.pipe(verifier);
}
