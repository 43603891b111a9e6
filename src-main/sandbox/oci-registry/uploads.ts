// Blob upload sessions: chunks appended in order (a chunk at any other offset is refused, 416),
// hashed as they come, committed when the digest the client names matches. Each session's bytes
// are reserved in the store, so uploads in flight count towards its limit; idle sessions expire.
import { createHash, type Hash, randomUUID } from 'node:crypto';
import { digestInvalid, OciError, uploadUnknown } from './errors.js';
import type { RegistryStore } from './store.js';

interface Session {
  id: string;
  name: string;
  chunks: Buffer[];
  size: number;
  hash: Hash;
  touchedAt: number;
}

export interface UploadOptions {
  /** An idle session is dropped after this long; default 15 min. */
  expiryMs?: number;
  /** Sessions open at once; default 256. */
  maxSessions?: number;
  now?: () => number;
}

export class UploadSessions {
  readonly #store: RegistryStore;
  readonly #sessions = new Map<string, Session>();
  readonly #expiryMs: number;
  readonly #maxSessions: number;
  readonly #now: () => number;

  constructor(store: RegistryStore, options: UploadOptions = {}) {
    this.#store = store;
    this.#expiryMs = options.expiryMs ?? 15 * 60_000;
    this.#maxSessions = options.maxSessions ?? 256;
    this.#now = options.now ?? Date.now;
  }

  get open(): number {
    return this.#sessions.size;
  }

  #sweep(): void {
    const now = this.#now();
    for (const session of this.#sessions.values()) {
      if (now - session.touchedAt > this.#expiryMs) this.#drop(session);
    }
  }

  #drop(session: Session): void {
    this.#sessions.delete(session.id);
    this.#store.release(session.size);
  }

  start(name: string): { id: string; size: number } {
    this.#sweep();
    if (this.#sessions.size >= this.#maxSessions) {
      throw new OciError(429, 'TOOMANYREQUESTS', 'too many upload sessions open');
    }
    const session: Session = {
      id: randomUUID(),
      name,
      chunks: [],
      size: 0,
      hash: createHash('sha256'),
      touchedAt: this.#now(),
    };
    this.#sessions.set(session.id, session);
    return { id: session.id, size: 0 };
  }

  /** The session of this repository, or BLOB_UPLOAD_UNKNOWN. */
  #session(name: string, id: string): Session {
    this.#sweep();
    const session = this.#sessions.get(id);
    if (!session || session.name !== name) throw uploadUnknown();
    session.touchedAt = this.#now();
    return session;
  }

  size(name: string, id: string): number {
    return this.#session(name, id).size;
  }

  /** Appends a chunk; `start` (from Content-Range) must be where the session is. */
  append(name: string, id: string, chunk: Buffer, start?: number): number {
    const session = this.#session(name, id);
    if (start !== undefined && start !== session.size) {
      throw new OciError(416, 'BLOB_UPLOAD_INVALID', 'the chunk does not start where the upload is', {
        expected: session.size,
        start,
      });
    }
    if (chunk.length === 0) return session.size;
    this.#store.reserve(chunk.length);
    session.chunks.push(chunk);
    session.hash.update(chunk);
    session.size += chunk.length;
    return session.size;
  }

  /** Completes the upload: the bytes become the blob `digest` of the repository, or DIGEST_INVALID. */
  complete(name: string, id: string, digest: string, last: Buffer): void {
    if (last.length > 0) this.append(name, id, last);
    const session = this.#session(name, id);
    this.#drop(session);
    const actual = `sha256:${session.hash.digest('hex')}`;
    if (actual !== digest) throw digestInvalid();
    this.#store.putBlob(name, digest, session.chunks.length === 1 ? session.chunks[0]! : Buffer.concat(session.chunks));
  }

  cancel(name: string, id: string): void {
    this.#drop(this.#session(name, id));
  }
}
