import { networkInterfaces } from 'node:os';

/**
 * The computer's network as one string (every interface's addresses, sorted): it changes when a
 * network comes or goes, without asking anything of anyone. The sync watcher catches up then.
 */
export function networkFingerprint(): string {
  const addresses: string[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal) addresses.push(`${name} ${a.address}`);
  }
  return addresses.sort().join(',');
}
