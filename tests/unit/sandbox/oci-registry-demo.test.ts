// The demo's generated registry content: what the seed says each instance holds, with the same
// real digest wherever the seed says a tag was copied, and little time and memory to make.
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src-main/domain/oci-manifest.js';
import { demoSeed } from '../../../src-main/sandbox/demo-seed.js';
import { startSandbox } from '../../../src-main/sandbox/index.js';
import { DemoContent } from '../../../src-main/sandbox/oci-registry/demo-content.js';
import { fillStore } from '../../../src-main/sandbox/oci-registry/demo-fill.js';
import { RegistryStore } from '../../../src-main/sandbox/oci-registry/store.js';
import type { SandboxInstance } from '../../../src-main/sandbox/types.js';

const NOW = Date.UTC(2026, 11, 4, 12);

function filled() {
  const seed = demoSeed(NOW);
  const content = new DemoContent();
  const stores = new Map<string, { instance: SandboxInstance; store: RegistryStore }>();
  for (const instance of seed.accounts.flatMap((a) => a.instances)) {
    const store = new RegistryStore(1024 ** 3);
    fillStore(store, instance, content);
    stores.set(instance.registryName, { instance, store });
  }
  return stores;
}

describe('demo registries', () => {
  const stores = filled();
  const digest = (instance: string, repo: string, tag: string) =>
    stores.get(instance)!.store.manifest(repo, tag)?.digest;

  it('hold every tag the seed gives each instance', () => {
    for (const { instance, store } of stores.values()) {
      const expected = instance.namespaces.flatMap((n) =>
        n.repositories.filter((r) => r.artifacts.length > 0).map((r) => `${n.name}/${r.name}`),
      );
      expect(store.repositories()).toEqual([...expected].sort());
      for (const namespace of instance.namespaces) {
        for (const repository of namespace.repositories) {
          expect(store.tags(`${namespace.name}/${repository.name}`)).toEqual(
            repository.artifacts.map((a) => a.tag).sort(),
          );
        }
      }
    }
  });

  it('give a copied tag the same digest on both instances, a rebuilt one another', () => {
    expect(digest('acme-prod-sh', 'platform/api-gateway', 'v1.8.1')).toBe(
      digest('acme-prod-gz', 'platform/api-gateway', 'v1.8.1'),
    );
    expect(digest('globex-main-sg', 'acme-mirror/api-gateway', 'v1.9.0')).toBe(
      digest('acme-prod-gz', 'platform/api-gateway', 'v1.9.0'),
    );
    expect(digest('acme-dr-bj', 'helm/ingress-stack', '0.4.0')).toBe(
      digest('acme-prod-gz', 'charts/ingress-stack', '0.4.0'),
    );
    expect(digest('acme-prod-sh', 'platform/api-gateway', 'v1.9.0')).not.toBe(
      digest('acme-prod-gz', 'platform/api-gateway', 'v1.9.0'),
    );
  });

  it('give the instances’ records the real digests and sizes', () => {
    for (const { instance, store } of stores.values()) {
      for (const namespace of instance.namespaces) {
        for (const repository of namespace.repositories) {
          for (const artifact of repository.artifacts) {
            const held = store.manifest(`${namespace.name}/${repository.name}`, artifact.tag)!;
            expect(artifact.digest).toBe(held.digest);
            expect(artifact.size).toBeGreaterThan(held.bytes.length);
          }
        }
      }
    }
  });

  it('make images, multi-architecture indexes and Helm charts', () => {
    const gz = stores.get('acme-prod-gz')!.store;
    const kind = (repo: string, tag: string) => {
      const m = gz.manifest(repo, tag)!;
      return parseManifest(m.bytes, m.mediaType).kind;
    };
    expect(kind('platform/api-gateway', 'latest')).toBe('image');
    expect(kind('base/alpine', '3.20')).toBe('index');
    expect(kind('charts/observability', '1.3.0')).toBe('chart');
    // Layers shared between images are stored once: far less than the sum of the images.
    expect(gz.bytesStored).toBeLessThan(1024 * 1024);
  });

  it('start with the sandbox in well under a second and a few MB', async () => {
    const before = process.memoryUsage();
    const started = performance.now();
    const sandbox = await startSandbox({ demoRegistries: 'in-process' });
    const elapsed = performance.now() - started;
    const after = process.memoryUsage();
    await sandbox.close();
    expect(elapsed).toBeLessThan(1000);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    console.info(
      `in-process demo registries: start ${elapsed.toFixed(0)} ms, buffers +${((after.arrayBuffers - before.arrayBuffers) / 1e6).toFixed(1)} MB`,
    );
  });
});
