import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { appendToOutbox, newEvent } from '../events/outbox.js';
import type { EventEnvelope } from '../events/event-envelope.js';
import { currentContext } from '../logging/request-context.js';
import { currentTraceparent } from '../tracing/tracing.js';
import { SERVICE_NAME } from '../tokens.js';

export interface DomainEventInput<T> {
  type: string;
  workspaceId: string;
  /** Aggregate id: the ordering key. */
  subject: string;
  /** proto3 JSON of the event's proto message. */
  data: T;
}

/**
 * Records domain events in the service's outbox, inside the caller's transaction:
 * published by the relay only if that transaction commits.
 */
@Injectable()
export class DomainEvents {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  async record<T>(manager: EntityManager, ...inputs: DomainEventInput<T>[]): Promise<EventEnvelope<T>[]> {
    const ctx = currentContext();
    const traceparent = currentTraceparent() ?? ctx?.traceparent;
    const events = inputs.map((input) =>
      newEvent({
        ...input,
        source: `meridian/${this.service}`,
        ...(ctx?.correlationId ? { correlationId: ctx.correlationId } : {}),
        ...(traceparent ? { traceparent } : {}),
      }),
    );
    await appendToOutbox(manager, this.service, events);
    return events as EventEnvelope<T>[];
  }
}
