import { randomUUID } from 'node:crypto';
import { checkRegion, lookupAction } from './actions/index.js';
import { ApiError } from './api-error.js';
import type { ReplicationEngine } from './replication-engine.js';
import type { SandboxState } from './state.js';
import { verifyTc3, type Tc3Request } from './tc3.js';

export interface ApiReply {
  Response: Record<string, unknown> & { RequestId: string };
}

export interface ApiDeps {
  state: SandboxState;
  engine: ReplicationEngine;
  now: () => number;
  /** Unexpected exceptions: the reply says InternalError, the log says why. */
  onInternalError?: (error: unknown) => void;
}

function header(request: Tc3Request, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function parseBody(body: Uint8Array): unknown {
  try {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(Buffer.from(body).toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // Answered below, like any body that is not a JSON object.
  }
  throw new ApiError('InvalidParameter', 'The request body must be a JSON object.');
}

/**
 * What the cloud checks before it runs anything: method, action and version, then the signature
 * (scoped to the action's service). Throws the cloud's error; returns the signed call, not run.
 */
function authenticate(
  request: Tc3Request,
  deps: ApiDeps,
): { action: string; answer: () => Record<string, unknown> | Promise<Record<string, unknown>> } {
  if (request.method !== 'POST') {
    throw new ApiError('UnsupportedProtocol', 'Only POST requests with a JSON body are supported.');
  }
  const action = header(request, 'x-tc-action');
  if (!action) throw new ApiError('MissingParameter', 'The request is missing a required parameter `Action`.');
  const found = lookupAction(header(request, 'x-tc-version'), action);

  const verified = verifyTc3(request, (id) => deps.state.accountBySecretId(id)?.secretKey, deps.now(), found.service);
  if (!verified.ok) throw new ApiError(verified.code, verified.message);
  const account = deps.state.accountBySecretId(verified.secretId);
  if (!account) throw new ApiError('AuthFailure.SecretIdNotFound', 'The SecretId was not found.');

  return {
    action,
    answer: () => {
      const params = parseBody(request.body);
      const regionHeader = header(request, 'x-tc-region');
      const region = found.regional ? checkRegion(regionHeader) : regionHeader;
      deps.engine.settle();
      return found.run(params, { state: deps.state, engine: deps.engine, account, region, now: deps.now() });
    },
  };
}

/** A cloud error as the reply; anything else is an InternalError (and reported). */
function replyToFailure(error: unknown, deps: ApiDeps): ApiReply {
  if (error instanceof ApiError) return errorReply(error.code, error.message);
  deps.onInternalError?.(error);
  return errorReply('InternalError', 'An internal error occurred.');
}

/**
 * One TencentCloud API 3.0 request after the checks before any work: either refused (the reply
 * says why: bad method, unknown action, failed signature) or accepted, with its `action` and
 * `answer()`, which runs it and never throws. Whatever stands between the two (injected faults)
 * thus only ever meets requests the cloud would have run.
 */
export type ApiExchange =
  { accepted: false; reply: ApiReply } | { accepted: true; action: string; answer: () => Promise<ApiReply> };

export function acceptApiRequest(request: Tc3Request, deps: ApiDeps): ApiExchange {
  let signed: ReturnType<typeof authenticate>;
  try {
    signed = authenticate(request, deps);
  } catch (error) {
    return { accepted: false, reply: replyToFailure(error, deps) };
  }
  return {
    accepted: true,
    action: signed.action,
    answer: async () => {
      try {
        return { Response: { ...(await signed.answer()), RequestId: randomUUID() } };
      } catch (error) {
        return replyToFailure(error, deps);
      }
    },
  };
}

export function errorReply(code: string, message: string): ApiReply {
  return { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } };
}
