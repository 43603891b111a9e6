import type { Clock } from '../base/clock.js';
import { LOCAL_CODES, TcrError } from './tcr-error.js';

export function cancelledError(action: string): TcrError {
  return new TcrError({ code: LOCAL_CODES.cancelled, message: 'The request was cancelled.', action });
}

export function timeoutError(action: string, timeoutMs: number): TcrError {
  return new TcrError({ code: LOCAL_CODES.timeout, message: `No reply within ${timeoutMs} ms.`, action });
}

/** Anything thrown, as an Error (normaliseError reads the fields of whatever it gets). */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  return Object.assign(new Error(String(error)), typeof error === 'object' && error !== null ? error : {});
}

export interface DeadlineOptions {
  action: string;
  timeoutMs: number;
  signal?: AbortSignal;
  clock: Clock;
}

/**
 * Runs `run` until it settles, the deadline passes (Timeout) or `signal` aborts (Cancelled),
 * whichever comes first. `run` is handed a signal that aborts in the last two cases, but the race
 * does not rely on it being honoured: a late result or failure is discarded.
 */
export function withDeadline<T>(run: (signal: AbortSignal) => Promise<T>, options: DeadlineOptions): Promise<T> {
  const { action, timeoutMs, signal, clock } = options;
  if (signal?.aborted) return Promise.reject(cancelledError(action));
  const callController = new AbortController();
  const timerController = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      timerController.abort();
      outcome();
    };
    const onAbort = (): void => {
      settle(() => reject(cancelledError(action)));
      callController.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    clock.sleep(timeoutMs, timerController.signal).then(
      () => {
        settle(() => reject(timeoutError(action, timeoutMs)));
        callController.abort();
      },
      () => undefined, // the timer was stopped because the call settled first
    );
    let call: Promise<T>;
    try {
      call = run(callController.signal);
    } catch (error) {
      call = Promise.reject(asError(error));
    }
    call.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(asError(error))),
    );
  });
}
