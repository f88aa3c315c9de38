import type { z } from 'zod';
import type { baseConfigSchema } from '../config/config.js';
import { startService, type RunningService, type ServiceDefinition } from '../bootstrap/bootstrap-service.js';
import { freePort } from './free-port.js';
import type { TestDatabase } from './postgres.js';

export interface TestService extends RunningService {
  grpcPort: number;
}

/** Environment for one service under test: loopback ports, its app/migrator roles, the Postgres bus. */
export async function testServiceEnv(
  db: TestDatabase,
  service: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const urls = db.urls[service];
  if (!urls) throw new Error(`Test database was not provisioned for ${service}`);
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.MERIDIAN_TEST_LOG_LEVEL ?? 'silent',
    HTTP_PORT: '0',
    GRPC_PORT: String(await freePort()),
    DATABASE_URL: urls.appUrl,
    DATABASE_MIGRATION_URL: urls.migrationUrl,
    EVENT_BUS: 'postgres',
    EVENT_BUS_DATABASE_URL: urls.migrationUrl,
    AUTH_SIGNING_KEY_SECRET: 'test-signing-key-secret-0123456789abcdef',
    ...extra,
  };
}

/** Boots a real service in-process (HTTP on a free port, gRPC, migrations, bus). */
export async function startTestService<S extends typeof baseConfigSchema>(
  def: ServiceDefinition<S>,
  db: TestDatabase,
  extra: Record<string, string> = {},
): Promise<TestService> {
  const env = await testServiceEnv(db, def.name, extra);
  const running = await startService(def, env as z.infer<S> & NodeJS.ProcessEnv);
  return { ...running, grpcPort: Number(env.GRPC_PORT) };
}

/** JSON over HTTP for tests: returns status, headers and parsed body. */
export async function http(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on arbitrary JSON bodies
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* non-JSON bodies are returned as text */
  }
  return { status: res.status, body, headers: res.headers };
}

/** Polls `fn` until it returns a truthy value or the timeout passes. */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
