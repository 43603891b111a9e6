import { z } from 'zod';
import type { CloudErrorView } from './cloud.js';

/** Error codes the renderer can meet. The renderer shows each in the user's language. */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_LOCKED',
  'KEYCHAIN_TIMEOUT',
  'KEYCHAIN_CANCELLED',
  'KEYCHAIN_FAILED',
  'STORE_FAILED',
  'TCCLI_FAILED',
  'CLOUD',
  'KEYS_MISSING',
  'SANDBOX_FAILED',
  'FORBIDDEN',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A field-level problem: `code` is a message key, e.g. `uin.digits`. */
export type FieldIssues = Record<string, string>;

export interface AppError {
  code: ErrorCode;
  /** English fallback text; the renderer prefers its own catalogue keyed by `code`/`fields`. */
  message: string;
  /** The first field at fault, when the error is about one input. */
  field?: string;
  /** Every field at fault, keyed by field name, valued by message key. */
  fields?: FieldIssues;
  requestId?: string;
  /** For CLOUD: what the cloud said, which action, and what kind of failure it was. */
  cloud?: CloudErrorView;
  /** A rule change that could not be sent and was kept as a draft (`drafts:list`): its id. */
  draftId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Marks an output type without a runtime value (the contract maps channels to types). */
export type Phantom<T> = { readonly __type?: T };
export function typed<T>(): Phantom<T> {
  return {};
}

/** The input of a channel that takes none. */
export const none = z.undefined();
/** The input of a channel about one saved item. */
export const byId = z.object({ id: z.uuid({ error: 'id.invalid' }) });
