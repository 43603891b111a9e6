import { UserFacingError } from '../../../../src-main/services/shared/user-facing-error.js';

/** The user-facing error a call ended with; fails the test if it resolved or threw something else. */
export async function failureOf(promise: Promise<unknown>): Promise<UserFacingError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UserFacingError)) throw new Error(`expected a UserFacingError, got ${String(error)}`);
  return error;
}
