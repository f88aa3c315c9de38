import { UnauthenticatedError } from '../errors/domain-error.js';
import { AsyncLocalStorage } from 'node:async_hooks';

/** What a request, RPC or event handler runs on behalf of. */
export interface RequestContext {
  correlationId: string;
  workspaceId?: string;
  userId?: string;
  role?: string;
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current request context. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request context, if any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The workspace the current call runs in; throws when there is none (no tenant, no data). */
export function currentWorkspaceId(): string {
  const workspaceId = storage.getStore()?.workspaceId;
  if (!workspaceId) throw new UnauthenticatedError('No workspace in the call context.');
  return workspaceId;
}

/** Adds identity to the current context (the auth guard runs after the correlation middleware). */
export function enrichContext(patch: Partial<RequestContext>): void {
  const store = storage.getStore();
  if (store) Object.assign(store, patch);
}
