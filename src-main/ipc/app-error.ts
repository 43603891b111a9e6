import type { AppError, ErrorCode, FieldIssues } from '../contract/index.js';

/** An error meant for the user: services throw it, the router puts it in the envelope as is. */
export class UserFacingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssues,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }

  toAppError(): AppError {
    const field = this.fields ? Object.keys(this.fields)[0] : undefined;
    return {
      code: this.code,
      message: this.message,
      ...(field !== undefined ? { field } : {}),
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }
}

export function validationError(fields: FieldIssues): UserFacingError {
  return new UserFacingError('VALIDATION', `Invalid input: ${Object.keys(fields).join(', ')}`, fields);
}
