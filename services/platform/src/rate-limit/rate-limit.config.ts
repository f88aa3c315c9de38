import type { BaseConfig } from '../config/config.js';

/** Env settings of the platform rate limiter (declared in the base config schema). */
export type RateLimitConfig = Pick<
  BaseConfig,
  'REDIS_URL' | 'REDIS_CA_CERT' | 'RATE_LIMIT_PER_WORKSPACE_PER_MINUTE' | 'RATE_LIMIT_PER_API_KEY_PER_MINUTE'
>;
