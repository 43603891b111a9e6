// OCI / Docker manifests: which of the four kinds a manifest is, and what it references (blobs or
// child manifests). Pure and bounded: manifests come from the network.
import { z } from 'zod';

export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;
export type ManifestMediaType = (typeof MediaType)[keyof typeof MediaType];

export const MANIFEST_MEDIA_TYPES: readonly ManifestMediaType[] = Object.values(MediaType);
/** The Accept header that asks a registry for any of the four kinds (never schema 1). */
export const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');

export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
const IMAGE_CONFIG_MEDIA_TYPES = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);

/** Manifests larger than this are refused (registries themselves cap them at 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_REFERENCES = 10_000;

const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** `sha256:<64 lowercase hex>`, the only algorithm the app accepts. */
export function isDigest(value: string): boolean {
  return DIGEST.test(value);
}

// The Distribution spec's grammar for repository names and tags.
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
export function isRepositoryName(value: string): boolean {
  return value.length <= 255 && REPOSITORY.test(value);
}
export function isTag(value: string): boolean {
  return TAG.test(value);
}
/** A manifest reference: a tag or a digest. */
export function isReference(value: string): boolean {
  return isTag(value) || isDigest(value);
}

export type ResourceKind = 'image' | 'chart' | 'index' | 'artifact';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}
export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}
export interface ChildManifest extends Descriptor {
  platform?: Platform;
}

export type Manifest =
  | {
      kind: 'image' | 'chart' | 'artifact';
      mediaType: typeof MediaType.ociManifest | typeof MediaType.dockerManifest;
      config: Descriptor;
      layers: Descriptor[];
    }
  | {
      kind: 'index';
      mediaType: typeof MediaType.ociIndex | typeof MediaType.dockerManifestList;
      manifests: ChildManifest[];
    };

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

const text = z.string().min(1).max(255);
const descriptor = z.object({
  mediaType: text,
  digest: z.string().regex(DIGEST, 'digest must be sha256:<64 hex>'),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});
const platform = z.object({
  architecture: z.string().max(64),
  os: z.string().max(64),
  variant: z.string().max(64).optional(),
});
const imageManifest = z.object({
  schemaVersion: z.literal(2),
  mediaType: text.optional(),
  config: descriptor,
  layers: z.array(descriptor).max(MAX_REFERENCES),
});
const indexManifest = z.object({
  schemaVersion: z.literal(2),
  mediaType: text.optional(),
  manifests: z.array(descriptor.extend({ platform: platform.optional() })).max(MAX_REFERENCES),
});

function isIndexType(mediaType: string): boolean {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}

/**
 * Parses a manifest's bytes. `contentType` is the registry's Content-Type (or the type a caller
 * is about to push); when absent, the document's own `mediaType` decides, and an OCI document
 * without one is told apart by its fields, as the OCI spec allows.
 */
export function parseManifest(bytes: Uint8Array, contentType?: string): Manifest {
  if (bytes.byteLength > MAX_MANIFEST_BYTES)
    throw new ManifestError(`manifest larger than ${MAX_MANIFEST_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ManifestError('manifest is not valid UTF-8 JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ManifestError('manifest is not an object');
  const declared = (json as { mediaType?: unknown }).mediaType;
  if (declared !== undefined && typeof declared !== 'string') throw new ManifestError('mediaType must be a string');
  const header = contentType?.split(';')[0]?.trim() || undefined;
  if (header !== undefined && declared !== undefined && header !== declared) {
    throw new ManifestError(`Content-Type ${header} does not match the manifest's mediaType ${declared}`);
  }
  const mediaType = header ?? declared ?? ('manifests' in json ? MediaType.ociIndex : MediaType.ociManifest);
  if (!(MANIFEST_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    throw new ManifestError(`unsupported manifest media type ${mediaType}`);
  }
  const isDocker = mediaType === MediaType.dockerManifest || mediaType === MediaType.dockerManifestList;
  // Docker's types must be declared in the document; OCI's may be left out.
  if (isDocker && declared === undefined) throw new ManifestError(`a ${mediaType} must declare its mediaType`);

  if (isIndexType(mediaType)) {
    const parsed = indexManifest.safeParse(json);
    if (!parsed.success) throw new ManifestError(`invalid index: ${summary(parsed.error)}`);
    return {
      kind: 'index',
      mediaType: mediaType as typeof MediaType.ociIndex,
      manifests: parsed.data.manifests.map(({ mediaType: m, digest, size, platform: p }) => ({
        mediaType: m,
        digest,
        size,
        ...(p
          ? { platform: { architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) } }
          : {}),
      })),
    };
  }
  const parsed = imageManifest.safeParse(json);
  if (!parsed.success) throw new ManifestError(`invalid manifest: ${summary(parsed.error)}`);
  const { config, layers } = parsed.data;
  return {
    kind: kindOfConfig(config.mediaType),
    mediaType: mediaType as typeof MediaType.ociManifest,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: layers.map(({ mediaType: m, digest, size }) => ({ mediaType: m, digest, size })),
  };
}

function kindOfConfig(configMediaType: string): 'image' | 'chart' | 'artifact' {
  if (configMediaType === HELM_CONFIG_MEDIA_TYPE) return 'chart';
  return IMAGE_CONFIG_MEDIA_TYPES.has(configMediaType) ? 'image' : 'artifact';
}

function summary(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
}

/** The blobs a manifest needs on the target before it can be pushed: config first, then layers. */
export function referencedBlobs(manifest: Manifest): Descriptor[] {
  return manifest.kind === 'index' ? [] : [manifest.config, ...manifest.layers];
}

/** The manifests an index needs on the target before it can be pushed. */
export function childManifests(manifest: Manifest): ChildManifest[] {
  return manifest.kind === 'index' ? manifest.manifests : [];
}
