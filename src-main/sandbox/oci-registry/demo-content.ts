// The artifacts of the demo's registries, made from the in-memory seed: every tag of an image
// repository becomes a small OCI image (a base layer shared by all images, one shared by the
// repository's tags, one of its own), the `base` namespace's images become multi-architecture
// indexes, and charts become Helm charts as OCI artifacts. The content depends only on the
// seed's digest of the tag and the repository's name, so the same tag on two instances (what a
// past replication copied) has the same real digest, and a rebuilt tag a different one.
import { HELM_CONFIG_MEDIA_TYPE, MediaType } from '../../domain/oci-manifest.js';
import type { SandboxArtifact } from '../types.js';
import { type Blob, blobOf, layer, seededBytes } from './demo-blobs.js';

const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const HELM_CONTENT = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
const MULTI_ARCH_NAMESPACES = new Set(['base']);
const ARCHES = ['amd64', 'arm64'] as const;

export interface DemoManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

/** What one tag needs in a repository: blobs, then manifests in push order (children first), the last one tagged. */
export interface DemoArtifact {
  blobs: Blob[];
  manifests: DemoManifest[];
}

const descriptor = (b: { mediaType: string; digest: string; size: number }) => ({
  mediaType: b.mediaType,
  digest: b.digest,
  size: b.size,
});

function manifestOf(mediaType: string, document: object): DemoManifest {
  const blob = blobOf(mediaType, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, ...document })));
  return { digest: blob.digest, mediaType, bytes: blob.bytes };
}

/** Makes and remembers the demo's blobs, so that content shared between tags is made once. */
export class DemoContent {
  readonly #layers = new Map<string, ReturnType<typeof layer>>();

  #layer(seed: string, name: string, size: number) {
    let made = this.#layers.get(seed);
    if (!made) {
      made = layer(OCI_LAYER, name, seededBytes(seed, size));
      this.#layers.set(seed, made);
    }
    return made;
  }

  #image(repository: string, artifact: SandboxArtifact, arch: string): { blobs: Blob[]; manifest: DemoManifest } {
    const own = 2048 + (parseInt(artifact.digest.slice(7, 11), 16) % 8192);
    const layers = [
      this.#layer(`base:${arch}`, 'etc/os-release', 48 * 1024),
      this.#layer(`repository:${repository}:${arch}`, `opt/${repository}/lib.bin`, 24 * 1024),
      this.#layer(`tag:${artifact.digest}:${arch}`, `opt/${repository}/app.bin`, own),
    ];
    const config = blobOf(
      OCI_CONFIG,
      Buffer.from(
        JSON.stringify({
          architecture: arch,
          os: 'linux',
          config: { Labels: { 'org.opencontainers.image.version': artifact.tag } },
          rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
        }),
      ),
    );
    const manifest = manifestOf(MediaType.ociManifest, {
      config: descriptor(config),
      layers: layers.map((l) => descriptor(l.blob)),
    });
    return { blobs: [config, ...layers.map((l) => l.blob)], manifest };
  }

  #index(repository: string, artifact: SandboxArtifact): DemoArtifact {
    const children = ARCHES.map((arch) => this.#image(repository, artifact, arch));
    const index = manifestOf(MediaType.ociIndex, {
      manifests: children.map((child, i) => ({
        mediaType: child.manifest.mediaType,
        digest: child.manifest.digest,
        size: child.manifest.bytes.length,
        platform: { architecture: ARCHES[i], os: 'linux' },
      })),
    });
    return { blobs: children.flatMap((c) => c.blobs), manifests: [...children.map((c) => c.manifest), index] };
  }

  #chart(repository: string, artifact: SandboxArtifact): DemoArtifact {
    const config = blobOf(
      HELM_CONFIG_MEDIA_TYPE,
      Buffer.from(JSON.stringify({ name: repository, version: artifact.tag, apiVersion: 'v2' })),
    );
    const values = seededBytes(`chart:${artifact.digest}`, 512).toString('hex');
    const content = layer(
      HELM_CONTENT,
      `${repository}/Chart.yaml`,
      Buffer.from(`apiVersion: v2\nname: ${repository}\nversion: ${artifact.tag}\n# ${values}\n`),
    ).blob;
    const manifest = manifestOf(MediaType.ociManifest, { config: descriptor(config), layers: [descriptor(content)] });
    return { blobs: [config, content], manifests: [manifest] };
  }

  artifact(namespace: string, repository: string, artifact: SandboxArtifact): DemoArtifact {
    if (artifact.kind === 'chart') return this.#chart(repository, artifact);
    if (MULTI_ARCH_NAMESPACES.has(namespace)) return this.#index(repository, artifact);
    const image = this.#image(repository, artifact, 'amd64');
    return { blobs: image.blobs, manifests: [image.manifest] };
  }
}
