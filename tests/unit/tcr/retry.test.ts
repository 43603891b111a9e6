// Retries, timeouts and Cancel of the gateway's calls, with a fake clock and a fake SDK client:
// reads come back after throttling, writes are sent once, nothing waits for real.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { actionTable, type ActionName } from '../../../src-main/tcr/actions.js';
import { DEFAULT_RETRY_POLICY } from '../../../src-main/tcr/retry.js';
import type { Clock } from '../../../src-main/base/clock.js';
import type { SdkClient } from '../../../src-main/tcr/sdk-clients.js';
import { TcrCaller, type TcrCallerOptions } from '../../../src-main/tcr/tcr-caller.js';
import { TcrError } from '../../../src-main/tcr/tcr-error.js';

type SdkExceptionClass = new (message: string, requestId?: string, traceId?: string) => Error & { code?: string };
const SdkException = (
  createRequire(import.meta.url)(
    'tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception',
  ) as {
    default: SdkExceptionClass;
  }
).default;

/** The exception the SDK throws for an error reply. */
function cloudError(code: string, requestId = 'req-1'): Error {
  const error = new SdkException(`${code} happened`, requestId, 'trace');
  error.code = code;
  return error;
}

/** Timers that fire only when the test lets time pass (`run` advances to each next timer). */
class FakeClock implements Clock {
  time = 0;
  readonly sleeps: number[] = [];
  /** Told of each wait once it has begun. */
  onSleep: (ms: number) => void = () => undefined;
  #timers: { at: number; fire: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer = { at: this.time + ms, fire: () => resolve() };
      this.#timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(signal.reason as Error);
      });
      this.onSleep(ms);
    });
  }

  /** Settles `promise`, moving time to the next timer whenever nothing else can happen. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    promise.then(
      () => (done = true),
      () => (done = true),
    );
    for (let turns = 0; !done; turns += 1) {
      if (turns > 10_000) throw new Error('nothing left to run');
      await new Promise((resolve) => setImmediate(resolve));
      if (done || this.#timers.length === 0) continue;
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers.shift()!;
      this.time = Math.max(this.time, next.at);
      next.fire();
    }
    return promise;
  }
}

type Behaviour = (signal: AbortSignal) => Promise<unknown>;

/** An SDK client that plays one scripted behaviour per request and records what it was asked. */
function fakeSdk(script: Behaviour[]) {
  const requests: { action: string; req: object | null; signal: AbortSignal }[] = [];
  const client: SdkClient = {
    request: (action, req, { signal }) => {
      requests.push({ action, req, signal });
      const next = script[Math.min(requests.length, script.length) - 1];
      return next ? next(signal) : Promise.reject(new Error('no script'));
    },
  };
  return { client, requests };
}

const ok =
  (reply: object): Behaviour =>
  () =>
    Promise.resolve({ ...reply, RequestId: 'ok' });
const fail =
  (error: Error): Behaviour =>
  () =>
    Promise.reject(error);
const never: Behaviour = () => new Promise(() => undefined);

const target = { profileId: 'p1', endpoint: 'http://127.0.0.1:9', region: 'ap-guangzhou' };

function caller(script: Behaviour[], options: Partial<TcrCallerOptions> = {}) {
  const clock = new FakeClock();
  const sdk = fakeSdk(script);
  const tcr = new TcrCaller({
    keysFor: async () => ({ secretId: 'AKIDtest', secretKey: 'top-secret-key' }),
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
    timeoutMs: 5000,
    clock,
    random: () => 0.5,
    clients: { get: () => sdk.client, forget: () => undefined, close: () => undefined },
    ...options,
  });
  const call = (action: ActionName, request: object | null = {}, signal?: AbortSignal) =>
    clock.run(tcr.call(target, action, request as never, { signal }));
  return { clock, sdk, call };
}

async function rejection(promise: Promise<unknown>): Promise<TcrError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TcrError);
  return error as TcrError;
}

