import { status as GrpcStatus } from '@grpc/grpc-js';
import { ErrorCode } from './domain-error.js';

interface Mapping {
  http: number;
  title: string;
  grpc: GrpcStatus;
}

/** The one table from domain error codes to transport statuses. */
export const ERROR_MAPPING: Record<ErrorCode, Mapping> = {
  [ErrorCode.ValidationFailed]: { http: 400, title: 'Invalid request', grpc: GrpcStatus.INVALID_ARGUMENT },
  [ErrorCode.NotFound]: { http: 404, title: 'Not found', grpc: GrpcStatus.NOT_FOUND },
  [ErrorCode.Conflict]: { http: 409, title: 'Conflict', grpc: GrpcStatus.ALREADY_EXISTS },
  [ErrorCode.Unauthenticated]: { http: 401, title: 'Unauthenticated', grpc: GrpcStatus.UNAUTHENTICATED },
  [ErrorCode.PermissionDenied]: { http: 403, title: 'Forbidden', grpc: GrpcStatus.PERMISSION_DENIED },
  [ErrorCode.RateLimited]: { http: 429, title: 'Too many requests', grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  [ErrorCode.Unavailable]: { http: 503, title: 'Service unavailable', grpc: GrpcStatus.UNAVAILABLE },
  [ErrorCode.Internal]: { http: 500, title: 'Internal error', grpc: GrpcStatus.INTERNAL },
};

const BY_GRPC = new Map<number, ErrorCode>(Object.entries(ERROR_MAPPING).map(([code, m]) => [m.grpc, code as ErrorCode]));

/** Domain code for a gRPC status received from another service. */
export function codeFromGrpcStatus(status: number): ErrorCode {
  return BY_GRPC.get(status) ?? ErrorCode.Internal;
}
