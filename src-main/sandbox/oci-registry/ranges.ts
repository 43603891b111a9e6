// Byte ranges: an upload chunk's `Content-Range: <start>-<end>` (distribution's form, `bytes `
// accepted too), a blob GET's `Range: bytes=<start>-[<end>]`, and the `Range` an upload answers.

/** `start-end` (inclusive) of a chunk; undefined when malformed. */
export function parseContentRange(header: string | undefined): { start: number; end: number } | undefined {
  const match = /^(?:bytes[ =])?(\d{1,15})-(\d{1,15})(?:\/(?:\d{1,15}|\*))?$/.exec((header ?? '').trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end >= start ? { start, end } : undefined;
}

export type BlobRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** The part of a blob of `size` bytes a `Range` header asks for; undefined = the whole blob. */
export function parseRange(header: string | undefined, size: number): BlobRange {
  if (!header) return undefined;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined; // not a single range: ignored, as allowed
  if (match[1] === '') {
    // A suffix: the last N bytes.
    const length = Number(match[2]);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The `Range` an upload session reports: `0-<last byte>`, `0-0` when empty (as distribution). */
export function uploadRange(size: number): string {
  return `0-${Math.max(0, size - 1)}`;
}
