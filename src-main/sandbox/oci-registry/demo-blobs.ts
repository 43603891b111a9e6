// Small deterministic content for the demo's registries: pseudo-random bytes from a seed
// (AES-CTR keyed by the seed's hash), wrapped as one-file tar.gz layers, as real images hold.
import { createCipheriv, createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sha256 } from './store.js';

export interface Blob {
  mediaType: string;
  digest: string;
  size: number;
  bytes: Buffer;
}

export function blobOf(mediaType: string, bytes: Buffer): Blob {
  return { mediaType, bytes, size: bytes.length, digest: sha256(bytes) };
}

/** `length` bytes that depend only on `seed`. */
export function seededBytes(seed: string, length: number): Buffer {
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()]);
}

/** A one-file ustar archive. */
export function tar(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name.slice(0, 99), 0, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(content.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/** A layer holding one file, with the digest of its uncompressed tar (the config's diff_id). */
export function layer(mediaType: string, name: string, content: Buffer): { blob: Blob; diffId: string } {
  const archive = tar(name, content);
  // mtime 0 in the gzip header (Node writes none): the same content gives the same digest.
  return { blob: blobOf(mediaType, gzipSync(archive, { level: 1 })), diffId: sha256(archive) };
}
