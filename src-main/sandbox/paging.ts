// Two paging styles coexist in TCR's API: item offsets (DescribeInstances, DescribeInstanceToken)
// and 1-based page numbers (Harbor-backed lists: namespaces, repositories, images, replication).

export function byOffset<T>(items: readonly T[], offset: number | undefined, limit: number): T[] {
  const start = offset ?? 0;
  return items.slice(start, start + limit);
}

/** Page 0 is taken as page 1, as the Harbor API behind TCR does. */
export function byPage<T>(items: readonly T[], page: number | undefined, size: number): T[] {
  const start = (Math.max(page ?? 1, 1) - 1) * size;
  return items.slice(start, start + size);
}
