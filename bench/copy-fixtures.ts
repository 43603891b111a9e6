// The copy benchmark's fixture set, written as one OCI layout on disk: layers of deterministic,
// incompressible bytes (an AES-CTR key stream, so every run builds the same digests), streamed
// through a one-file tar and a stored (level 0) gzip, so no layer is ever held whole in memory.
// Images in three repositories share a common layer, a base layer per repository and one layer
// with the previous version; a multi-arch index and a Helm chart artifact complete the set.
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

/** One tag of the set: where it goes in the registry, its digest, and what it references. */
export interface FixtureTag {
  repo: string;
  tag: string;
  /** The name of its manifest in the layout's index.json. */
  refName: string;
  digest: string;
  /** Child manifests (an index's), by digest. */
  children: string[];
  /** Every blob its manifests reference, by digest. */
  blobs: string[];
}

export interface FixtureSet {
  layoutDir: string;
  tags: FixtureTag[];
  /** Distinct blobs in the layout (manifests included) and their bytes in total. */
  blobCount: number;
  blobBytes: number;
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const HELM_CONFIG = 'application/vnd.cncf.helm.config.v1+json';
const HELM_CONTENT = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';

/** A layout under construction: blobs written once, manifests named in index.json. */
class Layout {
  readonly blobsDir: string;
  readonly written = new Map<string, number>();
  private readonly refs: { refName: string; desc: Descriptor }[] = [];
  private temp = 0;

  constructor(readonly dir: string) {
    this.blobsDir = join(dir, 'blobs', 'sha256');
  }

  async init(): Promise<void> {
    await mkdir(this.blobsDir, { recursive: true });
    await writeFile(join(this.dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  }

  async putBytes(mediaType: string, bytes: Buffer): Promise<Descriptor> {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (!this.written.has(digest)) {
      await writeFile(join(this.blobsDir, digest.slice('sha256:'.length)), bytes);
      this.written.set(digest, bytes.length);
    }
    return { mediaType, digest, size: bytes.length };
  }

  /** A tar.gz layer of `size` key-stream bytes; returns its descriptor and its uncompressed digest. */
  async putLayer(seed: string, size: number): Promise<{ desc: Descriptor; diffId: string }> {
    const tmp = join(this.dir, `tmp-${String(this.temp++)}`);
    const diff = createHash('sha256');
    const blob = createHash('sha256');
    let blobSize = 0;
    await pipeline(
      Readable.from(tarOf(`${seed}.bin`, size, seed)),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          diff.update(chunk);
          yield chunk;
        }
      },
      createGzip({ level: 0 }),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          blob.update(chunk);
          blobSize += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(tmp),
    );
    const digest = `sha256:${blob.digest('hex')}`;
    await rename(tmp, join(this.blobsDir, digest.slice('sha256:'.length)));
    this.written.set(digest, blobSize);
    return { desc: { mediaType: OCI_LAYER, digest, size: blobSize }, diffId: `sha256:${diff.digest('hex')}` };
  }

  name(refName: string, desc: Descriptor): void {
    this.refs.push({ refName, desc });
  }

  async finish(): Promise<void> {
    await writeFile(
      join(this.dir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: this.refs.map(({ refName, desc }) => ({
          ...desc,
          annotations: { 'org.opencontainers.image.ref.name': refName },
        })),
      }),
    );
  }
}

/** Deterministic incompressible bytes: AES-256-CTR over zeros, keyed by the seed. */
function* keyStream(seed: string, size: number): Generator<Buffer> {
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(MiB);
  for (let left = size; left > 0; left -= MiB) yield cipher.update(left >= MiB ? zeros : zeros.subarray(0, left));
}

/** A one-file ustar archive, streamed. */
function* tarOf(name: string, size: number, seed: string): Generator<Buffer> {
  const header = Buffer.alloc(512);
  header.write(name.slice(0, 99), 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(size.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  yield header;
  yield* keyStream(seed, size);
  yield Buffer.alloc(((512 - (size % 512)) % 512) + 1024);
}

interface ImageParts {
  layers: { desc: Descriptor; diffId: string }[];
  arch?: string;
  label: string;
}

async function putImage(layout: Layout, parts: ImageParts): Promise<{ desc: Descriptor; blobs: string[] }> {
  const config = await layout.putBytes(
    OCI_CONFIG,
    Buffer.from(
      JSON.stringify({
        architecture: parts.arch ?? 'amd64',
        os: 'linux',
        config: { Labels: { fixture: parts.label } },
        rootfs: { type: 'layers', diff_ids: parts.layers.map((l) => l.diffId) },
      }),
    ),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config,
      layers: parts.layers.map((l) => l.desc),
    }),
  );
  const desc = await layout.putBytes(OCI_MANIFEST, manifest);
  return { desc, blobs: [config.digest, ...parts.layers.map((l) => l.desc.digest)] };
}

/** Layer sizes: 40 steps from 64 KiB to 40 MiB (geometric), times the scale. */
export function layerSizes(scale: number, count = 40): number[] {
  const ratio = (40 * MiB) / (64 * KiB);
  return Array.from({ length: count }, (_, k) =>
    Math.max(KiB, Math.round(64 * KiB * ratio ** (k / (count - 1)) * scale)),
  );
}

