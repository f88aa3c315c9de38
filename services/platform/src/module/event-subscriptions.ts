import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EventBus } from '../events/event-bus.js';
import type { EventEnvelope } from '../events/event-envelope.js';
import { processOnce } from '../events/inbox.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { runWithContext } from '../logging/request-context.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../health/metrics.js';
import { EVENT_BUS, LOGGER, METRICS, SERVICE_NAME } from '../tokens.js';
import type { EventSubscriber } from './event-subscriber.js';

export const SUBSCRIBER_TYPES = Symbol('SUBSCRIBER_TYPES');

/** Connects the service's EventSubscribers to the bus, with dedupe by event id. */
@Injectable()
export class EventSubscriptions implements OnApplicationBootstrap {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(SUBSCRIBER_TYPES) private readonly subscriberTypes: Array<new (...args: never[]) => EventSubscriber>,
    private readonly tenantDb: TenantDatabase,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const type of this.subscriberTypes) {
      const subscriber = this.moduleRef.get(type, { strict: false });
      await this.bus.subscribe({ consumer: this.service, types: subscriber.types, maxAttempts: subscriber.maxAttempts ?? 5 }, (event) =>
        this.deliver(subscriber, event),
      );
      this.logger.info({ context: 'EventSubscriptions', subscriber: type.name, types: subscriber.types }, 'Subscribed');
    }
  }

  private async deliver(subscriber: EventSubscriber, event: EventEnvelope): Promise<void> {
    const ctx = {
      correlationId: event.correlationId ?? event.id,
      workspaceId: event.workspaceId,
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    };
    await runWithContext(ctx, async () => {
      try {
        const ran = await this.tenantDb.inWorkspace(event.workspaceId, (manager) =>
          processOnce(manager, this.service, subscriber.constructor.name, event, () => subscriber.handle(event, manager)),
        );
        this.metrics.eventsHandled.inc({ type: event.type, outcome: ran ? 'handled' : 'duplicate' });
      } catch (err) {
        this.metrics.eventsHandled.inc({ type: event.type, outcome: 'failed' });
        this.logger.warn({ context: 'EventSubscriptions', err, eventId: event.id, type: event.type }, 'Event handler failed; will retry');
        throw err;
      }
    });
  }
}
