// Backing an instance with a real registry: checked to answer with the credentials first, so a
// wrong address or password is said at once rather than by every later list call.
import { notFound } from './api-error.js';
import { RegistryBacking } from './registry-backing.js';
import type { SandboxState } from './state.js';

export interface AttachRegistryInput {
  registryId: string;
  /** `http://host:port` */
  url: string;
  username: string;
  password: string;
  pageSize?: number | undefined;
}

export interface AttachRegistryResult {
  registryId: string;
  /** What DescribeInstances now answers as the instance's PublicDomain. */
  publicDomain: string;
}

export async function attachRegistry(
  state: SandboxState,
  input: AttachRegistryInput,
  now: () => number,
): Promise<AttachRegistryResult> {
  if (!state.findInstance(input.registryId)) throw notFound(`Instance ${input.registryId}`);
  const backing = new RegistryBacking(
    { url: input.url, username: input.username, password: input.password },
    { now, ...(input.pageSize ? { pageSize: input.pageSize } : {}) },
  );
  await backing.reader.check();
  state.registries.set(input.registryId, backing);
  return { registryId: input.registryId, publicDomain: backing.reader.host };
}
