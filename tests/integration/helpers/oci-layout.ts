// Builds OCI image layouts on disk (no internet): tiny images whose layers are real tar.gz files,
// a multi-architecture index, and a Helm chart as an OCI artifact, for `skopeo copy oci:…`.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HELM_CONFIG_MEDIA_TYPE, MediaType } from '../../../src-main/domain/oci-manifest.js';

export interface Blob {
  mediaType: string;
  digest: string;
  size: number;
  bytes: Buffer;
}

export interface Built {
  digest: string;
  mediaType: string;
  bytes: Buffer;
  blobs: Blob[];
}

function blob(mediaType: string, bytes: Buffer): Blob {
  return { mediaType, bytes, size: bytes.length, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
}

function descriptor(b: { mediaType: string; digest: string; size: number }): Record<string, unknown> {
  return { mediaType: b.mediaType, digest: b.digest, size: b.size };
}

/** A one-file tar archive (ustar), gzipped. */
export function tarGz(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(content.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return gzipSync(Buffer.concat([header, content, padding, Buffer.alloc(1024)]));
}

/** An image manifest with the given layer contents (OCI or Docker v2 schema 2). */
export function image(layers: Buffer[], options: { docker?: boolean; arch?: string; label?: string } = {}): Built {
  const docker = options.docker ?? false;
  const layerBlobs = layers.map((content, i) =>
    blob(
      docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : 'application/vnd.oci.image.layer.v1.tar+gzip',
      tarGz(`file-${i}.txt`, content),
    ),
  );
  const config = blob(
    docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json',
    Buffer.from(
      JSON.stringify({
        architecture: options.arch ?? 'amd64',
        os: 'linux',
        config: { Labels: { fixture: options.label ?? 'x' } },
        rootfs: { type: 'layers', diff_ids: layerBlobs.map((l) => l.digest) },
      }),
    ),
  );
  const mediaType = docker ? MediaType.dockerManifest : MediaType.ociManifest;
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: descriptor(config),
      layers: layerBlobs.map(descriptor),
    }),
  );
  return { ...blob(mediaType, bytes), blobs: [config, ...layerBlobs] };
}

/** An OCI index over images built for several architectures. */
export function multiArch(arches: string[], layer: (arch: string) => Buffer): { index: Built; children: Built[] } {
  const children = arches.map((arch) => image([layer(arch)], { arch, label: arch }));
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: children.map((c, i) => ({
        ...descriptor(blob(MediaType.ociManifest, c.bytes)),
        platform: { architecture: arches[i], os: 'linux' },
      })),
    }),
  );
  return { index: { ...blob(MediaType.ociIndex, bytes), blobs: [] }, children };
}

/** A Helm chart as an OCI artifact, the way `helm push` stores one. */
export function helmChart(name: string, version: string): Built {
  const config = blob(HELM_CONFIG_MEDIA_TYPE, Buffer.from(JSON.stringify({ name, version, apiVersion: 'v2' })));
  const content = blob(
    'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
    tarGz(`${name}/Chart.yaml`, Buffer.from(`apiVersion: v2\nname: ${name}\nversion: ${version}\n`)),
  );
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: descriptor(config),
      layers: [descriptor(content)],
    }),
  );
  return { ...blob(MediaType.ociManifest, bytes), blobs: [config, content] };
}

/**
 * Writes an OCI layout holding `tops` under their tags (and, for indexes, `extra` manifests):
 * every blob and manifest under blobs/sha256, index.json naming the tops.
 */
export async function writeLayout(
  entries: { tag: string; top: Built; extra?: Built[] }[],
  dir?: string,
): Promise<string> {
  const root = dir ?? (await mkdtemp(join(tmpdir(), 'tcr-oci-layout-')));
  await mkdir(join(root, 'blobs', 'sha256'), { recursive: true });
  const put = (b: { digest: string; bytes: Buffer }): Promise<void> =>
    writeFile(join(root, 'blobs', 'sha256', b.digest.slice('sha256:'.length)), b.bytes);
  for (const { top, extra = [] } of entries) {
    for (const built of [top, ...extra]) {
      await put(built);
      for (const b of built.blobs) await put(b);
    }
  }
  await writeFile(join(root, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    join(root, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: entries.map(({ tag, top }) => ({
        mediaType: top.mediaType,
        digest: top.digest,
        size: top.bytes.length,
        annotations: { 'org.opencontainers.image.ref.name': tag },
      })),
    }),
  );
  return root;
}
