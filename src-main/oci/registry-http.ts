// Reading a registry's answers: a response whose timeout runs until its body is read, bodies read
// with a bound, and the mapping of every failure to a RegistryError without credentials in it.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { codeOfStatus, RegistryError, registryErrorFrom } from './registry-error.js';

export const MAX_ERROR_BODY = 64 * 1024;
export const MAX_JSON_BODY = 4 * 1024 * 1024;

/** A response whose timeout still runs until `release()` (after the body has been read). */
export interface Sent {
  response: Response;
  release: () => void;
  /** The signal the body read must honour (abort, timeout). */
  bodySignal: AbortSignal;
  timedOut: () => boolean;
}

export function failure(error: unknown, signal: AbortSignal | undefined, timedOut: boolean): RegistryError {
  if (error instanceof RegistryError) return error;
  if (signal?.aborted) return new RegistryError(0, 'ABORTED', 'cancelled');
  if (timedOut) return new RegistryError(0, 'TIMEOUT', 'the registry did not answer in time');
  return new RegistryError(0, 'NETWORK', `cannot reach the registry: ${messageOf(error)}`);
}

export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail =
    cause instanceof Error ? `${error.message} (${(cause as { code?: string }).code ?? cause.message})` : error.message;
  return detail.slice(0, 200);
}

export async function expectStatus(sent: Sent, ok: number[], fallbackCode: string): Promise<void> {
  const { status } = sent.response;
  if (ok.includes(status)) return;
  const text = await readBounded(sent, MAX_ERROR_BODY).then(
    (bytes) => new TextDecoder().decode(bytes),
    () => '',
  );
  const code = status === 404 ? fallbackCode : codeOfStatus(status);
  throw registryErrorFrom(status, text, code);
}

export async function readBounded(sent: Sent, max: number): Promise<Uint8Array> {
  const { response } = sent;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new RegistryError(0, 'TOO_LARGE', `response larger than ${max} bytes`);
  }
  if (!response.body) return new Uint8Array(0);
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      const value = chunk as Uint8Array;
      total += value.byteLength;
      if (total > max) {
        body.destroy();
        throw new RegistryError(0, 'TOO_LARGE', `response larger than ${max} bytes`);
      }
      parts.push(value);
    }
  } catch (error) {
    throw failure(error, sent.bodySignal.aborted && !sent.timedOut() ? sent.bodySignal : undefined, sent.timedOut());
  }
  return Buffer.concat(parts, total);
}

export async function discard(sent: Sent): Promise<void> {
  await sent.response.body?.cancel().catch(() => undefined);
  sent.release();
}

export function parseJson(bytes: Uint8Array): object {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof value === 'object' && value !== null) return value;
  } catch {
    // fall through
  }
  throw new RegistryError(0, 'PROTOCOL', 'registry sent invalid JSON');
}
