import { KeychainError } from '../../src-main/accounts/keychain-types.js';

/**
 * Awaits a call that must fail with an error of the given class, and returns that error and how
 * long the call took. Anything else (success, or another error) fails the test.
 */
export async function rejectionOf<E extends Error>(
  call: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<{ error: E; elapsedMs: number }> {
  const started = Date.now();
  const error = await call.then(
    () => new Error(`expected the call to fail with a ${type.name}`),
    (caught: unknown) => caught,
  );
  if (!(error instanceof type)) throw error;
  return { error, elapsedMs: Date.now() - started };
}

/** The `KeychainError` a keychain call failed with, and how long it took. */
export function failureOf(call: Promise<unknown>): Promise<{ error: KeychainError; elapsedMs: number }> {
  return rejectionOf(call, KeychainError);
}
