import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../logging/logger.js';
import type { RateLimiter, RateLimitRule, RateLimitState, RateLimitStore } from './rate-limiter.js';

export interface RateLimitStoreOptions {
  /** `redis://...`: share budgets across replicas. Unset: each process keeps its own. */
  redisUrl?: string;
  /** PEM CA for a `rediss://` URL whose server certificate is not publicly trusted (Memorystore). */
  redisCaCert?: string;
  /** Namespaces keys per service (`meridian:rl:users:`), so services never share budgets by accident. */
  keyPrefix: string;
  logger?: Logger;
}

const toState = (rule: RateLimitRule, res: RateLimiterRes, allowed: boolean): RateLimitState => ({
  allowed,
  limit: rule.points,
  remaining: Math.max(0, res.remainingPoints),
  resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
});

/** Adapts a rate-limiter-flexible limiter to our interface: a refusal is a state, not an exception. */
class FlexibleLimiter implements RateLimiter {
  constructor(
    readonly rule: RateLimitRule,
    private readonly impl: RateLimiterAbstract,
  ) {}

  async consume(key: string, points = 1): Promise<RateLimitState> {
    try {
      return toState(this.rule, await this.impl.consume(key, points), true);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return toState(this.rule, rejection, false);
      throw rejection;
    }
  }

  async peek(key: string): Promise<RateLimitState> {
    const res = await this.impl.get(key);
    if (!res) return { allowed: true, limit: this.rule.points, remaining: this.rule.points, resetSeconds: this.rule.durationSeconds };
    return toState(this.rule, res, res.remainingPoints > 0);
  }

  async refund(key: string, points = 1): Promise<void> {
    await this.impl.reward(key, points);
  }

  async reset(key: string): Promise<void> {
    await this.impl.delete(key);
  }
}

const memoryLimiter = (rule: RateLimitRule, keyPrefix: string) =>
  new RateLimiterMemory({
    keyPrefix: `${keyPrefix}${rule.name}`,
    points: rule.points,
    duration: rule.durationSeconds,
    blockDuration: rule.blockSeconds ?? 0,
  });

/** In-process budgets: the embedded default (one replica), and the insurance when Redis is unreachable. */
class MemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory' as const;
  constructor(private readonly keyPrefix: string) {}
  limiter(rule: RateLimitRule): RateLimiter {
    return new FlexibleLimiter(rule, memoryLimiter(rule, this.keyPrefix));
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

/**
 * Budgets shared by every replica through Redis (atomic INCR + PEXPIRE in Lua). While Redis
 * is unreachable each limiter falls back to an in-process one with the same rule, so a Redis
 * outage degrades limits to per-replica rather than refusing or waving through every call.
 */
class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis' as const;
  private readonly client: Redis;

  constructor(
    url: string,
    private readonly keyPrefix: string,
    logger?: Logger,
    caCert?: string,
  ) {
    // No offline queue: a command while disconnected fails at once and the insurance limiter answers.
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      ...(caCert ? { tls: { ca: caCert } } : {}),
    });
    let down = false;
    this.client.on('error', (err: Error) => {
      if (!down) logger?.warn({ err, context: 'RateLimitStore' }, 'Redis unreachable: rate limits are per replica until it returns');
      down = true;
    });
    this.client.on('ready', () => {
      if (down) logger?.info({ context: 'RateLimitStore' }, 'Redis reachable again: rate limits are shared');
      down = false;
    });
  }

  limiter(rule: RateLimitRule): RateLimiter {
    const impl = new RateLimiterRedis({
      storeClient: this.client,
      keyPrefix: `${this.keyPrefix}${rule.name}`,
      points: rule.points,
      duration: rule.durationSeconds,
      blockDuration: rule.blockSeconds ?? 0,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memoryLimiter(rule, this.keyPrefix),
    });
    return new FlexibleLimiter(rule, impl);
  }

  /** Waits (bounded) for the connection, then PINGs: lets a service start with shared limits from its first request. */
  async ping(timeoutMs = 2000): Promise<void> {
    if (this.client.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.client.off('ready', onReady);
          reject(new Error(`Redis not ready within ${timeoutMs} ms`));
        }, timeoutMs);
        const onReady = (): void => {
          clearTimeout(timer);
          resolve();
        };
        this.client.once('ready', onReady);
      });
    }
    await this.client.ping();
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** The store for a service: Redis when `redisUrl` is set, process memory otherwise. */
export function createRateLimitStore(options: RateLimitStoreOptions): RateLimitStore {
  return options.redisUrl
    ? new RedisRateLimitStore(options.redisUrl, options.keyPrefix, options.logger, options.redisCaCert)
    : new MemoryRateLimitStore(options.keyPrefix);
}
