import { z } from 'zod';
import { baseConfigSchema } from '../config/config.js';

/** Env settings of the platform rate limiter; part of every service's base config. */
export const rateLimitConfigShape = {
  REDIS_URL: baseConfigSchema.shape.REDIS_URL,
  REDIS_CA_CERT: baseConfigSchema.shape.REDIS_CA_CERT,
  RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: baseConfigSchema.shape.RATE_LIMIT_PER_WORKSPACE_PER_MINUTE,
  RATE_LIMIT_PER_API_KEY_PER_MINUTE: baseConfigSchema.shape.RATE_LIMIT_PER_API_KEY_PER_MINUTE,
};

export const rateLimitConfigSchema = z.object(rateLimitConfigShape);
export type RateLimitConfig = z.infer<typeof rateLimitConfigSchema>;
