import { randomUUID } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Metadata } from '@grpc/grpc-js';
import { Observable } from 'rxjs';
import { UnauthenticatedError } from '../errors/domain-error.js';
import { runWithContext } from '../logging/request-context.js';
import { metadataToContext } from './grpc-metadata.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs each RPC inside the request context built from its metadata. Every RPC is
 * tenant-scoped: a call without a well-formed workspace id is rejected.
 */
@Injectable()
export class GrpcContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const md = context.switchToRpc().getContext<Metadata>();
    const ctx = metadataToContext(md instanceof Metadata ? md : new Metadata(), randomUUID());
    if (!ctx.workspaceId || !UUID.test(ctx.workspaceId)) throw new UnauthenticatedError('Missing workspace in call metadata.');
    return new Observable((subscriber) => runWithContext(ctx, () => next.handle().subscribe(subscriber)));
  }
}
