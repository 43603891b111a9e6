// The TCR gateway: the only code in the app that talks to Tencent Cloud (or the sandbox).
export { actionTable, isReadAction, type ActionName } from './actions.js';
export { CLOUD_TCR_HOST, resolveEndpoint } from './endpoint.js';
export { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limiter.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export type { TcrCredentials } from './sdk-clients.js';
export {
  DEFAULT_TIMEOUT_MS,
  type AttemptEvent,
  type CallOptions,
  type CredentialsProvider,
  type TcrTarget,
} from './tcr-caller.js';
export { describeTcrError, TcrError, type TcrErrorKind, type TcrErrorView } from './tcr-error.js';
export { TcrGateway, type TcrGatewayOptions } from './tcr-gateway.js';
export type * from './types.js';
