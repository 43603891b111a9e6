import { describe, expect, it } from 'vitest';
import {
  childManifests,
  HELM_CONFIG_MEDIA_TYPE,
  isDigest,
  isReference,
  isRepositoryName,
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
  ManifestError,
  MediaType,
  parseManifest,
  referencedBlobs,
} from '../../../src-main/domain/oci-manifest.js';

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

const ociImage = {
  schemaVersion: 2,
  mediaType: MediaType.ociManifest,
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d('a'), size: 120 },
  layers: [
    { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d('b'), size: 1000 },
    { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d('c'), size: 2000, annotations: { x: 'y' } },
  ],
};

describe('parseManifest', () => {
  it('an OCI image manifest references its config, then its layers', () => {
    const m = parseManifest(bytes(ociImage), MediaType.ociManifest);
    expect(m.kind).toBe('image');
    expect(m.mediaType).toBe(MediaType.ociManifest);
    expect(referencedBlobs(m)).toEqual([
      { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d('a'), size: 120 },
      { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d('b'), size: 1000 },
      { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d('c'), size: 2000 },
    ]);
    expect(childManifests(m)).toEqual([]);
  });

  it('a Docker v2 schema 2 manifest is an image', () => {
    const docker = {
      schemaVersion: 2,
      mediaType: MediaType.dockerManifest,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: d('a'), size: 1 },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: d('b'), size: 2 }],
    };
    const m = parseManifest(bytes(docker), `${MediaType.dockerManifest}; charset=utf-8`);
    expect(m).toMatchObject({ kind: 'image', mediaType: MediaType.dockerManifest });
    expect(referencedBlobs(m).map((b) => b.digest)).toEqual([d('a'), d('b')]);
  });

  it('a Helm chart is an OCI manifest whose config is the Helm config', () => {
    const chart = {
      schemaVersion: 2,
      config: { mediaType: HELM_CONFIG_MEDIA_TYPE, digest: d('1'), size: 10 },
      layers: [{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: d('2'), size: 20 }],
    };
    expect(parseManifest(bytes(chart)).kind).toBe('chart');
    // Any other config type is an artifact the app does not call an image.
    const other = { ...chart, config: { ...chart.config, mediaType: 'application/vnd.example.config+json' } };
    expect(parseManifest(bytes(other)).kind).toBe('artifact');
  });

  it('an OCI index and a Docker manifest list reference child manifests with platforms', () => {
    const index = {
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: [
        {
          mediaType: MediaType.ociManifest,
          digest: d('d'),
          size: 500,
          platform: { architecture: 'amd64', os: 'linux' },
        },
        {
          mediaType: MediaType.ociManifest,
          digest: d('e'),
          size: 501,
          platform: { architecture: 'arm', os: 'linux', variant: 'v7', features: [] },
        },
        { mediaType: MediaType.ociManifest, digest: d('f'), size: 502 },
      ],
    };
    const m = parseManifest(bytes(index), MediaType.ociIndex);
    expect(m.kind).toBe('index');
    expect(childManifests(m)).toEqual([
      { mediaType: MediaType.ociManifest, digest: d('d'), size: 500, platform: { architecture: 'amd64', os: 'linux' } },
      {
        mediaType: MediaType.ociManifest,
        digest: d('e'),
        size: 501,
        platform: { architecture: 'arm', os: 'linux', variant: 'v7' },
      },
      { mediaType: MediaType.ociManifest, digest: d('f'), size: 502 },
    ]);
    expect(referencedBlobs(m)).toEqual([]);

    const list = { ...index, mediaType: MediaType.dockerManifestList };
    expect(parseManifest(bytes(list))).toMatchObject({ kind: 'index', mediaType: MediaType.dockerManifestList });
  });

  it('an OCI document without mediaType is told apart by its fields', () => {
    const { mediaType: _image, ...bareImage } = ociImage;
    expect(parseManifest(bytes(bareImage)).mediaType).toBe(MediaType.ociManifest);
    expect(parseManifest(bytes({ schemaVersion: 2, manifests: [] })).mediaType).toBe(MediaType.ociIndex);
  });

  it.each([
    ['not JSON', new TextEncoder().encode('{nope')],
    ['an array', bytes([])],
    ['schema 1', bytes({ schemaVersion: 1, name: 'x', tag: 'y', fsLayers: [] })],
    [
      'an unknown media type',
      bytes({ ...ociImage, mediaType: 'application/vnd.docker.distribution.manifest.v1+json' }),
    ],
    ['a short digest', bytes({ ...ociImage, layers: [{ mediaType: 'x', digest: 'sha256:abc', size: 1 }] })],
    [
      'an upper-case digest',
      bytes({ ...ociImage, layers: [{ mediaType: 'x', digest: `sha256:${'A'.repeat(64)}`, size: 1 }] }),
    ],
    [
      'another algorithm',
      bytes({ ...ociImage, layers: [{ mediaType: 'x', digest: `sha512:${'a'.repeat(128)}`, size: 1 }] }),
    ],
    ['a negative size', bytes({ ...ociImage, layers: [{ mediaType: 'x', digest: d('b'), size: -1 }] })],
    ['a fractional size', bytes({ ...ociImage, layers: [{ mediaType: 'x', digest: d('b'), size: 1.5 }] })],
    ['no config', bytes({ schemaVersion: 2, mediaType: MediaType.ociManifest, layers: [] })],
    ['manifests as an object', bytes({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: {} })],
    ['a Docker manifest without mediaType (given by the header)', bytes({ ...ociImage, mediaType: undefined })],
  ])('refuses %s', (_name, input) => {
    const contentType = _name.startsWith('a Docker') ? MediaType.dockerManifest : undefined;
    expect(() => parseManifest(input, contentType)).toThrow(ManifestError);
  });

  it('refuses a Content-Type that contradicts the document', () => {
    expect(() => parseManifest(bytes(ociImage), MediaType.dockerManifest)).toThrow(/does not match/);
  });

  it('is bounded: a manifest over 4 MiB or with too many layers is refused', () => {
    expect(() => parseManifest(new Uint8Array(MAX_MANIFEST_BYTES + 1))).toThrow(/larger than/);
    const layer = ociImage.layers[0];
    const many = { ...ociImage, layers: Array.from({ length: 10_001 }, () => layer) };
    expect(() => parseManifest(bytes(many))).toThrow(ManifestError);
  });
});

