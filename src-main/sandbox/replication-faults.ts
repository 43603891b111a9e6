import { z } from 'zod';

/**
 * "Make the next `times` tasks towards instance `registryId` fail with `detail`": replication
 * failures on purpose, for sync logs with failed runs. `times: 0` clears the instance's faults.
 */
export const replicationFaultSchema = z.strictObject({
  registryId: z.string().min(1).max(64),
  times: z.number().int().min(0).max(10_000).default(1),
  detail: z.string().min(1).max(500).default('replication failed (injected by the sandbox)'),
});
export type ReplicationFault = z.input<typeof replicationFaultSchema>;
export type ReplicationFaultInput = z.output<typeof replicationFaultSchema>;

/** Pending failures per destination instance, used up one task at a time, oldest fault first. */
export class ReplicationFaults {
  readonly #pending = new Map<string, { left: number; detail: string }[]>();

  /** Adds a fault (or clears with `times: 0`); answers how many failures are pending there. */
  add(fault: ReplicationFaultInput): number {
    if (fault.times === 0) this.#pending.delete(fault.registryId);
    else
      this.#pending.set(fault.registryId, [
        ...(this.#pending.get(fault.registryId) ?? []),
        { left: fault.times, detail: fault.detail },
      ]);
    return this.pending(fault.registryId);
  }

  pending(registryId: string): number {
    return (this.#pending.get(registryId) ?? []).reduce((n, f) => n + f.left, 0);
  }

  /** The detail a task towards `registryId` fails with now, or undefined when none is pending. */
  take(registryId: string): string | undefined {
    const faults = this.#pending.get(registryId);
    const fault = faults?.[0];
    if (!faults || !fault) return undefined;
    fault.left -= 1;
    if (fault.left === 0) faults.shift();
    if (faults.length === 0) this.#pending.delete(registryId);
    return fault.detail;
  }
}