describe('gateway retries', () => {
  it('retries a read that was throttled, with jittered exponential backoff, then succeeds', async () => {
    const { clock, sdk, call } = caller([
      fail(cloudError('RequestLimitExceeded')),
      fail(cloudError('RequestLimitExceeded.UinLimitExceeded')),
      ok({ TotalCount: 0, Registries: [] }),
    ]);
    await expect(call('DescribeInstances')).resolves.toMatchObject({ TotalCount: 0 });
    expect(sdk.requests.map((r) => r.action)).toEqual(['DescribeInstances', 'DescribeInstances', 'DescribeInstances']);
    // random 0.5 of a ceiling of 100, then 200 (the timeouts of each attempt are the 5000s).
    expect(clock.sleeps.filter((ms) => ms !== 5000)).toEqual([50, 100]);
  });

  it('caps the backoff at the configured maximum', async () => {
    const { clock, call } = caller([fail(cloudError('InternalError'))], {
      retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 300 },
      random: () => 0.999,
    });
    await rejection(call('DescribeNamespaces'));
    expect(clock.sleeps.filter((ms) => ms !== 5000)).toEqual([99, 199, 299, 299, 299]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const { sdk, call } = caller([
      fail(cloudError('InternalError', 'r1')),
      fail(cloudError('RequestLimitExceeded', 'r2')),
      fail(cloudError('InternalError.DbError', 'r3')),
      fail(cloudError('InternalError', 'r4')),
    ]);
    const error = await rejection(call('DescribeRegions'));
    expect(error).toMatchObject({ code: 'InternalError', requestId: 'r4', action: 'DescribeRegions', retryable: true });
    expect(sdk.requests).toHaveLength(4);
  });

  it('never sends a write twice, even after a transient failure', async () => {
    for (const action of [
      'ManageReplication',
      'ModifyReplication',
      'DeleteReplicationRule',
      'CreateInstanceToken',
    ] as const) {
      const { sdk, call } = caller([fail(cloudError('InternalError')), ok({})]);
      const error = await rejection(call(action));
      expect(error).toMatchObject({ code: 'InternalError', action });
      expect(sdk.requests).toHaveLength(1);
    }
  });

  it('sends every write of the action table once, and retries every read, by what the action does', async () => {
    // Classified here by the API's own verbs, not by the table: a write listed as a read fails this.
    const writes = /^(Create|Modify|Delete|Manage)/;
    for (const action of Object.keys(actionTable) as ActionName[]) {
      const { sdk, call } = caller([fail(cloudError('InternalError')), ok({})]);
      const outcome = await call(action).then(
        () => 'ok',
        (error: unknown) => (error as TcrError).code,
      );
      if (writes.test(action)) {
        expect(outcome, action).toBe('InternalError');
        expect(sdk.requests, action).toHaveLength(1);
      } else {
        expect(outcome, action).toBe('ok');
        expect(sdk.requests, action).toHaveLength(2);
      }
    }
  });

  it('tries a read 4 times in all by default', async () => {
    const { sdk, call } = caller([fail(cloudError('InternalError'))], { retry: undefined });
    await rejection(call('DescribeInstances'));
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(4);
    expect(sdk.requests).toHaveLength(4);
  });

  it('does not retry a read whose failure will not go away', async () => {
    const { sdk, call } = caller([fail(cloudError('AuthFailure.SignatureFailure')), ok({})]);
    const error = await rejection(call('GetCallerIdentity', null));
    expect(error).toMatchObject({ code: 'AuthFailure.SignatureFailure', retryable: false });
    expect(sdk.requests).toHaveLength(1);
  });

  it('retries a read after a network failure', async () => {
    const { sdk, call } = caller([
      fail(new SdkException('request to http://127.0.0.1:9/ failed, reason: socket hang up', '', 't')),
      ok({ Regions: [] }),
    ]);
    await expect(call('DescribeRegions', null)).resolves.toMatchObject({ Regions: [] });
    expect(sdk.requests).toHaveLength(2);
  });

  it('times out each attempt, aborts the SDK request, and retries a read', async () => {
    const { clock, sdk, call } = caller([never], { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } });
    const error = await rejection(call('DescribeImages'));
    expect(error).toMatchObject({ code: 'Timeout', action: 'DescribeImages' });
    expect(sdk.requests).toHaveLength(2);
    expect(sdk.requests.every((r) => r.signal.aborted)).toBe(true);
    expect(clock.time).toBe(5000 + 5 + 5000);
  });

  it('does not retry a write that timed out: it may have happened', async () => {
    const { sdk, call } = caller([never]);
    const error = await rejection(call('ModifyReplication'));
    expect(error.code).toBe('Timeout');
    expect(sdk.requests).toHaveLength(1);
  });

  it('cancels a call in flight and discards its late result', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const late: Behaviour = () => new Promise((resolve) => (finish = resolve));
    const { sdk, call } = caller([late]);
    const controller = new AbortController();
    const pending = call('DescribeInstances', {}, controller.signal);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const error = await rejection(pending);
    expect(error).toMatchObject({ code: 'Cancelled', action: 'DescribeInstances' });
    expect(sdk.requests[0]!.signal.aborted).toBe(true);
    finish({ RequestId: 'too-late' });
    expect(sdk.requests).toHaveLength(1);
  });

  it('stops retrying when cancelled during the backoff wait', async () => {
    const controller = new AbortController();
    const { clock, sdk, call } = caller([fail(cloudError('RequestLimitExceeded')), ok({})], {
      retry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 1000 },
    });
    clock.onSleep = (ms) => {
      if (ms === 500) controller.abort();
    };
    const error = await rejection(call('DescribeInstances', {}, controller.signal));
    expect(error.code).toBe('Cancelled');
    expect(sdk.requests).toHaveLength(1);
  });

  it('does not start a call whose signal is already aborted', async () => {
    const { sdk, call } = caller([ok({})]);
    const error = await rejection(call('DescribeInstances', {}, AbortSignal.abort()));
    expect(error.code).toBe('Cancelled');
    expect(sdk.requests).toHaveLength(0);
  });

  it('rejects a reply that is not an object as InvalidResponse', async () => {
    const { call } = caller([() => Promise.resolve('<html>')]);
    await expect(call('DescribeInstances')).rejects.toMatchObject({ code: 'InvalidResponse' });
  });

  it('keeps secrets out of error messages', async () => {
    const { call } = caller(
      [fail(cloudError('InvalidParameter'))].map(() => () => {
        const error = cloudError('InvalidParameter');
        error.message = 'bad key top-secret-key given';
        return Promise.reject(error);
      }),
    );
    const error = await rejection(call('DescribeInstances'));
    expect(error.message).toBe('bad key *** given');
  });

  it('reports an endpoint that is not http(s) as InvalidEndpoint without sending anything', async () => {
    const sdk = fakeSdk([ok({})]);
    const tcr = new TcrCaller({
      keysFor: async () => ({ secretId: 'AKIDtest', secretKey: 'top-secret-key' }),
      clients: { get: () => sdk.client, forget: () => undefined, close: () => undefined },
    });
    const error = await rejection(tcr.call({ ...target, endpoint: 'ftp://tcr.example' }, 'DescribeInstances', {}));
    expect(error).toMatchObject({ code: 'InvalidEndpoint', action: 'DescribeInstances' });
    expect(sdk.requests).toHaveLength(0);
  });
});

describe('gateway pacing', () => {
  it('paces one account’s calls of an action, but never makes another account wait for it', async () => {
    const clock = new FakeClock();
    const sdk = fakeSdk([ok({ TotalCount: 0, Registries: [] })]);
    const tcr = new TcrCaller({
      keysFor: async () => ({ secretId: 'AKIDtest', secretKey: 'top-secret-key' }),
      rateLimit: { ratePerSecond: 1, burst: 1 },
      clock,
      clients: { get: () => sdk.client, forget: () => undefined, close: () => undefined },
    });
    const other = { ...target, profileId: 'p2' };
    await clock.run(
      Promise.all([
        tcr.call(target, 'DescribeInstances', {}),
        tcr.call(other, 'DescribeInstances', {}),
        tcr.call(target, 'DescribeInstances', {}),
      ]),
    );
    // Only p1's second call waited (one second, at 1 request/s); p2 went out with the first.
    expect(clock.sleeps.filter((ms) => ms > 0 && ms < 5000)).toEqual([1000]);
    expect(sdk.requests).toHaveLength(3);
  });
});
