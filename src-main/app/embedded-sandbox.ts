import { startSandbox } from '../sandbox/index.js';
import type { EmbeddedSandbox } from '../services/cloud/sandbox-service.js';

/**
 * The sandbox as the app embeds it: demo data, runs slow enough to watch (a few seconds each),
 * and some activity now and then so sync runs happen while someone looks. Each demo instance is
 * backed by a small registry inside the sandbox (its PublicDomain), so Sync now moves real bytes.
 */
export function startEmbeddedSandbox(): Promise<EmbeddedSandbox> {
  return startSandbox({ port: 0, runTimeMs: 4000, activity: { intervalMs: 45_000 }, demoRegistries: 'in-process' });
}
