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

function answer(request: Tc3Request, deps: ApiDeps): Record<string, unknown> {
  if (request.method !== 'POST') {
    throw new ApiError('UnsupportedProtocol', 'Only POST requests with a JSON body are supported.');
  }
  const action = header(request, 'x-tc-action');
  if (!action) throw new ApiError('MissingParameter', 'The request is missing a required parameter `Action`.');
  const found = lookupAction(header(request, 'x-tc-version'), action);

  const verified = verifyTc3(request, (id) => deps.state.accountBySecretId(id)?.secretKey, deps.now());
  if (!verified.ok) throw new ApiError(verified.code, verified.message);
  const account = deps.state.accountBySecretId(verified.secretId);
  if (!account) throw new ApiError('AuthFailure.SecretIdNotFound', 'The SecretId was not found.');

  const params = parseBody(request.body);
  const regionHeader = header(request, 'x-tc-region');
  const region = found.regional ? checkRegion(regionHeader) : regionHeader;
  deps.engine.settle();
  return found.run(params, { state: deps.state, engine: deps.engine, account, region, now: deps.now() });
}

/** One TencentCloud API 3.0 request in, the cloud's reply out (always HTTP 200). */
export function handleApiRequest(request: Tc3Request, deps: ApiDeps): ApiReply {
  const RequestId = randomUUID();
  try {
    return { Response: { ...answer(request, deps), RequestId } };
  } catch (error) {
    if (error instanceof ApiError) {
      return { Response: { Error: { Code: error.code, Message: error.message }, RequestId } };
    }
    deps.onInternalError?.(error);
    return { Response: { Error: { Code: 'InternalError', Message: 'An internal error occurred.' }, RequestId } };
  }
}

export function errorReply(code: string, message: string): ApiReply {
  return { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } };
}
