import type { BaseConfig } from '../config/config.js';
import { createEventBus } from '../events/index.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logging/logger.js';

/** The bus adapter the config selects: Postgres (embedded default) or Google Pub/Sub. */
export function createEventBusFromConfig(config: BaseConfig, logger: Logger): EventBus {
  if (config.EVENT_BUS === 'pubsub') {
    return createEventBus({
      kind: 'pubsub',
      projectId: config.PUBSUB_PROJECT_ID,
      ...(config.PUBSUB_EMULATOR_HOST ? { apiEndpoint: config.PUBSUB_EMULATOR_HOST } : {}),
      logger,
    });
  }
  return createEventBus({
    kind: 'postgres',
    connectionString: config.EVENT_BUS_DATABASE_URL ?? config.DATABASE_MIGRATION_URL,
    logger,
  });
}
