import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { HealthImplementation } from 'grpc-health-check';
import { protoPath, protoRoot } from '@meridian/proto';

/** proto-loader options shared by servers and clients (camelCase fields, like ts-proto). */
export const PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: Number,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

export interface GrpcServerConfig {
  host: string;
  port: number;
  /** Proto packages served, e.g. ['crm.v1']. */
  packages: string[];
  /** Proto files relative to proto/, e.g. ['crm/v1/contact_service.proto']. */
  protoFiles: string[];
}

/**
 * Nest gRPC microservice options, with the standard grpc.health.v1 service added to the
 * same server so probes and meshes can check it.
 */
export function grpcServerOptions(config: GrpcServerConfig): GrpcOptions & { health: HealthImplementation } {
  const health = new HealthImplementation({ '': 'SERVING' });
  return {
    transport: Transport.GRPC,
    health,
    options: {
      url: `${config.host}:${config.port}`,
      package: config.packages,
      protoPath: config.protoFiles.map(protoPath),
      loader: PROTO_LOADER_OPTIONS,
      onLoadPackageDefinition: (_pkg: unknown, server: unknown) => health.addToServer(server as never),
    },
  } as GrpcOptions & { health: HealthImplementation };
}
