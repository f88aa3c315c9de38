import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, type Observable, switchMap } from 'rxjs';
import type { RequestWithPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { LOGGER } from '../tokens.js';
import type { Logger } from '../logging/logger.js';
import { tooManyRequests, type RateLimiter, type RateLimitState, type RateLimitStore } from './rate-limiter.js';

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
export const REQUEST_RATE_LIMITS = Symbol('REQUEST_RATE_LIMITS');

/** Per-minute request budgets of one service (0 = off). */
export interface RequestRateLimits {
  perWorkspacePerMinute: number;
  perApiKeyPerMinute: number;
}

const MESSAGE = 'This workspace is sending too many requests. Slow down and try again shortly.';
const API_KEY_MESSAGE = 'This API key is sending too many requests. Slow down and try again shortly.';

/**
 * Per-workspace and per-API-key request budgets for authenticated HTTP calls, shared across
 * replicas when the store is Redis. Runs after the auth guard (it needs the principal);
 * public routes and gRPC are not counted. Answers 429 + Retry-After, and tells every caller
 * where it stands with `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset`.
 */
@Injectable()
export class RequestRateLimitInterceptor implements NestInterceptor {
  private readonly workspace?: RateLimiter;
  private readonly apiKey?: RateLimiter;

  constructor(
    @Inject(RATE_LIMIT_STORE) store: RateLimitStore,
    @Inject(REQUEST_RATE_LIMITS) limits: RequestRateLimits,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    if (limits.perWorkspacePerMinute > 0)
      this.workspace = store.limiter({ name: 'workspace-requests', points: limits.perWorkspacePerMinute, durationSeconds: 60 });
    if (limits.perApiKeyPerMinute > 0)
      this.apiKey = store.limiter({ name: 'api-key-requests', points: limits.perApiKeyPerMinute, durationSeconds: 60 });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
    if (!principal) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    return from(this.admit(principal, res)).pipe(switchMap(() => next.handle()));
  }

  private async admit(principal: Principal, res: Response): Promise<void> {
    let states: Array<{ state: RateLimitState; message: string }>;
    try {
      const checks: Array<Promise<{ state: RateLimitState; message: string }>> = [];
      if (this.workspace) checks.push(this.workspace.consume(principal.workspaceId).then((state) => ({ state, message: MESSAGE })));
      if (this.apiKey && principal.apiKeyId)
        checks.push(this.apiKey.consume(principal.apiKeyId).then((state) => ({ state, message: API_KEY_MESSAGE })));
      states = await Promise.all(checks);
    } catch (err) {
      // The store failed without insurance: serving the request beats refusing everyone.
      this.logger.warn({ err, context: 'RequestRateLimitInterceptor' }, 'Rate limit store failed; request admitted');
      return;
    }
    if (states.length === 0) return;
    // The tightest budget is the one the caller must watch.
    const tightest = states.reduce((a, b) => (b.state.remaining < a.state.remaining ? b : a));
    res.setHeader('RateLimit-Limit', String(tightest.state.limit));
    res.setHeader('RateLimit-Remaining', String(tightest.state.remaining));
    res.setHeader('RateLimit-Reset', String(tightest.state.resetSeconds));
    const refused = states.filter((s) => !s.state.allowed);
    if (refused.length > 0) {
      const worst = refused.reduce((a, b) => (b.state.resetSeconds > a.state.resetSeconds ? b : a));
      throw tooManyRequests(worst.state.resetSeconds, worst.message);
    }
  }
}
