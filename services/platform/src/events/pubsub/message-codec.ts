import type { EventEnvelope } from '../event-envelope.js';

/** Attributes added to a message in a dead-letter topic by the adapter. */
export const DEAD_LETTER_ATTRS = ['error', 'attempts', 'subscription', 'deadAt'] as const;
/** Marks a replayed message: only the named subscription handles it, the others skip it. */
export const REPLAY_FOR_ATTR = 'replayFor';
/** Pub/Sub caps an attribute value at 1024 bytes. */
const MAX_ATTRIBUTE_BYTES = 1024;

export interface OutgoingMessage {
  data: Buffer;
  attributes: Record<string, string>;
  orderingKey?: string;
}

/** Envelope -> message: data is the envelope JSON, routing fields are copied to attributes. */
export function encodeEvent(event: EventEnvelope): OutgoingMessage {
  const attributes: Record<string, string> = {
    id: event.id,
    type: event.type,
    workspaceId: event.workspaceId,
    subject: event.subject,
  };
  if (event.correlationId) attributes.correlationId = event.correlationId;
  if (event.traceparent) attributes.traceparent = event.traceparent;
  return { data: Buffer.from(JSON.stringify(event)), attributes, orderingKey: event.subject };
}

export function decodeEvent(data: Buffer): EventEnvelope {
  return JSON.parse(data.toString('utf8')) as EventEnvelope;
}

/** Cuts a string to fit one attribute value, on a character boundary. */
export function fitAttribute(value: string): string {
  if (Buffer.byteLength(value) <= MAX_ATTRIBUTE_BYTES) return value;
  let cut = value.slice(0, MAX_ATTRIBUTE_BYTES - 4);
  while (Buffer.byteLength(cut) > MAX_ATTRIBUTE_BYTES - 4) cut = cut.slice(0, -1);
  return `${cut}…`;
}
