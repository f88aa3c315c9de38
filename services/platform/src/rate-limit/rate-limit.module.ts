import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from '../logging/logger.js';
import type { RateLimitConfig } from './rate-limit.config.js';
import { createRateLimitStore } from './rate-limit-store.js';
import type { RateLimitStore } from './rate-limiter.js';
import {
  RATE_LIMIT_STORE,
  REQUEST_RATE_LIMITS,
  RequestRateLimitInterceptor,
  type RequestRateLimits,
} from './request-rate-limit.interceptor.js';

export interface RateLimitModuleOptions {
  service: string;
  config: RateLimitConfig;
  logger: Logger;
}

@Injectable()
class RateLimitLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The platform rate limiter for one service: a `RATE_LIMIT_STORE` (Redis when REDIS_URL is
 * set, in-process otherwise) for the service's own limits, and the per-workspace / per-API-key
 * request budgets on every authenticated HTTP route.
 */
@Global()
@Module({})
export class RateLimitModule {
  static forRoot({ service, config, logger }: RateLimitModuleOptions): DynamicModule {
    const limits: RequestRateLimits = {
      perWorkspacePerMinute: config.RATE_LIMIT_PER_WORKSPACE_PER_MINUTE,
      perApiKeyPerMinute: config.RATE_LIMIT_PER_API_KEY_PER_MINUTE,
    };
    return {
      module: RateLimitModule,
      providers: [
        {
          provide: RATE_LIMIT_STORE,
          useFactory: async () => {
            const store = createRateLimitStore({
              redisUrl: config.REDIS_URL,
              redisCaCert: config.REDIS_CA_CERT,
              keyPrefix: `meridian:rl:${service}:`,
              logger,
            });
            // Boot never waits on Redis for long: until it answers, limits are per replica.
            await store.ping().catch((err: unknown) => logger.warn({ err, context: 'RateLimitModule' }, 'Redis not reachable at boot'));
            return store;
          },
        },
        { provide: REQUEST_RATE_LIMITS, useValue: limits },
        { provide: APP_INTERCEPTOR, useClass: RequestRateLimitInterceptor },
        RateLimitLifecycle,
      ],
      exports: [RATE_LIMIT_STORE],
    };
  }
}