describe('names and digests', () => {
  it('accepts only sha256 digests with 64 lower-case hex digits', () => {
    expect(isDigest(d('0'))).toBe(true);
    expect(isDigest(`sha256:${'0'.repeat(63)}`)).toBe(false);
    expect(isDigest(`sha256:${'g'.repeat(64)}`)).toBe(false);
    expect(isDigest(`${d('0')}\n`)).toBe(false);
    expect(isDigest('')).toBe(false);
  });

  it('repository names and references follow the Distribution grammar', () => {
    expect(isRepositoryName('ns/app')).toBe(true);
    expect(isRepositoryName('a/b-c/d__e.f')).toBe(true);
    expect(isRepositoryName('NS/app')).toBe(false);
    expect(isRepositoryName('ns//app')).toBe(false);
    expect(isRepositoryName('../etc')).toBe(false);
    expect(isReference('v1.0')).toBe(true);
    expect(isReference(d('a'))).toBe(true);
    expect(isReference('-bad')).toBe(false);
    expect(isReference('a'.repeat(129))).toBe(false);
    expect(isReference('a/b')).toBe(false);
  });

  it('asks for all four manifest types and never schema 1', () => {
    expect(MANIFEST_ACCEPT.split(', ').sort()).toEqual(Object.values(MediaType).sort());
  });
});
