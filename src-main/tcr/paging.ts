// Fetching every page of a TCR list. Two styles exist (item offsets for DescribeInstances and
// DescribeInstanceToken, 1-based page numbers for the Harbor-backed lists); both reduce to
// "page i of size n". Once the first page has told the TotalCount, the other pages are fetched
// concurrently (the rate limiter paces them). A server whose TotalCount is wrong must not make
// the app loop or flood it, so: pages are bounded by maxPages, a short page stops new ones from
// being scheduled, and an under-reported TotalCount is followed page by page while pages come full.

export interface Page<T> {
  items: T[];
  /** The server's TotalCount; undefined when absent or not a count. */
  totalCount: number | undefined;
}

export interface FetchAllOptions<T> {
  pageSize: number;
  /** Fetches page `index` (0-based) of `pageSize` items. */
  fetchPage: (index: number, pageSize: number) => Promise<Page<T>>;
  /** Pages in flight at once after the first; default 8. */
  concurrency?: number;
  /** Never more pages than this; default 1000. */
  maxPages?: number;
}

export function countOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export async function fetchAllPages<T>(options: FetchAllOptions<T>): Promise<T[]> {
  const maxPages = options.maxPages ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const first = await options.fetchPage(0, options.pageSize);
  // Filled out of order by concurrent workers: a slot is empty until its page arrives.
  const pages: (T[] | undefined)[] = [first.items];
  if (first.items.length === 0) return [];

  const total = countOrUndefined(first.totalCount);
  let size = options.pageSize;
  // A server that caps the page size below what was asked answers a short first page although
  // more remain: go on with the size it actually serves.
  if (total !== undefined && first.items.length < Math.min(total, size)) size = first.items.length;
  if (total === undefined && first.items.length < size) return first.items;

  let next = 1;
  let end = total === undefined ? 1 : Math.min(maxPages, Math.ceil(total / size));
  const fetchInto = async (index: number): Promise<void> => {
    const page = await options.fetchPage(index, size);
    pages[index] = page.items;
    if (page.items.length < size) end = Math.min(end, index + 1);
  };
  const worker = async (): Promise<void> => {
    while (next < end) {
      const index = next;
      next += 1;
      await fetchInto(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(0, end - next)) }, worker));

  // The TotalCount said "done" but every page came full and there were more items than it
  // claimed (or there was no count at all): follow the pages one by one while they come full.
  const fetched = (): number => pages.reduce((n, p) => n + (p?.length ?? 0), 0);
  const lastFull = (): boolean => (pages[end - 1]?.length ?? 0) === size;
  while (lastFull() && end < maxPages && (total === undefined || fetched() > total)) {
    await fetchInto(end);
    if ((pages[end]?.length ?? 0) < size) break;
    end += 1;
  }
  return pages.flatMap((p) => p ?? []);
}
