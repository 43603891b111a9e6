import { createHash } from 'node:crypto';

/** A stable, realistic digest and size for an artifact that was pushed without them. */
export function fakeDigest(...parts: (string | number)[]): string {
  return `sha256:${createHash('sha256').update(parts.join('\u0000')).digest('hex')}`;
}

export function fakeSize(digest: string, kind: 'image' | 'chart'): number {
  const seed = parseInt(digest.slice(7, 15), 16);
  return kind === 'chart' ? 4_000 + (seed % 60_000) : 2_000_000 + (seed % 180_000_000);
}
