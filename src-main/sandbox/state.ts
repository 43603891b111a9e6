import { notFound } from './api-error.js';
import { regionByName } from './regions.js';
import type { RegistryBacking } from './registry-backing.js';
import type {
  SandboxAccount,
  SandboxExecution,
  SandboxInstance,
  SandboxNamespace,
  SandboxRepository,
  SandboxRule,
  SandboxSeed,
} from './types.js';

export interface OwnedInstance {
  account: SandboxAccount;
  instance: SandboxInstance;
  regionId: number;
}

/** The sandbox's mutable world, cloned from a seed so that a seed can start many sandboxes. */
export class SandboxState {
  readonly accounts: SandboxAccount[];
  readonly rules: SandboxRule[];
  readonly executions: SandboxExecution[];
  /** Instances whose content lists are read from a real registry, by registry id. */
  readonly registries = new Map<string, RegistryBacking>();
  #nextRuleId: number;
  #nextExecutionId: number;
  #nextJob = 1;

  constructor(seed: SandboxSeed) {
    const copy = structuredClone(seed);
    this.accounts = copy.accounts;
    this.rules = copy.rules;
    this.executions = copy.executions;
    this.#nextRuleId = Math.max(0, ...copy.rules.map((r) => r.id)) + 1;
    this.#nextExecutionId = Math.max(0, ...copy.executions.map((e) => e.id)) + 1;
  }

  nextRuleId(): number {
    return this.#nextRuleId++;
  }

  nextExecutionId(): number {
    return this.#nextExecutionId++;
  }

  /** Harbor job ids are plain counters; a prefix keeps them apart from execution ids. */
  nextJobId(): string {
    return `job-${this.#nextJob++}`;
  }

  accountBySecretId(secretId: string): SandboxAccount | undefined {
    return this.accounts.find((a) => a.secretId === secretId);
  }

  /** Any account's instance: replication looks across accounts, callers never do. */
  findInstance(registryId: string): OwnedInstance | undefined {
    for (const account of this.accounts) {
      const instance = account.instances.find((i) => i.registryId === registryId);
      if (instance) return { account, instance, regionId: regionByName(instance.regionName)?.id ?? 0 };
    }
    return undefined;
  }

  /**
   * The caller's instance in the region the request was sent to, as the regional cloud API
   * sees it: another account's instance, or one in another region, does not exist.
   */
  ownInstance(account: SandboxAccount, registryId: string, region: string): SandboxInstance {
    const instance = account.instances.find((i) => i.registryId === registryId && i.regionName === region);
    if (!instance) throw notFound(`Instance ${registryId} in ${region}`);
    return instance;
  }

  removeInstance(registryId: string): boolean {
    for (const account of this.accounts) {
      const index = account.instances.findIndex((i) => i.registryId === registryId);
      if (index >= 0) {
        account.instances.splice(index, 1);
        return true;
      }
    }
    return false;
  }
}

export function findNamespace(instance: SandboxInstance, name: string): SandboxNamespace | undefined {
  return instance.namespaces.find((n) => n.name === name);
}

export function findRepository(namespace: SandboxNamespace, name: string): SandboxRepository | undefined {
  return namespace.repositories.find((r) => r.name === name);
}
