// Every failure of a cloud call becomes one TcrError, whatever produced it: the cloud's error
// reply (through the SDK), the network, our timeout, a reply that is not the API's JSON, or the
// user's Cancel. The UI reads `describeTcrError`; nothing here ever holds a secret.

import type { CloudErrorKind, CloudErrorView } from '../contract/index.js';

/** Codes the gateway makes up for failures that never reached the cloud's error reply. */
export const LOCAL_CODES = {
  network: 'NetworkError',
  timeout: 'Timeout',
  invalidResponse: 'InvalidResponse',
  cancelled: 'Cancelled',
  /** The profile's endpoint is not an http(s) host or URL. */
  invalidEndpoint: 'InvalidEndpoint',
} as const;

export interface TcrErrorInit {
  code: string;
  message: string;
  action: string;
  requestId?: string;
}

/** Failures that may well succeed when tried again (the gateway itself retries only reads). */
export function isTransientCode(code: string): boolean {
  return (
    code.startsWith('RequestLimitExceeded') ||
    code.startsWith('InternalError') ||
    code === LOCAL_CODES.network ||
    code === LOCAL_CODES.timeout
  );
}

export class TcrError extends Error {
  override readonly name = 'TcrError';
  readonly code: string;
  readonly requestId?: string;
  /** The TencentCloud API action that failed, e.g. `DescribeInstances`. */
  readonly action: string;
  /** Transient: throttling, a server error, the network or a timeout. */
  readonly retryable: boolean;

  constructor(init: TcrErrorInit) {
    super(init.message);
    this.code = init.code;
    this.action = init.action;
    if (init.requestId) this.requestId = init.requestId;
    this.retryable = isTransientCode(init.code);
  }
}

function kindOf(code: string): CloudErrorKind {
  if (code === 'AuthFailure.UnauthorizedOperation' || code.startsWith('UnauthorizedOperation')) return 'permission';
  if (code.startsWith('AuthFailure')) return 'auth';
  if (code.startsWith('RequestLimitExceeded')) return 'throttled';
  if (code === LOCAL_CODES.network) return 'network';
  if (code === LOCAL_CODES.timeout) return 'timeout';
  if (code === LOCAL_CODES.cancelled) return 'cancelled';
  if (code.startsWith('ResourceNotFound') || /(^|\.)\w*Not(Found|Exist)\w*$/.test(code)) return 'notFound';
  if (
    code.startsWith('InvalidParameter') ||
    code.startsWith('MissingParameter') ||
    code.startsWith('UnknownParameter') ||
    code.startsWith('UnsupportedOperation') ||
    code === 'InvalidAction' ||
    code === LOCAL_CODES.invalidEndpoint
  ) {
    return 'invalid';
  }
  if (
    code.startsWith('InternalError') ||
    code.startsWith('ResourceUnavailable') ||
    code === LOCAL_CODES.invalidResponse
  ) {
    return 'server';
  }
  return 'other';
}

/** What the user is shown of any failure (a non-TcrError is reported as `other`). */
export function describeTcrError(error: unknown): CloudErrorView {
  if (error instanceof TcrError) {
    return {
      code: error.code,
      message: error.message,
      action: error.action,
      kind: kindOf(error.code),
      ...(error.requestId ? { requestId: error.requestId } : {}),
    };
  }
  // Not a cloud failure (e.g. the keychain could not give the keys): keep its own code if it has one.
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return { code: typeof code === 'string' && code ? code : 'Unknown', message, kind: 'other' };
}
