/** Anything thrown, as an Error (a rejection with a plain object keeps its fields). */
export function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  return Object.assign(new Error(String(error)), typeof error === 'object' && error !== null ? error : {});
}

/**
 * Settles as `work` does, or rejects with `reason()` the moment `signal` aborts, whichever comes
 * first: Cancel must end the wait at once, whether or not the work underneath honours the signal.
 * A late result or failure of `work` is discarded.
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  reason: () => Error = () => new Error('Cancelled'),
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined); // discarded, but never an unhandled rejection
    return Promise.reject(reason());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(asError(error));
      },
    );
  });
}
