import { LOCAL_CODES, TcrError } from './tcr-error.js';

// What the SDK (4.1.x, node-fetch 2 underneath) throws, found by reading it:
// - the cloud's error reply: TencentCloudSDKHttpException with `code`, `message`, `requestId`;
// - a transport failure: the same exception class with an empty `code` and node-fetch's message
//   ("request to URL failed, reason: connect ECONNREFUSED …", "network timeout at: URL");
// - a reply body that is not JSON: node-fetch's FetchError of type `invalid-json`, unwrapped;
// - a JSON reply without `Response`: a TypeError from the SDK's parser.

const NETWORK_REASONS =
  /ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|ETIMEDOUT|socket hang up|other side closed|Premature close|request to .* failed/i;

function field(error: object, name: string): unknown {
  return (error as Record<string, unknown>)[name];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The SDK's transport messages carry the URL; keep only the reason, which is what helps. */
function networkReason(message: string): string {
  const reason = /reason: (.*)$/s.exec(message);
  return (reason?.[1] ?? message).trim();
}

export function normaliseError(error: unknown, action: string): TcrError {
  if (error instanceof TcrError) return error;
  if (typeof error !== 'object' || error === null) {
    return new TcrError({ code: 'Unknown', message: String(error), action });
  }
  const message = text(field(error, 'message'));
  const code = text(field(error, 'code'));
  const requestId = text(field(error, 'requestId')) || undefined;

  // System error codes (ECONNRESET…) are the network's, not the cloud's.
  const systemCode = /^E[A-Z_]+$/.test(code);
  if (code && !systemCode && /^[A-Z][A-Za-z]*(\.[A-Za-z0-9]+)*$/.test(code)) {
    return new TcrError({ code, message: message || code, action, requestId });
  }
  if (field(error, 'type') === 'invalid-json' || error instanceof SyntaxError) {
    return new TcrError({
      code: LOCAL_CODES.invalidResponse,
      message: 'The reply was not valid JSON.',
      action,
      requestId,
    });
  }
  if (error instanceof TypeError && /reading '(Error|Response)'/.test(message)) {
    return new TcrError({
      code: LOCAL_CODES.invalidResponse,
      message: 'The reply had no `Response` object.',
      action,
      requestId,
    });
  }
  if (/network timeout at|request-timeout/i.test(message)) {
    return new TcrError({ code: LOCAL_CODES.timeout, message: 'The request timed out.', action });
  }
  if (field(error, 'name') === 'AbortError' || /aborted/i.test(message)) {
    return new TcrError({ code: LOCAL_CODES.cancelled, message: 'The request was cancelled.', action });
  }
  if (systemCode || NETWORK_REASONS.test(message)) {
    return new TcrError({
      code: LOCAL_CODES.network,
      message: `The endpoint could not be reached: ${networkReason(message || code)}`,
      action,
    });
  }
  // The SDK's own HTTP failures (non-200 status) carry only the status text.
  const httpCode = field(error, 'httpCode');
  if (typeof httpCode === 'number') {
    return new TcrError({
      code: httpCode >= 500 ? 'InternalError' : LOCAL_CODES.invalidResponse,
      message: `HTTP ${httpCode}${message ? ` ${message}` : ''}`,
      action,
      requestId,
    });
  }
  return new TcrError({ code: 'Unknown', message: message || 'Unknown error.', action, requestId });
}

/** Removes every occurrence of the given secrets from a message (belt and braces: none expected). */
export function redact(error: TcrError, secrets: readonly string[]): TcrError {
  const leaked = secrets.filter((s) => s.length >= 4 && error.message.includes(s));
  if (leaked.length === 0) return error;
  let message = error.message;
  for (const secret of leaked) message = message.split(secret).join('***');
  return new TcrError({ code: error.code, message, action: error.action, requestId: error.requestId });
}
