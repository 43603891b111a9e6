import type { AppError, CloudErrorView, ErrorCode, FieldIssues } from '../../contract/index.js';

/** An error meant for the user: services throw it, the router puts it in the envelope as is. */
export class UserFacingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssues,
    readonly cloud?: CloudErrorView,
    /** A rule change kept as a draft because it could not be sent. */
    readonly draftId?: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }

  /** The same error, saying which draft kept the change. */
  withDraft(draftId: string): UserFacingError {
    return new UserFacingError(this.code, this.message, this.fields, this.cloud, draftId);
  }

  toAppError(): AppError {
    const field = this.fields ? Object.keys(this.fields)[0] : undefined;
    return {
      code: this.code,
      message: this.message,
      ...(field !== undefined ? { field } : {}),
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.cloud ? { cloud: this.cloud } : {}),
      ...(this.cloud?.requestId ? { requestId: this.cloud.requestId } : {}),
      ...(this.draftId ? { draftId: this.draftId } : {}),
    };
  }
}

export function validationError(fields: FieldIssues): UserFacingError {
  return new UserFacingError('VALIDATION', `Invalid input: ${Object.keys(fields).join(', ')}`, fields);
}

/** A failed cloud call, for the user: the cloud's code and message, the action and its RequestId. */
export function cloudError(view: CloudErrorView): UserFacingError {
  const where = view.action ? `${view.action}: ` : '';
  return new UserFacingError('CLOUD', `${where}${view.message}`, undefined, view);
}
