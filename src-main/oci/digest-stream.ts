// A pass-through that hashes what flows and fails at the end when the bytes are not the blob
// they claim to be: the copy never holds a blob whole, and never trusts one unverified.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { RegistryError } from './registry-error.js';

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export class DigestVerifier extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private seen = 0;

  constructor(
    private readonly expectedDigest: string,
    private readonly expectedSize: number | undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.expectedSize !== undefined && this.seen > this.expectedSize) {
      callback(
        new RegistryError(0, 'SIZE_INVALID', `blob ${this.expectedDigest} is longer than ${this.expectedSize} bytes`),
      );
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.expectedSize !== undefined && this.seen !== this.expectedSize) {
      callback(
        new RegistryError(
          0,
          'SIZE_INVALID',
          `blob ${this.expectedDigest} has ${this.seen} bytes, not ${this.expectedSize}`,
        ),
      );
      return;
    }
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (actual !== this.expectedDigest) {
      callback(new RegistryError(0, 'DIGEST_INVALID', `blob ${this.expectedDigest} arrived with digest ${actual}`));
      return;
    }
    callback();
  }
}
