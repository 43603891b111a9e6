// Pure pieces of reading a real registry for a backed instance: the Link header of a paged list,
// the Bearer challenge, TCR's namespace/repository split and what DescribeImages says of a manifest.
import { parseManifest } from '../domain/oci-manifest.js';

/** The next page of `/v2/_catalog` or `/tags/list`, from `Link: </v2/…?last=x&n=100>; rel="next"`. */
export function nextPageUrl(link: string | null, base: string): string | undefined {
  if (!link) return undefined;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link);
  if (!match?.[1]) return undefined;
  const next = new URL(match[1], base);
  // A Link towards another host would take the credentials elsewhere.
  return next.origin === new URL(base).origin ? next.href : undefined;
}

export interface BearerChallenge {
  realm: string;
  service?: string;
}

/** `WWW-Authenticate: Bearer realm="…",service="…",scope="…"`; undefined for Basic or none. */
export function bearerChallenge(header: string | null): BearerChallenge | undefined {
  if (!header || !/^bearer\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  for (const match of header.slice(7).matchAll(/([a-z]+)="([^"]*)"/gi)) {
    if (match[1] && match[2] !== undefined) params.set(match[1].toLowerCase(), match[2]);
  }
  const realm = params.get('realm');
  if (!realm || !/^https?:\/\//.test(realm)) return undefined;
  const service = params.get('service');
  return service ? { realm, service } : { realm };
}

/**
 * TCR names a repository `namespace/rest`: the namespace is the first path component. A
 * registry's one-component repositories (`alpine`) have no namespace and are not listed.
 */
export function splitRepository(path: string): { namespace: string; repository: string } | undefined {
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  return { namespace: path.slice(0, slash), repository: path.slice(slash + 1) };
}

export interface ManifestSummary {
  kind: 'image' | 'chart';
  /** The manifest and what it references directly: config and layers, or the index's manifests. */
  size: number;
}

/** DescribeImages' Kind and Size for a manifest's bytes (throws ManifestError if unreadable). */
export function summarizeManifest(bytes: Uint8Array, contentType?: string): ManifestSummary {
  const manifest = parseManifest(bytes, contentType);
  if (manifest.kind === 'index') {
    const size = manifest.manifests.reduce((sum, m) => sum + m.size, bytes.byteLength);
    return { kind: 'image', size };
  }
  const size = [manifest.config, ...manifest.layers].reduce((sum, d) => sum + d.size, bytes.byteLength);
  return { kind: manifest.kind === 'chart' ? 'chart' : 'image', size };
}
