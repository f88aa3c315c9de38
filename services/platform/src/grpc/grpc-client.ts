import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath } from '@meridian/proto';
import { DomainError } from '../errors/domain-error.js';
import { codeFromGrpcStatus } from '../errors/error-mapping.js';
import { currentContext } from '../logging/request-context.js';
import { contextToMetadata } from './grpc-metadata.js';
import { PROTO_LOADER_OPTIONS } from './grpc-server.js';

export interface GrpcClientConfig {
  /** host:port of the target service. */
  address: string;
  /** Proto file relative to proto/, e.g. 'crm/v1/contact_service.proto'. */
  protoFile: string;
  /** Fully qualified service, e.g. 'crm.v1.ContactService'. */
  service: string;
  deadlineMs: number;
}

type UnaryMethod = (
  req: unknown,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res: unknown) => void,
) => void;

/** Metadata of an outgoing call: the current context, with `workspaceId` overriding its workspace. */
function callMetadata(workspaceId?: string): grpc.Metadata {
  const ctx = currentContext();
  return contextToMetadata({ correlationId: ctx?.correlationId ?? randomUUID(), ...ctx, ...(workspaceId ? { workspaceId } : {}) });
}

/**
 * A unary gRPC client that always sets a deadline and forwards the current tenant,
 * user, correlation id and trace context as metadata. Errors come back as DomainErrors.
 */
export class GrpcClient {
  private readonly client: grpc.Client;

  constructor(private readonly config: GrpcClientConfig) {
    const definition = protoLoader.loadSync(protoPath(config.protoFile), PROTO_LOADER_OPTIONS);
    const pkg = grpc.loadPackageDefinition(definition);
    const ctor = config.service.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], pkg) as
      grpc.ServiceClientConstructor | undefined;
    if (!ctor) throw new Error(`Service ${config.service} is not in ${config.protoFile}`);
    this.client = new ctor(config.address, grpc.credentials.createInsecure(), {
      'grpc.keepalive_time_ms': 30_000,
      'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
    });
  }

  /** Calls `method` with the current context; `workspaceId` overrides it (event handlers). */
  call<Req, Res>(method: string, request: Req, options: { workspaceId?: string; deadlineMs?: number } = {}): Promise<Res> {
    const md = callMetadata(options.workspaceId);
    const fn = (this.client as unknown as Record<string, UnaryMethod>)[method];
    if (typeof fn !== 'function') return Promise.reject(new Error(`Unknown method ${this.config.service}.${method}`));
    const deadline = new Date(Date.now() + (options.deadlineMs ?? this.config.deadlineMs));
    return new Promise<Res>((resolve, reject) => {
      fn.call(this.client, request, md, { deadline }, (err, res) => {
        if (err) reject(new DomainError(codeFromGrpcStatus(err.code), err.details || err.message));
        else resolve(res as Res);
      });
    });
  }

  /**
   * Calls a server-streaming `method`; yields each message. The deadline covers the whole
   * stream (default 10x the unary deadline).
   */
  async *serverStream<Req, Res>(
    method: string,
    request: Req,
    options: { workspaceId?: string; deadlineMs?: number } = {},
  ): AsyncIterable<Res> {
    const md = callMetadata(options.workspaceId);
    const fn = (
      this.client as unknown as Record<string, (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions) => grpc.ClientReadableStream<Res>>
    )[method];
    if (typeof fn !== 'function') throw new Error(`Unknown method ${this.config.service}.${method}`);
    const deadline = new Date(Date.now() + (options.deadlineMs ?? this.config.deadlineMs * 10));
    const call = fn.call(this.client, request, md, { deadline });
    try {
      for await (const message of call) yield message as Res;
    } catch (err) {
      const e = err as grpc.ServiceError;
      throw new DomainError(codeFromGrpcStatus(e.code), e.details || e.message);
    } finally {
      call.cancel();
    }
  }

  close(): void {
    this.client.close();
  }
}
