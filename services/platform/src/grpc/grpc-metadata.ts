import { Metadata } from '@grpc/grpc-js';
import type { RequestContext } from '../logging/request-context.js';

/** Metadata keys that carry tenant, identity and trace context between services. */
export const MD = {
  workspace: 'x-workspace-id',
  user: 'x-user-id',
  role: 'x-user-role',
  correlation: 'x-correlation-id',
  traceparent: 'traceparent',
} as const;

export function contextToMetadata(ctx: RequestContext | undefined, md = new Metadata()): Metadata {
  if (!ctx) return md;
  md.set(MD.correlation, ctx.correlationId);
  if (ctx.workspaceId) md.set(MD.workspace, ctx.workspaceId);
  if (ctx.userId) md.set(MD.user, ctx.userId);
  if (ctx.role) md.set(MD.role, ctx.role);
  if (ctx.traceparent) md.set(MD.traceparent, ctx.traceparent);
  return md;
}

const first = (md: Metadata, key: string): string | undefined => {
  const v = md.get(key)[0];
  return typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : undefined;
};

export function metadataToContext(md: Metadata, fallbackCorrelationId: string): RequestContext {
  const workspaceId = first(md, MD.workspace);
  const userId = first(md, MD.user);
  const role = first(md, MD.role);
  const traceparent = first(md, MD.traceparent);
  return {
    correlationId: first(md, MD.correlation) ?? fallbackCorrelationId,
    ...(workspaceId ? { workspaceId } : {}),
    ...(userId ? { userId } : {}),
    ...(role ? { role } : {}),
    ...(traceparent ? { traceparent } : {}),
  };
}
