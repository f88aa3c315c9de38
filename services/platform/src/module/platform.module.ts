import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { DomainExceptionFilter } from '../errors/domain-exception.filter.js';
import { GrpcContextInterceptor } from '../grpc/grpc-context.interceptor.js';
import type { DataSource } from 'typeorm';
import pg from 'pg';
import { AuthGuard } from '../auth/auth.guard.js';
import { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { ApiKeyResolver } from '../auth/api-key-resolver.js';
import { createServiceDataSource } from '../database/data-source.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { createEventBusFromConfig } from './event-bus-from-config.js';
import type { EventBus } from '../events/event-bus.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import { HealthController } from '../health/health.controller.js';
import { EXPORT_SOURCES, ExportGrpcController } from '../exports/export.grpc.js';
import { createMetrics } from '../health/metrics.js';
import type { ReadinessCheck } from '../health/readiness.js';
import {
  API_KEY_RESOLVER,
  DATA_SOURCE,
  EVENT_BUS,
  LOGGER,
  METRICS,
  PLATFORM_CONFIG,
  READINESS_CHECKS,
  SERVICE_NAME,
  TOKEN_VERIFIER,
} from '../tokens.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { DomainEvents } from './domain-events.js';
import { EventSubscriptions, SUBSCRIBER_TYPES } from './event-subscriptions.js';
import type { PlatformOptions } from './platform-options.js';

const RELAY = Symbol('OUTBOX_RELAY');
const RELAY_POOL = Symbol('RELAY_POOL');

/** Starts the outbox relay after boot and closes connections on shutdown, in order. */
@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(RELAY) private readonly relay: OutboxRelay,
    @Inject(RELAY_POOL) private readonly relayPool: pg.Pool,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.bus.stop();
    await this.relayPool.end();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Everything a Meridian service shares: config, logger, metrics, health, the tenant
 * database, the event bus with outbox relay and subscriptions, and the auth guard.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { service, config, logger } = options;
    const subscribers = options.subscribers ?? [];
    return {
      module: PlatformModule,
      // DiscoveryModule lets the security suite list every route with its access rule.
      imports: [DiscoveryModule, RateLimitModule.forRoot({ service, config, logger })],
      controllers: [HealthController, ...(options.exports?.length ? [ExportGrpcController] : [])],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: METRICS, useValue: createMetrics(service) },
        {
          provide: DATA_SOURCE,
          useFactory: async () => {
            const ds = createServiceDataSource({
              url: config.DATABASE_URL,
              schema: service,
              entities: options.entities,
              poolSize: config.DATABASE_POOL_SIZE,
              applicationName: `meridian-${service}`,
            });
            return ds.initialize();
          },
        },
        { provide: TenantDatabase, useFactory: (ds: DataSource) => new TenantDatabase(ds), inject: [DATA_SOURCE] },
        {
          provide: EVENT_BUS,
          useFactory: async () => {
            const bus = createEventBusFromConfig(config, logger);
            await bus.start();
            return bus;
          },
        },
        {
          provide: RELAY_POOL,
          useFactory: () => {
            const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2, application_name: `meridian-${service}-relay` });
            pool.on('error', (err) => logger.warn({ err, context: 'OutboxRelay' }, 'Idle relay connection lost'));
            return pool;
          },
        },
        {
          provide: RELAY,
          useFactory: (pool: pg.Pool, bus: EventBus) => new OutboxRelay({ pool, schema: service, bus, logger }),
          inject: [RELAY_POOL, EVENT_BUS],
        },
        {
          provide: TOKEN_VERIFIER,
          useFactory: () => {
            if (options.tokenVerifier) return options.tokenVerifier();
            if (!config.AUTH_JWKS_URL) throw new Error('AUTH_JWKS_URL is required to verify access tokens');
            return AccessTokenVerifier.remote(config.AUTH_JWKS_URL, config.AUTH_ISSUER, config.AUTH_AUDIENCE);
          },
        },
        {
          provide: API_KEY_RESOLVER,
          useFactory: () => (config.USERS_GRPC_URL ? ApiKeyResolver.grpc(config.USERS_GRPC_URL, config.GRPC_DEADLINE_MS) : null),
        },
        {
          provide: READINESS_CHECKS,
          useFactory: (ds: DataSource, bus: EventBus): ReadinessCheck[] => [
            { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
            { name: 'event-bus', check: () => bus.ping() },
            ...(options.readiness ?? []),
          ],
          inject: [DATA_SOURCE, EVENT_BUS],
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useFactory: () => new DomainExceptionFilter(logger) },
        { provide: APP_INTERCEPTOR, useClass: GrpcContextInterceptor },
        { provide: SUBSCRIBER_TYPES, useValue: subscribers },
        { provide: EXPORT_SOURCES, useValue: options.exports ?? [] },
        DomainEvents,
        EventSubscriptions,
        PlatformLifecycle,
      ],
      exports: [
        RateLimitModule,
        SERVICE_NAME,
        PLATFORM_CONFIG,
        LOGGER,
        METRICS,
        DATA_SOURCE,
        TenantDatabase,
        EVENT_BUS,
        TOKEN_VERIFIER,
        DomainEvents,
      ],
    };
  }
}
