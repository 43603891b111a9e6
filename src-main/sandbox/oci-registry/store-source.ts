// What a backed instance's lists read from an in-process registry: its store directly, no HTTP
// and no token, answering what RegistryReader answers of a registry over the network.
import type { RegistrySource } from '../registry-backing.js';
import type { RegistryStore } from './store.js';

export function storeSource(store: RegistryStore, host: string): RegistrySource {
  return {
    host,
    check: () => Promise.resolve(),
    catalog: () => Promise.resolve(store.repositories()),
    tags: (repository) => Promise.resolve(store.tags(repository)),
    digestOf: (repository, tag) => Promise.resolve(store.manifest(repository, tag)?.digest),
    manifest: (repository, digest) => {
      const manifest = store.manifest(repository, digest);
      return Promise.resolve(manifest ? { bytes: manifest.bytes, contentType: manifest.mediaType } : undefined);
    },
  };
}
