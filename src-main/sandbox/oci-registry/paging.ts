// Paged lists (`_catalog`, `tags/list`): `n` entries after `last` in lexical order, and a
// `Link: <…?last=…&n=…>; rel="next"` header when more follow, as distribution pages them.
import { OciError } from './errors.js';

export const MAX_PAGE = 10_000;

export interface PageRequest {
  n?: number;
  last?: string;
}

export function pageRequest(search: URLSearchParams): PageRequest {
  const request: PageRequest = {};
  const n = search.get('n');
  if (n !== null && n !== '') {
    const value = Number(n);
    if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE) {
      throw new OciError(400, 'PAGINATION_NUMBER_INVALID', 'invalid number of results requested', { n });
    }
    request.n = value;
  }
  const last = search.get('last');
  if (last !== null && last !== '') request.last = last.slice(0, 512);
  return request;
}

/** The page of `sorted` (ascending, unique) a request asks for, and whether more follow it. */
export function pageOf(sorted: readonly string[], request: PageRequest): { items: string[]; more: boolean } {
  const after = request.last === undefined ? sorted : sorted.filter((item) => item > request.last!);
  if (request.n === undefined) return { items: [...after], more: false };
  return { items: after.slice(0, request.n), more: after.length > request.n };
}

/** The `Link` header towards the page after `items`. */
export function nextLink(path: string, items: readonly string[], n: number): string {
  const last = items.at(-1) ?? '';
  return `<${path}?last=${encodeURIComponent(last)}&n=${n}>; rel="next"`;
}
