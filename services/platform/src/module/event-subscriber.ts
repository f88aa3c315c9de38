import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../events/event-envelope.js';

/**
 * A consumer of other services' domain events. `handle` runs inside a transaction scoped
 * to the event's workspace, at most once per event id (inbox), retried on throw.
 */
export interface EventSubscriber {
  readonly types: string[];
  /** Deliveries before dead-lettering (default 5). */
  readonly maxAttempts?: number;
  handle(event: EventEnvelope, manager: EntityManager): Promise<void>;
}