const REPOS = ['app-a', 'app-b', 'app-c'];
const VERSIONS = ['v1', 'v2', 'v3', 'v4'];
const COMMON = 28;
const REPO_BASE = [20, 21, 22];
const MULTI_BASE = 23;
const CHART = 0;

/**
 * The main set, under `<prefix>/…`: 3 repositories × 4 versions, `multi:v1` (an index over
 * amd64 and arm64), `demo-chart:0.1.0` (a Helm chart). Every repository name's last segment is
 * unique, as `skopeo sync` keeps only that segment under its destination.
 */
export async function buildMainSet(dir: string, prefix: string, scale: number): Promise<FixtureSet> {
  const layout = new Layout(dir);
  await layout.init();
  const sizes = layerSizes(scale);
  const layer = (k: number) => layout.putLayer(`layer-${String(k)}`, sizes[k] ?? KiB);
  const special = new Set([COMMON, ...REPO_BASE, MULTI_BASE, CHART]);
  // The other layers, largest first, dealt round-robin to the 12 images and the 2 platforms.
  const own: number[][] = Array.from({ length: REPOS.length * VERSIONS.length + 2 }, () => []);
  let turn = 0;
  for (let k = sizes.length - 1; k >= 0; k -= 1) {
    if (special.has(k)) continue;
    own[turn % own.length]?.push(k);
    turn += 1;
  }
  const tags: FixtureTag[] = [];
  const common = await layer(COMMON);
  for (const [r, repo] of REPOS.entries()) {
    const base = await layer(REPO_BASE[r] ?? 1);
    let previous: { desc: Descriptor; diffId: string } | undefined;
    for (const [v, version] of VERSIONS.entries()) {
      const mine = await Promise.all((own[r * VERSIONS.length + v] ?? []).map(layer));
      const layers = [common, base, ...(previous ? [previous] : []), ...mine];
      previous = mine[mine.length - 1];
      const { desc, blobs } = await putImage(layout, { layers, label: `${repo}:${version}` });
      const refName = `${repo}-${version}`;
      layout.name(refName, desc);
      tags.push({ repo: `${prefix}/${repo}`, tag: version, refName, digest: desc.digest, children: [], blobs });
    }
  }
  // The multi-arch index: each platform has the common layer, a shared base and its own layers.
  const multiBase = await layer(MULTI_BASE);
  const children: { desc: Descriptor; blobs: string[]; arch: string }[] = [];
  for (const [i, arch] of ['amd64', 'arm64'].entries()) {
    const mine = await Promise.all((own[own.length - 2 + i] ?? []).map(layer));
    const child = await putImage(layout, { layers: [common, multiBase, ...mine], arch, label: `multi:${arch}` });
    children.push({ ...child, arch });
  }
  const index = await layout.putBytes(
    OCI_INDEX,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: children.map((c) => ({ ...c.desc, platform: { architecture: c.arch, os: 'linux' } })),
      }),
    ),
  );
  layout.name('multi-v1', index);
  tags.push({
    repo: `${prefix}/multi`,
    tag: 'v1',
    refName: 'multi-v1',
    digest: index.digest,
    children: children.map((c) => c.desc.digest),
    blobs: children.flatMap((c) => c.blobs),
  });
  // The Helm chart, as `helm push` stores one.
  const chartConfig = await layout.putBytes(
    HELM_CONFIG,
    Buffer.from(JSON.stringify({ name: 'demo-chart', version: '0.1.0', apiVersion: 'v2' })),
  );
  const chartContent = { ...(await layer(CHART)).desc, mediaType: HELM_CONTENT };
  const chart = await layout.putBytes(
    OCI_MANIFEST,
    Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: chartConfig, layers: [chartContent] }),
    ),
  );
  layout.name('demo-chart-0.1.0', chart);
  tags.push({
    repo: `${prefix}/demo-chart`,
    tag: '0.1.0',
    refName: 'demo-chart-0.1.0',
    digest: chart.digest,
    children: [],
    blobs: [chartConfig.digest, chartContent.digest],
  });
  await layout.finish();
  return summary(layout, tags);
}

/** One image of one layer of `size` bytes, as `<repo>:v1` (for the memory trials). */
export async function buildSingleBlobSet(dir: string, entries: { repo: string; size: number }[]): Promise<FixtureSet> {
  const layout = new Layout(dir);
  await layout.init();
  const tags: FixtureTag[] = [];
  for (const { repo, size } of entries) {
    const l = await layout.putLayer(`single-${repo}`, size);
    const { desc, blobs } = await putImage(layout, { layers: [l], label: repo });
    const refName = repo.replaceAll('/', '-');
    layout.name(refName, desc);
    tags.push({ repo, tag: 'v1', refName, digest: desc.digest, children: [], blobs });
  }
  await layout.finish();
  return summary(layout, tags);
}

function summary(layout: Layout, tags: FixtureTag[]): FixtureSet {
  let blobBytes = 0;
  for (const size of layout.written.values()) blobBytes += size;
  return { layoutDir: layout.dir, tags, blobCount: layout.written.size, blobBytes };
}
