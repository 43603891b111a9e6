// The demo's instances backed by in-process registries: one per instance with content, each on
// its own 127.0.0.1 port (its PublicDomain), trusting the sandbox's token service, filled with
// DemoContent for the tags the seed gives the instance, and attached as a RegistryBacking so
// that DescribeRepositories / DescribeImages answer what it holds.
import { type KeyObject, X509Certificate } from 'node:crypto';
import { immutableProblem } from '../immutable.js';
import { RegistryBacking } from '../registry-backing.js';
import { TOKEN_ISSUER, TOKEN_PATH, type RegistryTokenService } from '../registry-token-service.js';
import type { SandboxState } from '../state.js';
import type { ContentChange } from '../replication-engine.js';
import type { SandboxInstance } from '../types.js';
import { contentMirror } from './content-mirror.js';
import { DemoContent } from './demo-content.js';
import { fillStore } from './demo-fill.js';
import { listenRegistry, type RegistryListener } from './listener.js';
import { OciRegistry } from './registry.js';
import { storeSource } from './store-source.js';
import { type ContentRecorder, TagRecorder } from './tag-recorder.js';
import type { TagGuard } from './store.js';

export interface InProcessRegistries {
  /** By registry id. */
  readonly registries: ReadonlyMap<string, { registry: OciRegistry; host: string }>;
  /** Follows the replication engine's content changes (see content-mirror.ts). */
  readonly mirror: (change: ContentChange) => void;
  close(): Promise<void>;
}

/** The instance's immutable-tag rules, as TCR applies them to pushes and deletes (namespace = first component). */
function immutableGuard(state: SandboxState, registryId: string): TagGuard {
  return (name, tag, change) => {
    const instance = state.findInstance(registryId)?.instance;
    const slash = name.indexOf('/');
    if (!instance || slash < 0) return '';
    return immutableProblem(instance, name.slice(0, slash), name.slice(slash + 1), tag, change);
  };
}

const hasContent = (instance: SandboxInstance): boolean =>
  instance.namespaces.some((n) => n.repositories.some((r) => r.artifacts.length > 0));

export async function startInProcessRegistries(
  state: SandboxState,
  tokenService: RegistryTokenService,
  endpoint: string,
  options: { now: () => number; onError: (error: unknown) => void; record: ContentRecorder },
): Promise<InProcessRegistries> {
  const recorder = new TagRecorder(state, options.record, options.now, options.onError);
  let key: KeyObject | undefined;
  const trust = tokenService.auth.bind(tokenService);
  // The token service makes its key on first use: only a client that logs in pays for it.
  const publicKey = (): KeyObject => (key ??= new X509Certificate(trust(endpoint).certificatePem).publicKey);
  const realm = `${endpoint}${TOKEN_PATH}`;
  const content = new DemoContent();
  const registries = new Map<string, { registry: OciRegistry; host: string }>();
  const listeners: RegistryListener[] = [];
  try {
    for (const account of state.accounts) {
      for (const instance of account.instances) {
        if (!hasContent(instance) || state.registries.has(instance.registryId)) continue;
        const registry: OciRegistry = new OciRegistry({
          auth: { realm, service: instance.registryId, issuer: TOKEN_ISSUER, key: publicKey },
          now: options.now,
          guard: immutableGuard(state, instance.registryId),
          // Those of its repositories, and those made with CreateNamespace (kept by the backing).
          onTag: recorder.forInstance(instance.registryId),
          namespaceExists: (namespace): boolean =>
            registry.store.hasNamespace(namespace) ||
            (state.registries.get(instance.registryId)?.createdNamespaces.has(namespace) ?? false),
        });
        fillStore(registry.store, instance, content);
        const listener = await listenRegistry(registry, options.onError);
        listeners.push(listener);
        registries.set(instance.registryId, { registry, host: listener.host });
        state.registries.set(
          instance.registryId,
          new RegistryBacking(storeSource(registry.store, listener.host), {
            now: options.now,
            // Read from memory: no need to reuse a read, and a push shows at once.
            cacheMs: 0,
          }),
        );
      }
    }
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    throw error;
  }
  const follow = contentMirror(registries, content, options.onError);
  return {
    registries,
    mirror: (change) => {
      if (!recorder.isEcho(change)) follow(change);
    },
    close: async () => {
      await Promise.all(listeners.map((l) => l.close()));
    },
  };
}
