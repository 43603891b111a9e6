// What the copy engine does with one artifact, decided from digests alone (pure): copy it, leave
// an identical tag alone, or keep a different tag the user chose not to override.

export type ArtifactDecision = 'copy' | 'unchanged' | 'kept';
export type ArtifactOutcome = 'copied' | 'unchanged' | 'kept' | 'failed';

/**
 * `targetDigest` is undefined when the target has no such tag. The same digest is never sent
 * again; another digest is replaced only when the user allows overriding.
 */
export function decideArtifact(
  sourceDigest: string,
  targetDigest: string | undefined,
  override: boolean,
): ArtifactDecision {
  if (targetDigest === undefined) return 'copy';
  if (targetDigest === sourceDigest) return 'unchanged';
  return override ? 'copy' : 'kept';
}

/** Items in first-seen order, each key once (an index may name a manifest twice, images share layers). */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

/**
 * The order manifests are pushed in: an index's children first (each once, never the index
 * itself), the tag's own manifest last, so that a run cut short leaves no tag naming missing content.
 */
export function manifestPushOrder(topDigest: string, childDigests: readonly string[]): string[] {
  return [...uniqueBy(childDigests, (d) => d).filter((d) => d !== topDigest), topDigest];
}
