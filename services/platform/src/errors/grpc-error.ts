import { type ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { Metadata } from '@grpc/grpc-js';
import { throwError, type Observable } from 'rxjs';
import type { Logger } from 'pino';
import { DomainError, ErrorCode } from './domain-error.js';
import { ERROR_MAPPING } from './error-mapping.js';

/** gRPC error as grpc-js expects it, with the stable reason in trailing metadata. */
export function toGrpcError(error: unknown): { code: number; message: string; metadata: Metadata } {
  const domain = error instanceof DomainError ? error : undefined;
  const code = domain?.code ?? ErrorCode.Internal;
  const metadata = new Metadata();
  metadata.set('reason', code);
  if (domain?.errors) metadata.set('field-errors', JSON.stringify(domain.errors));
  return {
    code: ERROR_MAPPING[code].grpc,
    message: domain ? domain.message : 'An unexpected error occurred.',
    metadata,
  };
}

/** Maps domain errors of gRPC handlers to gRPC status codes. */
@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, _host: ArgumentsHost): Observable<never> {
    const mapped = toGrpcError(error);
    if (mapped.code === ERROR_MAPPING[ErrorCode.Internal].grpc) {
      this.logger.error({ err: error, context: 'GrpcExceptionFilter' }, 'RPC failed');
    }
    return throwError(() => mapped);
  }
}
