import { KeychainError } from '../../src-main/accounts/keychain-types.js';

/**
 * Awaits a keychain call that must fail and returns its `KeychainError` and how long it took.
 * Anything else (success, or another error) fails the test.
 */
export async function failureOf(call: Promise<unknown>): Promise<{ error: KeychainError; elapsedMs: number }> {
  const started = Date.now();
  const error = await call.then(
    () => new Error('expected the call to fail'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof KeychainError)) throw error;
  return { error, elapsedMs: Date.now() - started };
}
