// The bandwidth cap's field, checked before it is sent with the contract's own codes and bounds
// (main checks again; its answer wins).

export const BANDWIDTH_CAP_MAX = 100_000;

/** The field's problem as a contract error code (`bandwidthCap.invalid` / `.range`), or undefined. */
export function bandwidthIssue(
  value: number | null | undefined,
): 'bandwidthCap.invalid' | 'bandwidthCap.range' | undefined {
  if (value === null || value === undefined || typeof value !== 'number' || !Number.isFinite(value)) {
    return 'bandwidthCap.invalid';
  }
  if (value < 0 || value > BANDWIDTH_CAP_MAX) return 'bandwidthCap.range';
  return undefined;
}
