import { z } from 'zod';

/** Marks a config field as secret: its value is never logged or printed. */
export function sensitive<T extends z.ZodType>(schema: T): T {
  return schema.meta({ sensitive: true }) as T;
}

const isSensitive = (field: z.ZodType): boolean => z.globalRegistry.get(field)?.sensitive === true;

/** Boolean env var: accepts true/false/1/0/yes/no. */
export const envBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Settings every service reads; each service extends this schema with its own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535),
  /** Express `trust proxy`: which hops may set X-Forwarded-For (the edge, the load balancer). */
  TRUST_PROXY: z.string().default('loopback, linklocal, uniquelocal'),
  GRPC_HOST: z.string().default('127.0.0.1'),
  GRPC_PORT: z.coerce.number().int().min(0).max(65535),
  DATABASE_URL: sensitive(z.string().url()),
  DATABASE_MIGRATION_URL: sensitive(z.string().url()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  RUN_MIGRATIONS: envBoolean(true),
  EVENT_BUS: z.enum(['postgres', 'pubsub']).default('postgres'),
  EVENT_BUS_DATABASE_URL: sensitive(z.string().url().optional()),
  PUBSUB_PROJECT_ID: z.string().default('meridian-local'),
  PUBSUB_EMULATOR_HOST: z.string().optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  /** users service gRPC (host:port): resolves API keys presented as bearer tokens. */
  USERS_GRPC_URL: z.string().min(3).optional(),
  AUTH_ISSUER: z.string().default('meridian-users'),
  AUTH_AUDIENCE: z.string().default('meridian'),
  GRPC_DEADLINE_MS: z.coerce.number().int().min(50).max(60000).default(2000),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Redis shared by every replica (Memorystore in GKE) for rate limits; unset = limits kept in process memory. */
  REDIS_URL: sensitive(z.string().url().optional()),
  /** PEM CA of a TLS Redis (`rediss://`, e.g. Memorystore's server CA; public, not a secret); unset = the system trust store. */
  REDIS_CA_CERT: z.string().min(1).optional(),
  /** Requests per minute one workspace may make to this service (all its users and keys together); 0 = off. */
  RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  /** Requests per minute one API key may make to this service; 0 = off. */
  RATE_LIMIT_PER_API_KEY_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against a schema once, at boot. Fails fast with every
 * problem named by variable; values are never echoed (they may be secrets).
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

/** A copy of the config safe to log: sensitive fields show only whether they are set. */
export function redactConfig<S extends z.ZodObject>(schema: S, config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = config[key];
    out[key] = isSensitive(field) ? (value === undefined ? undefined : '[redacted]') : value;
  }
  return out;
}
