/** Stable, machine-readable error codes shared by every service and transport. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Unauthenticated = 'UNAUTHENTICATED',
  PermissionDenied = 'PERMISSION_DENIED',
  RateLimited = 'RATE_LIMITED',
  Unavailable = 'UNAVAILABLE',
  Internal = 'INTERNAL',
}

/** One invalid input, named by its field (or `row`/`column` for files). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A business-rule failure. Services throw these (never HTTP or gRPC types); one filter
 * per transport maps the code to problem+json or a gRPC status.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly errors?: FieldError[],
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], message = 'The request has invalid fields.') {
    super(ErrorCode.ValidationFailed, message, errors);
  }
}

/** Same message for "missing" and "another workspace's": existence must not leak. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, errors?: FieldError[]) {
    super(ErrorCode.Conflict, message, errors);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication is required.') {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class PermissionDeniedError extends DomainError {
  constructor(message = 'You do not have permission to do this.') {
    super(ErrorCode.PermissionDenied, message);
  }
}
