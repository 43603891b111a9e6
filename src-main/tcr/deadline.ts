import { asError, untilAborted } from '../base/abortable.js';
import type { Clock } from '../base/clock.js';
import { LOCAL_CODES, TcrError } from './tcr-error.js';

export function cancelledError(action: string): TcrError {
  return new TcrError({ code: LOCAL_CODES.cancelled, message: 'The request was cancelled.', action });
}

export function timeoutError(action: string, timeoutMs: number): TcrError {
  return new TcrError({ code: LOCAL_CODES.timeout, message: `No reply within ${timeoutMs} ms.`, action });
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
  const call = new AbortController(); // handed to `run`: aborted on Cancel and on the deadline
  const timer = new AbortController(); // stops the deadline once the race is over
  let timedOut = false;
  clock.sleep(timeoutMs, timer.signal).then(
    () => {
      timedOut = true;
      call.abort();
    },
    () => undefined, // the timer was stopped because the race was over first
  );
  const onCancel = (): void => call.abort();
  signal?.addEventListener('abort', onCancel, { once: true });
  let work: Promise<T>;
  try {
    work = run(call.signal);
  } catch (error) {
    work = Promise.reject(asError(error));
  }
  const reason = (): TcrError => (timedOut ? timeoutError(action, timeoutMs) : cancelledError(action));
  return untilAborted(work, call.signal, reason).finally(() => {
    timer.abort();
    signal?.removeEventListener('abort', onCancel);
  });
}
