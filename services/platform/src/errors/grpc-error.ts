import { Metadata } from '@grpc/grpc-js';
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
