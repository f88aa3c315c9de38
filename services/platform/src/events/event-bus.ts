import type { EventEnvelope } from './event-envelope.js';

/** Handles one delivered event; throwing means "not processed, deliver again". */
export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface SubscriptionOptions {
  /** Consumer name: the subscribing service (`analytics`, `workflow`). */
  consumer: string;
  /** Event types the handler wants; others on the topic are acknowledged and skipped. */
  types: string[];
  /** Deliveries before the event moves to the dead-letter queue (default 5). */
  maxAttempts?: number;
}

/** An event that exhausted its attempts, with the last error kept. */
export interface DeadLetter {
  event: EventEnvelope;
  subscription: string;
  attempts: number;
  error: string;
  deadAt: string;
}

/**
 * The event bus: at-least-once delivery, ordered per `subject` (aggregate id) within a
 * subscription, dead-lettering after `maxAttempts`. Two adapters implement it:
 * Google Pub/Sub (production) and Postgres (embedded default).
 */
export interface EventBus {
  /** Idempotent setup of topics/queues; safe to call on every boot. */
  start(): Promise<void>;
  /** Publishes events; resolves once the bus has durably accepted all of them. */
  publish(events: EventEnvelope[]): Promise<void>;
  /** Starts delivering events of `options.types` to `handler`. */
  subscribe(options: SubscriptionOptions, handler: EventHandler): Promise<void>;
  /** Events that reached the dead-letter queue of a consumer's subscriptions. */
  deadLetters(consumer: string, limit?: number): Promise<DeadLetter[]>;
  /** Puts a dead-lettered event back on its subscription for another try. */
  replayDeadLetter(consumer: string, eventId: string): Promise<boolean>;
  /** Readiness probe: can the bus be reached. */
  ping(): Promise<void>;
  /** Stops subscribers (after in-flight handlers finish) and closes connections. */
  stop(): Promise<void>;
}
