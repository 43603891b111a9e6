// Every failure of the registry client: the HTTP status (0 when no response came) and the
// registry's own error code (BLOB_UNKNOWN, MANIFEST_UNKNOWN, UNAUTHORIZED, DENIED…), or one of the
// client's: NETWORK, TIMEOUT, ABORTED, TOO_LARGE, DIGEST_INVALID, SIZE_INVALID, PROTOCOL.

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_MESSAGE = 300;

/** The first entry of a registry's `{ errors: [{ code, message }] }` body, if it has one. */
export function registryErrorFrom(status: number, body: string, fallbackCode: string): RegistryError {
  let code = fallbackCode;
  let message = `registry answered HTTP ${status}`;
  try {
    const parsed: unknown = JSON.parse(body);
    const first: unknown =
      typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { errors?: unknown }).errors)
        ? (parsed as { errors: unknown[] }).errors[0]
        : undefined;
    if (typeof first === 'object' && first !== null) {
      const entry = first as { code?: unknown; message?: unknown };
      if (typeof entry.code === 'string' && /^[A-Z_]{1,64}$/.test(entry.code)) code = entry.code;
      if (typeof entry.message === 'string') message = entry.message.slice(0, MAX_MESSAGE);
    }
  } catch {
    // Not JSON: keep the status-derived code.
  }
  return new RegistryError(status, code, message);
}

/** The code to use when a registry gives none: what the status means. */
export function codeOfStatus(status: number): string {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'TOOMANYREQUESTS';
  return 'UNKNOWN';
}
