// `/v2/_catalog` and `/v2/<name>/tags/list`, paged.
import { nameUnknown } from './errors.js';
import type { Reply } from './http-io.js';
import { nextLink, pageOf, pageRequest } from './paging.js';
import type { RegistryStore } from './store.js';

/** The catalog's page when the client names no `n` (as distribution's default `maxentries`). */
const CATALOG_DEFAULT_PAGE = 1000;

export function catalog(store: RegistryStore, search: URLSearchParams): Reply {
  const request = pageRequest(search);
  const n = request.n ?? CATALOG_DEFAULT_PAGE;
  const { items, more } = pageOf(store.repositories(), { ...request, n });
  return {
    status: 200,
    headers: more ? { Link: nextLink('/v2/_catalog', items, n) } : {},
    body: { repositories: items },
  };
}

export function tagList(store: RegistryStore, name: string, search: URLSearchParams): Reply {
  const tags = store.tags(name);
  if (!tags) throw nameUnknown(name);
  const request = pageRequest(search);
  const { items, more } = pageOf(tags, request);
  return {
    status: 200,
    headers: more && request.n ? { Link: nextLink(`/v2/${name}/tags/list`, items, request.n) } : {},
    body: { name, tags: items },
  };
}
