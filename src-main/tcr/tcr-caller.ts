import { untilAborted } from '../base/abortable.js';
import { actionTable, type ActionName } from './actions.js';
import { systemClock, type Clock } from '../base/clock.js';
import { cancelledError, withDeadline } from './deadline.js';
import { resolveEndpoint } from './endpoint.js';
import { normaliseError, redact } from './normalise-error.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimit } from './rate-limiter.js';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry.js';
import type { RequestOf, ResponseOf } from './sdk-types.js';
import { SdkClientCache, type ClientKey, type SdkClient } from './sdk-clients.js';
import type { AccessKeys, KeysFor } from '../domain/access-keys.js';
import { LOCAL_CODES, TcrError } from './tcr-error.js';

/** Which profile's keys, endpoint and region a call goes to. */
export interface CloudTarget {
  profileId: string;
  /** `tcr.tencentcloudapi.com`, a custom endpoint, or the sandbox's `http://127.0.0.1:PORT`. */
  endpoint: string;
  region: string;
}

/** Where SDK clients come from; the default makes real ones, unit tests hand in fakes. */
export interface SdkClientSource {
  get(key: ClientKey, credentials: AccessKeys): SdkClient;
  forget(profileId: string): void;
  close(): void;
}

export interface AttemptEvent {
  action: ActionName;
  profileId: string;
  /** 1 for the first try. */
  attempt: number;
}

export interface TcrCallerOptions {
  /** The keys of a profile (the app's keychain). Its errors reach the caller unchanged. */
  keysFor: KeysFor;
  retry?: Partial<RetryPolicy>;
  rateLimit?: RateLimit;
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  clock?: Clock;
  random?: () => number;
  clients?: SdkClientSource;
  /** Told as each request is about to be sent (diagnostics, tests, the benchmark). */
  onAttempt?: (event: AttemptEvent) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the caller's per-attempt timeout. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** A target with its keys looked up once, for the several calls of one operation (e.g. pages). */
export interface TcrSession {
  call<A extends ActionName>(action: A, request: RequestOf<A>, options?: CallOptions): Promise<ResponseOf<A>>;
}

/**
 * Sends one action the way every call goes out: paced by the rate limiter, bounded by a timeout,
 * cancellable, retried with backoff when it is a read that failed transiently, and failing only
 * with a TcrError.
 */
export class TcrCaller {
  readonly #keysFor: KeysFor;
  readonly #policy: RetryPolicy;
  readonly #limiter: RateLimiter;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #clients: SdkClientSource;
  readonly #onAttempt: ((event: AttemptEvent) => void) | undefined;

  constructor(options: TcrCallerOptions) {
    this.#keysFor = options.keysFor;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#clock = options.clock ?? systemClock;
    this.#limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, this.#clock);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#random = options.random ?? Math.random;
    this.#clients = options.clients ?? new SdkClientCache();
    this.#onAttempt = options.onAttempt;
  }

  /** Looks the target's keys up (once) and returns a session for its calls. */
  async session(
    target: CloudTarget,
    signal?: AbortSignal,
    action: ActionName = 'DescribeInstances',
  ): Promise<TcrSession> {
    if (signal?.aborted) throw cancelledError(action);
    const credentials = await untilAborted(this.#keysFor(target.profileId), signal, () => cancelledError(action));
    return {
      call: (a, request, options) => this.#call(target, credentials, a, request, options),
    };
  }

  /** One call with its own key lookup. */
  async call<A extends ActionName>(
    target: CloudTarget,
    action: A,
    request: RequestOf<A>,
    options: CallOptions = {},
  ): Promise<ResponseOf<A>> {
    const session = await this.session(target, options.signal, action);
    return session.call(action, request, options);
  }

  forget(profileId: string): void {
    this.#clients.forget(profileId);
  }

  close(): void {
    this.#clients.close();
  }

  async #call<A extends ActionName>(
    target: CloudTarget,
    credentials: AccessKeys,
    action: A,
    request: RequestOf<A>,
    options: CallOptions = {},
  ): Promise<ResponseOf<A>> {
    const { signal } = options;
    const spec = actionTable[action];
    const secrets = [credentials.secretKey, credentials.secretId];
    let client: SdkClient;
    let limiterKey: string;
    try {
      client = this.#clients.get({ service: spec.service, ...target }, credentials);
      const endpoint = resolveEndpoint(target.endpoint, spec.service);
      // Tencent Cloud counts its per-action limits per account: profiles do not share a budget.
      limiterKey = `${endpoint.protocol}${endpoint.host}\n${target.profileId}\n${action}`;
    } catch (error) {
      throw new TcrError({ code: LOCAL_CODES.invalidEndpoint, message: (error as Error).message, action });
    }
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const attempt = async (n: number): Promise<ResponseOf<A>> => {
      try {
        await this.#limiter.acquire(limiterKey, signal);
        this.#onAttempt?.({ action, profileId: target.profileId, attempt: n });
        const reply = await withDeadline((s) => client.request(action, request ?? {}, { signal: s }), {
          action,
          timeoutMs,
          signal,
          clock: this.#clock,
        });
        if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
          throw new TcrError({ code: LOCAL_CODES.invalidResponse, message: 'The reply was not an object.', action });
        }
        return reply;
      } catch (error) {
        if (signal?.aborted) throw cancelledError(action);
        throw redact(normaliseError(error, action), secrets);
      }
    };
    try {
      return await withRetry(attempt, {
        policy: this.#policy,
        clock: this.#clock,
        random: this.#random,
        signal,
        shouldRetry: (error) => spec.kind === 'read' && error instanceof TcrError && error.retryable,
      });
    } catch (error) {
      // An abort during a backoff wait surfaces as the signal's reason.
      if (signal?.aborted) throw cancelledError(action);
      throw error;
    }
  }
}
