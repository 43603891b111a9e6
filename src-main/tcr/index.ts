// The TCR gateway: the only code in the app that talks to Tencent Cloud (or the sandbox).
export { actionTable, isReadAction, type ActionName } from './actions.js';
export { resolveEndpoint } from './endpoint.js';
export { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limiter.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export { DEFAULT_TIMEOUT_MS, type AttemptEvent, type CallOptions, type CloudTarget } from './tcr-caller.js';
export { describeTcrError, TcrError } from './tcr-error.js';
export { TcrGateway, type TcrGatewayOptions } from './tcr-gateway.js';
export type * from './types.js';
