import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { pino } from 'pino';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import type { Principal } from '../auth/principal.js';
import { createRateLimitStore } from './rate-limit-store.js';
import { RequestRateLimitInterceptor } from './request-rate-limit.interceptor.js';

const logger = pino({ level: 'silent' });

function call(interceptor: RequestRateLimitInterceptor, principal: Principal | undefined, type: 'http' | 'rpc' = 'http') {
  const headers: Record<string, string> = {};
  const context = {
    getType: () => type,
    switchToHttp: () => ({
      getRequest: () => ({ principal }),
      getResponse: () => ({ setHeader: (k: string, v: string) => (headers[k] = v) }),
    }),
  } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of('handled') };
  return lastValueFrom(interceptor.intercept(context, next)).then(
    (value) => ({ value, headers, error: undefined as DomainError | undefined }),
    (error: DomainError) => ({ value: undefined, headers, error }),
  );
}

const member = (workspaceId: string, apiKeyId?: string): Principal => ({
  userId: 'u',
  workspaceId,
  role: 'member',
  ...(apiKeyId ? { apiKeyId } : {}),
});

describe('RequestRateLimitInterceptor', () => {
  it('admits a workspace up to its budget, then answers 429 with Retry-After; other workspaces are unaffected', async () => {
    const interceptor = new RequestRateLimitInterceptor(
      createRateLimitStore({ keyPrefix: 't1:' }),
      { perWorkspacePerMinute: 3, perApiKeyPerMinute: 0 },
      logger,
    );
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await call(interceptor, member('ws-a')));
    expect(results.slice(0, 3).map((r) => r.value)).toEqual(['handled', 'handled', 'handled']);
    expect(results[0]!.headers).toEqual({ 'RateLimit-Limit': '3', 'RateLimit-Remaining': '2', 'RateLimit-Reset': expect.any(String) });
    const refused = results[3]!;
    expect(refused.error).toBeInstanceOf(DomainError);
    expect(refused.error!.code).toBe(ErrorCode.RateLimited);
    expect(refused.error!.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.error!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await call(interceptor, member('ws-b'))).value).toBe('handled');
  });

  it('limits each API key on its own budget, inside its workspace budget', async () => {
    const interceptor = new RequestRateLimitInterceptor(
      createRateLimitStore({ keyPrefix: 't2:' }),
      { perWorkspacePerMinute: 100, perApiKeyPerMinute: 2 },
      logger,
    );
    expect((await call(interceptor, member('ws', 'key-1'))).value).toBe('handled');
    expect((await call(interceptor, member('ws', 'key-1'))).value).toBe('handled');
    const refused = await call(interceptor, member('ws', 'key-1'));
    expect(refused.error?.code).toBe(ErrorCode.RateLimited);
    expect(refused.error?.message).toMatch(/API key/);
    expect((await call(interceptor, member('ws', 'key-2'))).value).toBe('handled');
    // A user session in the same workspace is not held back by the key's budget.
    expect((await call(interceptor, member('ws'))).value).toBe('handled');
  });

  it('does not count public routes, gRPC, or anything when the limits are off', async () => {
    const interceptor = new RequestRateLimitInterceptor(
      createRateLimitStore({ keyPrefix: 't3:' }),
      { perWorkspacePerMinute: 1, perApiKeyPerMinute: 1 },
      logger,
    );
    for (let i = 0; i < 3; i++) expect((await call(interceptor, undefined)).value).toBe('handled');
    for (let i = 0; i < 3; i++) expect((await call(interceptor, member('ws'), 'rpc')).value).toBe('handled');
    const off = new RequestRateLimitInterceptor(
      createRateLimitStore({ keyPrefix: 't4:' }),
      { perWorkspacePerMinute: 0, perApiKeyPerMinute: 0 },
      logger,
    );
    for (let i = 0; i < 5; i++) expect((await call(off, member('ws', 'k'))).headers).toEqual({});
  });
});
