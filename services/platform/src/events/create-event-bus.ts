import type { EventBus } from './event-bus.js';
import { PostgresEventBus, type PostgresEventBusOptions } from './postgres/postgres-event-bus.js';
import { PubSubEventBus, type PubSubEventBusOptions } from './pubsub/pubsub-event-bus.js';

export type EventBusConfig = ({ kind: 'postgres' } & PostgresEventBusOptions) | ({ kind: 'pubsub' } & PubSubEventBusOptions);

/** The adapter a service's config selects: Postgres (embedded default) or Google Pub/Sub. */
export function createEventBus(config: EventBusConfig): EventBus {
  switch (config.kind) {
    case 'postgres': {
      const { kind: _kind, ...options } = config;
      return new PostgresEventBus(options);
    }
    case 'pubsub': {
      const { kind: _kind, ...options } = config;
      return new PubSubEventBus(options);
    }
    default:
      throw new Error(`Unknown event bus kind: ${(config as { kind: string }).kind}`);
  }
}
