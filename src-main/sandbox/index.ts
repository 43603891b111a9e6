import type { Server } from 'node:http';
import { startActivity } from './activity.js';
import {
  attachRegistryInputSchema,
  deleteInputSchema,
  pushInputSchema,
  runRuleInputSchema,
} from './control-schemas.js';
import { demoSeed } from './demo-seed.js';
import { FaultBook, type FaultRule } from './faults.js';
import { regionByName } from './regions.js';
import { type ContentChange, ReplicationEngine } from './replication-engine.js';
import { replicationFaultSchema, type ReplicationFault } from './replication-faults.js';
import { attachRegistry, type AttachRegistryInput, type AttachRegistryResult } from './registry-attach.js';
import { RegistryTokenService, type RegistryTokenAuth } from './registry-token-service.js';
import { startInProcessRegistries } from './oci-registry/demo-registries.js';
import { listen } from './server.js';
import { SandboxState } from './state.js';
import type {
  DeleteInput,
  DeleteResult,
  PushInput,
  PushResult,
  RegistryType,
  RunRuleInput,
  RunRuleResult,
  SandboxSeed,
} from './types.js';
import { parseParameters } from './validation.js';

export { demoSeed } from './demo-seed.js';
export type { FaultRule } from './faults.js';
export type {
  DeleteInput,
  DeleteResult,
  PushInput,
  PushResult,
  RunRuleInput,
  RunRuleResult,
  SandboxSeed,
} from './types.js';
export type { ReplicationFault } from './replication-faults.js';
export type { AttachRegistryInput, AttachRegistryResult } from './registry-attach.js';
export type { RegistryTokenAuth } from './registry-token-service.js';

export interface SandboxOptions {
  /** 0 (the default) = any free port. */
  port?: number;
  /** Default: demoSeed(now()). */
  seed?: SandboxSeed;
  /** How long an execution stays InProgress; default 1500. */
  runTimeMs?: number;
  /** Demo generator pushing artifacts now and then; default false. */
  activity?: { intervalMs: number } | false;
  /** The sandbox's clock (signature expiry, execution times); default Date.now. */
  now?: () => number;
  faults?: FaultRule[];
  /** Unexpected server errors; default: console.error. */
  onError?: (error: unknown) => void;
  /** Instances backed by real registries from the start (see `attachRegistry`). */
  registries?: AttachRegistryInput[];
  /**
   * `in-process`: every instance with content (and not in `registries`) is backed by an OCI
   * registry inside the sandbox, on its own 127.0.0.1 port, holding small generated images for
   * the seed's tags, so that a copy between instances moves real bytes. Default `none`: the
   * in-memory content only.
   */
  demoRegistries?: 'in-process' | 'none';
}

export interface SandboxInstanceInfo {
  registryId: string;
  registryName: string;
  registryType: RegistryType;
  regionId: number;
  regionName: string;
}

export interface SandboxAccountInfo {
  name: string;
  uin: string;
  secretId: string;
  secretKey: string;
  instances: SandboxInstanceInfo[];
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  port: number;
  /** The accounts and instances as the sandbox started. */
  accounts: SandboxAccountInfo[];
  /** Pushes an artifact into an instance and starts the rules it matches (throws ApiError). */
  push(input: PushInput): PushResult;
  /** Deletes a tag; rules with `Deletion: true` replicate the delete (throws ApiError). */
  deleteArtifact(input: DeleteInput): DeleteResult;
  /** Removes an instance (as if released), so rules towards it fail. */
  deleteInstance(registryId: string): boolean;
  /** Replaces the injected faults; `[]` clears them. */
  setFaults(rules: FaultRule[]): void;
  /** The next `times` tasks towards an instance fail with `detail` (`times: 0` clears); answers how many are pending. */
  failReplication(fault: ReplicationFault): number;
  /** Runs a rule now (触发同步): one execution, one task per source artifact its filters select. */
  runRule(input: RunRuleInput): RunRuleResult;
  /**
   * Backs an instance with a real registry: its DescribeNamespaces/Repositories/Images then
   * answer what the registry holds and its PublicDomain is the registry's host:port.
   */
  attachRegistry(input: AttachRegistryInput): Promise<AttachRegistryResult>;
  /**
   * The sandbox as a registry's Bearer token service (`GET /service/token`, Basic credentials =
   * an instance token of the instance whose registry id is the `service`): what a registry's
   * `auth: token` configuration needs to trust its tokens.
   */
  registryTokenAuth(): RegistryTokenAuth;
  close(): Promise<void>;
}

function accountInfos(state: SandboxState): SandboxAccountInfo[] {
  return state.accounts.map((a) => ({
    name: a.name,
    uin: a.uin,
    secretId: a.secretId,
    secretKey: a.secretKey,
    instances: a.instances.map((i) => ({
      registryId: i.registryId,
      registryName: i.registryName,
      registryType: i.registryType,
      regionId: regionByName(i.regionName)?.id ?? 0,
      regionName: i.regionName,
    })),
  }));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts a TCR sandbox on 127.0.0.1 speaking TencentCloud API 3.0 (tcr 2019-09-24, sts 2018-08-13). */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('sandbox:', error));
  const state = new SandboxState(options.seed ?? demoSeed(now()));
  // The demo's in-process registries (started once the sandbox has its address) follow the engine.
  const follow: { mirror?: ((change: ContentChange) => void) | undefined } = {};
  const engine = new ReplicationEngine(state, {
    now,
    runTimeMs: options.runTimeMs ?? 1500,
    onContentChange: (change) => follow.mirror?.(change),
  });
  const faults = new FaultBook();
  faults.set(options.faults ?? []);
  for (const registry of options.registries ?? []) {
    await attachRegistry(state, parseParameters(attachRegistryInputSchema, registry), now);
  }
  const tokenService = new RegistryTokenService(state, now);
  const server = await listen(options.port ?? 0, {
    state,
    engine,
    faults,
    now,
    tokenService,
    onInternalError: onError,
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const inProcess =
    options.demoRegistries === 'in-process'
      ? await startInProcessRegistries(state, tokenService, `http://127.0.0.1:${port}`, {
          now,
          onError,
          record: { push: (input) => engine.push(input), delete: (input) => engine.delete(input) },
        }).catch(async (error: unknown) => {
          await closeServer(server);
          throw error;
        })
      : undefined;
  follow.mirror = inProcess?.mirror;
  const stopActivity = options.activity
    ? startActivity(options.activity.intervalMs, state, engine, onError)
    : undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    accounts: accountInfos(state),
    push: (input) => engine.push(parseParameters(pushInputSchema, input)),
    deleteArtifact: (input) => engine.delete(parseParameters(deleteInputSchema, input)),
    deleteInstance: (registryId) => state.removeInstance(registryId),
    setFaults: (rules) => faults.set(rules),
    failReplication: (fault) => engine.failReplication(parseParameters(replicationFaultSchema, fault)),
    runRule: (input) => engine.runRule(parseParameters(runRuleInputSchema, input)),
    registryTokenAuth: () => tokenService.auth(`http://127.0.0.1:${port}`),
    attachRegistry: async (input) => attachRegistry(state, parseParameters(attachRegistryInputSchema, input), now),
    close: async () => {
      stopActivity?.();
      await Promise.all([closeServer(server), inProcess?.close()]);
    },
  };
}
