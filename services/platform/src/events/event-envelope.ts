/**
 * The CloudEvents-style envelope every domain event travels in.
 * `data` is the proto3 JSON form of the event's proto message.
 */
export interface EventEnvelope<T = unknown> {
  /** Unique event id (UUID); consumers deduplicate on it. */
  id: string;
  /** Versioned type, e.g. `crm.contact.created.v1`. */
  type: string;
  /** Producing service, e.g. `meridian/crm`. */
  source: string;
  /** ISO-8601 time of the domain change. */
  time: string;
  workspaceId: string;
  /** Aggregate id (contact id, deal id): also the ordering key. */
  subject: string;
  data: T;
  /** W3C trace context of the producing request, when traced. */
  traceparent?: string;
  /** Correlation id of the request that caused the change. */
  correlationId?: string;
}

/** The topic an event type is published on: one topic per producing domain. */
export function topicForType(type: string): string {
  const domain = type.split('.')[0];
  if (!domain) throw new Error(`Event type without a domain: ${type}`);
  return `meridian.${domain}.events`;
}

/** Subscription name of a consumer on a topic, e.g. `analytics.crm`. */
export function subscriptionName(consumer: string, topic: string): string {
  const domain = topic.split('.')[1];
  return `${consumer}.${domain}`;
}

/** Dead-letter topic/queue of a subscription. */
export function deadLetterName(subscription: string): string {
  return `${subscription}.dead-letter`;
}
