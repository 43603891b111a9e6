// Copies between in-process registries as a cloud run lands them, and the mirror that follows
// the replication engine's pushes, deletes and copies.
import { describe, expect, it } from 'vitest';
import { demoSeed } from '../../../src-main/sandbox/demo-seed.js';
import { contentMirror } from '../../../src-main/sandbox/oci-registry/content-mirror.js';
import { DemoContent } from '../../../src-main/sandbox/oci-registry/demo-content.js';
import { fillStore } from '../../../src-main/sandbox/oci-registry/demo-fill.js';
import { OciRegistry } from '../../../src-main/sandbox/oci-registry/registry.js';
import { copyTagged } from '../../../src-main/sandbox/oci-registry/store-copy.js';
import { RegistryStore } from '../../../src-main/sandbox/oci-registry/store.js';

const NOW = Date.UTC(2026, 11, 4, 12);
const seed = demoSeed(NOW);
const gz = seed.accounts[0]!.instances[0]!;

function registry(): OciRegistry {
  const auth = { realm: 'http://s/service/token', service: 'x', issuer: 'i', key: () => undefined as never };
  return new OciRegistry({ auth, now: () => NOW });
}

describe('copyTagged', () => {
  it('copies an index with its children and blobs, sharing the bytes', () => {
    const content = new DemoContent();
    const from = new RegistryStore(1024 ** 3);
    fillStore(from, gz, content);
    const to = new RegistryStore(1024 ** 3);
    expect(copyTagged({ store: from, name: 'base/alpine' }, { store: to, name: 'mirror/alpine' }, '3.20')).toBe(true);
    expect(to.manifest('mirror/alpine', '3.20')?.digest).toBe(from.manifest('base/alpine', '3.20')?.digest);
    expect(to.tags('mirror/alpine')).toEqual(['3.20']);
    expect(copyTagged({ store: from, name: 'base/alpine' }, { store: to, name: 'mirror/alpine' }, 'nope')).toBe(false);
  });

  it('stops at the target’s limit without tagging anything', () => {
    const from = new RegistryStore(1024 ** 3);
    fillStore(from, gz, new DemoContent());
    const to = new RegistryStore(1000);
    expect(() =>
      copyTagged({ store: from, name: 'platform/api-gateway' }, { store: to, name: 'p/a' }, 'v1.9.1'),
    ).toThrow(/storage limit/);
    expect(to.tags('p/a') ?? []).toEqual([]);
  });
});

describe('contentMirror', () => {
  it('follows pushes, deletes and copies between in-process registries only', () => {
    const source = registry();
    const target = registry();
    const errors: unknown[] = [];
    const mirror = contentMirror(
      new Map([
        ['src', { registry: source }],
        ['dst', { registry: target }],
      ]),
      new DemoContent(),
      (error) => errors.push(error),
    );
    const at = { registryId: 'src', namespace: 'team', repository: 'app' };
    const artifact = { tag: 'v1', kind: 'image' as const, digest: `sha256:${'1'.repeat(64)}`, size: 1, pushedAt: NOW };
    mirror({ kind: 'pushed', at, artifact });
    expect(source.store.tags('team/app')).toEqual(['v1']);
    mirror({ kind: 'copied', from: at, to: { ...at, registryId: 'dst', namespace: 'copy' }, tag: 'v1' });
    expect(target.store.manifest('copy/app', 'v1')?.digest).toBe(source.store.manifest('team/app', 'v1')?.digest);
    mirror({ kind: 'copied', from: at, to: { ...at, registryId: 'elsewhere' }, tag: 'v1' });
    mirror({ kind: 'deleted', at: { ...at, registryId: 'dst', namespace: 'copy' }, tag: 'v1' });
    expect(target.store.tags('copy/app')).toEqual([]);
    expect(errors).toEqual([]);
  });
});
