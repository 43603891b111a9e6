import { UserFacingError } from '../../../../src-main/services/shared/user-facing-error.js';
import { rejectionOf } from '../../../shared/failure-of.js';

/** The user-facing error a call ended with; fails the test if it resolved or threw something else. */
export async function failureOf(promise: Promise<unknown>): Promise<UserFacingError> {
  return (await rejectionOf(promise, UserFacingError)).error;
}
