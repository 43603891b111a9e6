// One chunk of an upload, sent with PATCH and, after a dropped connection, resumed from what the
// registry says it holds (`Range: 0-<last>`). A session the registry no longer has is UploadLost.
import { repositoryScope } from './auth.js';
import { RegistryError } from './registry-error.js';
import { expectStatus } from './registry-http.js';
import type { RegistryTransport } from './registry-transport.js';

/** What sending one chunk needs of the upload settings. */
export interface ChunkSettings {
  transport: RegistryTransport;
  /** One PATCH of an upload chunk. */
  chunkTimeoutMs: number;
}

/** The registry no longer has the upload session; only sending the blob again helps. */
export class UploadLost extends Error {
  constructor(override readonly cause: RegistryError) {
    super(cause.message);
  }
}

/** Sends `chunk` (which starts at byte `start` of the blob); returns the session's next location. */
export async function patchChunk(
  settings: ChunkSettings,
  repo: string,
  location: URL,
  chunk: Uint8Array,
  start: number,
  resumes: { left: number },
  signal: AbortSignal | undefined,
): Promise<URL> {
  const { transport } = settings;
  let from = 0; // bytes of this chunk the registry already has
  let resumed = false;
  for (;;) {
    const part = chunk.subarray(from);
    try {
      const sent = await transport.send({
        method: 'PATCH',
        url: location,
        scopes: [repositoryScope(repo, true)],
        signal,
        timeoutMs: settings.chunkTimeoutMs,
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': `${start + from}-${start + chunk.length - 1}`,
        },
        body: part,
      });
      try {
        await expectStatus(sent, [202], 'BLOB_UPLOAD_INVALID');
        return transport.location(sent.response);
      } finally {
        sent.release();
      }
    } catch (error) {
      // A resumed session the registry refuses after all (it may finish cancelling the broken
      // request only now): lost, like one whose status it refuses.
      if (
        resumed &&
        error instanceof RegistryError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 401 &&
        error.status !== 403
      ) {
        throw new UploadLost(error);
      }
      if (!(error instanceof RegistryError) || error.code !== 'NETWORK' || resumes.left <= 0) throw error;
      resumes.left -= 1;
      resumed = true;
      const status = await uploadStatus(transport, repo, location, signal).catch((lost: unknown) => {
        // 4xx: the registry dropped the session; anything else (network, abort) as it is.
        if (lost instanceof RegistryError && lost.status >= 400 && lost.status < 500) throw new UploadLost(lost);
        throw lost;
      });
      if (status.stored < start || status.stored > start + chunk.length) {
        throw new UploadLost(new RegistryError(0, 'BLOB_UPLOAD_INVALID', 'the registry lost part of the upload'));
      }
      from = status.stored - start;
      location = status.location;
      if (from === chunk.length) return location;
    }
  }
}

/** How many bytes of an upload the registry holds (`Range: 0-<last>`). */
async function uploadStatus(
  transport: RegistryTransport,
  repo: string,
  location: URL,
  signal: AbortSignal | undefined,
): Promise<{ stored: number; location: URL }> {
  const sent = await transport.send({ method: 'GET', url: location, scopes: [repositoryScope(repo, true)], signal });
  try {
    await expectStatus(sent, [204], 'BLOB_UPLOAD_UNKNOWN');
    const range = /^(?:bytes=)?0-(\d+)$/.exec(sent.response.headers.get('range') ?? '');
    // Distribution answers 0-0 both for nothing and for one byte; nothing is the safe reading.
    const last = range ? Number(range[1]) : -1;
    const stored = last <= 0 ? 0 : last + 1;
    return { stored, location: sent.response.headers.get('location') ? transport.location(sent.response) : location };
  } finally {
    sent.release();
  }
}
