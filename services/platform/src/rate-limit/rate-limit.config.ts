import { z } from 'zod';
import { sensitive } from '../config/config.js';

/** Env settings of the platform rate limiter; a service adds them with `.extend(rateLimitConfigShape)`. */
export const rateLimitConfigShape = {
  /** Redis shared by every replica (Memorystore in GKE); unset = limits kept in process memory. */
  REDIS_URL: sensitive(z.string().url().optional()),
  /** PEM CA of a TLS Redis (`rediss://`, e.g. Memorystore's server CA); unset = the system trust store. */
  REDIS_CA_CERT: sensitive(z.string().min(1).optional()),
  /** Requests per minute one workspace may make to this service (all its users and keys together); 0 = off. */
  RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  /** Requests per minute one API key may make to this service; 0 = off. */
  RATE_LIMIT_PER_API_KEY_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
};

export const rateLimitConfigSchema = z.object(rateLimitConfigShape);
export type RateLimitConfig = z.infer<typeof rateLimitConfigSchema>;
