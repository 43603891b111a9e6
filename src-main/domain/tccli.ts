/**
 * Reads what the Tencent Cloud CLI keeps per profile: `<name>.credential` holds
 * `{"secretId", "secretKey"}` (plain JSON), `<name>.configure` holds the region, either at the top
 * level or under `_sys_param` depending on the tccli version.
 */

export interface TccliCredential {
  secretId: string;
  secretKey: string;
}

export type ParsedCredential = { ok: true; value: TccliCredential } | { ok: false; problem: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseTccliCredential(text: string): ParsedCredential {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'tccli.notJson' };
  }
  if (!isRecord(data)) return { ok: false, problem: 'tccli.notJson' };
  const secretId = typeof data.secretId === 'string' ? data.secretId.trim() : '';
  const secretKey = typeof data.secretKey === 'string' ? data.secretKey.trim() : '';
  if (!secretId || !secretKey) return { ok: false, problem: 'tccli.noKeys' };
  return { ok: true, value: { secretId, secretKey } };
}

export function parseTccliRegion(text: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data)) return undefined;
  const sys = isRecord(data._sys_param) ? data._sys_param : undefined;
  const region = sys?.region ?? data.region;
  return typeof region === 'string' && region.trim() ? region.trim() : undefined;
}

/** Profile names tccli accepts as file names: no path separators, no leading dot. */
export function isSafeTccliName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) && !name.includes('..');
}
