import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { z } from 'zod';
import { ConfigError, loadConfig, redactConfig, type BaseConfig, type baseConfigSchema } from '../config/config.js';
import { runMigrations, roleOf, type Migrations } from '../database/data-source.js';
import { grpcServerOptions } from '../grpc/grpc-server.js';
import { correlationMiddleware } from '../http/correlation.middleware.js';
import { httpMetricsMiddleware } from '../http/http-metrics.middleware.js';
import { createLogger, PinoNestLogger, type Logger } from '../logging/logger.js';
import { METRICS } from '../tokens.js';
import { startTracing, stopTracing } from '../tracing/tracing.js';
import type { Metrics } from '../health/metrics.js';

export interface ServiceDefinition<S extends typeof baseConfigSchema> {
  /** Service name: schema, consumer name, log name. */
  name: string;
  title: string;
  configSchema: S;
  migrations: Migrations;
  /** Builds the root module from the validated config. */
  module: (config: z.infer<S>, logger: Logger) => DynamicModule;
  grpc: { packages: string[]; protoFiles: string[] };
  /** Domain events this service writes to its outbox and consumes: the source of truth for topics and subscriptions. */
  events: { publishes: readonly string[]; consumes: readonly string[] };
}

export interface RunningService {
  app: NestExpressApplication;
  httpUrl: string;
  grpcAddress: string;
  close(): Promise<void>;
}

/** Runs the service's migrations as the migrator role (also `npm run migrate`). */
export async function migrateService(name: string, config: BaseConfig, migrations: Migrations, logger: Logger): Promise<string[]> {
  return runMigrations({
    migrationUrl: config.DATABASE_MIGRATION_URL,
    appRole: roleOf(config.DATABASE_URL),
    schema: name,
    migrations,
    logger,
  });
}

/**
 * Boots one Meridian service as a NestJS hybrid app: REST (problem+json errors, OpenAPI
 * at /api/docs), gRPC (with grpc.health.v1) and event subscribers, after migrations.
 */
export async function startService<S extends typeof baseConfigSchema>(
  def: ServiceDefinition<S>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningService> {
  const config = loadConfig(def.configSchema, env) as z.infer<S>;
  const logger = createLogger(def.name, config.LOG_LEVEL);
  logger.info({ config: redactConfig(def.configSchema, config) }, 'Starting');
  startTracing(def.name, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (config.RUN_MIGRATIONS) await migrateService(def.name, config, def.migrations, logger);

  const app = await NestFactory.create<NestExpressApplication>(def.module(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware(app.get<Metrics>(METRICS)));
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Meridian ${def.title} API`).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs/openapi.json' });

  const grpcOptions = grpcServerOptions({ host: config.GRPC_HOST, port: config.GRPC_PORT, ...def.grpc });
  // Filters and interceptors are APP_FILTER/APP_INTERCEPTOR providers: they cover HTTP and gRPC alike.
  app.connectMicroservice(grpcOptions, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  // Longer than the edge's (and a load balancer's) idle keep-alive, so it never reuses a socket we just closed.
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = app.getHttpServer().address();
  const httpUrl = `http://${config.HTTP_HOST}:${typeof address === 'object' && address ? address.port : config.HTTP_PORT}`;
  logger.info({ httpUrl, grpc: `${config.GRPC_HOST}:${config.GRPC_PORT}` }, 'Ready');
  return {
    app,
    httpUrl,
    grpcAddress: `${config.GRPC_HOST}:${config.GRPC_PORT}`,
    async close() {
      grpcOptions.health.setStatus('', 'NOT_SERVING');
      await app.close();
      await stopTracing();
    },
  };
}

/** Entry point of a service's main.ts: start, log fatal errors, exit non-zero on failure. */
export function runServiceMain<S extends typeof baseConfigSchema>(def: ServiceDefinition<S>): void {
  startService(def).catch((err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${def.name}: ${err.message}\n`);
    else createLogger(def.name).fatal({ err }, 'Failed to start');
    process.exit(1);
  });
}

/** Entry point of a service's migrate.ts. */
export function runMigrateMain<S extends typeof baseConfigSchema>(def: ServiceDefinition<S>): void {
  const config = loadConfig(def.configSchema);
  const logger = createLogger(def.name, config.LOG_LEVEL);
  migrateService(def.name, config, def.migrations, logger).then(
    (ran) => {
      logger.info({ ran }, ran.length ? 'Migrated' : 'Schema up to date');
      process.exit(0);
    },
    (err: unknown) => {
      logger.fatal({ err }, 'Migration failed');
      process.exit(1);
    },
  );
}
