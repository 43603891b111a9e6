// A repository's tag list, page by page as the registry links them, bounded in pages and bytes.
import { repositoryScope } from './auth.js';
import { checkRepo } from './registry-checks.js';
import { RegistryError } from './registry-error.js';
import { expectStatus, MAX_JSON_BODY, parseJson, readBounded, type Sent } from './registry-http.js';
import type { RegistryTransport } from './registry-transport.js';

const MAX_TAG_PAGES = 1000;

/** Every tag of a repository, following the registry's `Link: <…>; rel="next"` pages. */
export async function listTags(
  transport: RegistryTransport,
  repo: string,
  pageSize: number,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  checkRepo(repo);
  const tags: string[] = [];
  let url: URL | undefined = transport.url(`${repo}/tags/list`);
  url.searchParams.set('n', String(pageSize));
  for (let page = 0; url && page < MAX_TAG_PAGES; page += 1) {
    const sent: Sent = await transport.send({ method: 'GET', url, scopes: [repositoryScope(repo, false)], signal });
    try {
      await expectStatus(sent, [200], 'NAME_UNKNOWN');
      const body = parseJson(await readBounded(sent, MAX_JSON_BODY));
      const list = (body as { tags?: unknown }).tags;
      if (list !== null && list !== undefined) {
        if (!Array.isArray(list)) throw new RegistryError(0, 'PROTOCOL', 'tags is not a list');
        for (const tag of list) if (typeof tag === 'string' && tag.length <= 128) tags.push(tag);
      }
      url = nextLink(sent.response.headers.get('link'), sent.response.url || url.href, transport.base);
    } finally {
      sent.release();
    }
  }
  return tags;
}

/** `Link: </v2/…?last=x&n=…>; rel="next"` → the next page on this registry. */
function nextLink(header: string | null, current: string, base: URL): URL | undefined {
  if (!header) return undefined;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(header);
  if (!match?.[1]) return undefined;
  const next = new URL(match[1], current);
  return next.origin === base.origin ? next : undefined;
}
