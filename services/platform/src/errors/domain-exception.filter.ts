import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { toGrpcError } from './grpc-error.js';
import { DomainError, ErrorCode, type FieldError } from './domain-error.js';
import { ERROR_MAPPING } from './error-mapping.js';

/** RFC 9457 problem details, the body of every HTTP error. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
}

const PROBLEM_BASE = 'https://meridian.dev/problems/';

/** Turns any thrown error into an application/problem+json response (HTTP only). */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    const m = ERROR_MAPPING[error.code];
    return {
      type: PROBLEM_BASE + error.code.toLowerCase().replace(/_/g, '-'),
      title: m.title,
      status: m.http,
      detail: error.message,
      code: error.code,
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    const code =
      status === 404
        ? ErrorCode.NotFound
        : status === 413
          ? ErrorCode.ValidationFailed
          : status < 500
            ? ErrorCode.ValidationFailed
            : ErrorCode.Internal;
    return { type: PROBLEM_BASE + `http-${status}`, title: error.name, status, detail, code };
  }
  const m = ERROR_MAPPING[ErrorCode.Internal];
  return {
    type: PROBLEM_BASE + 'internal',
    title: m.title,
    status: 500,
    detail: 'An unexpected error occurred.',
    code: ErrorCode.Internal,
  };
}

/**
 * The one exception filter of a hybrid service: HTTP errors become problem+json, gRPC
 * errors a status code with the stable reason in metadata.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() === 'rpc') {
      const mapped = toGrpcError(error);
      if (mapped.code === ERROR_MAPPING[ErrorCode.Internal].grpc)
        this.logger.error({ err: error, context: 'DomainExceptionFilter' }, 'RPC failed');
      return throwError(() => mapped);
    }
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const problem = { ...toProblem(error), instance: req.originalUrl?.split('?')[0] };
    if (problem.status >= 500) this.logger.error({ err: error, context: 'DomainExceptionFilter' }, 'Request failed');
    if (error instanceof DomainError && error.retryAfterSeconds) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
