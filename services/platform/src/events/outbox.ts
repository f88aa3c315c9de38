import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from './event-envelope.js';
import { safeIdent } from './sql-ident.js';
import type { SqlRunner } from './sql-runner.js';

export interface NewEventInput<T> {
  type: string;
  source: string;
  workspaceId: string;
  subject: string;
  data: T;
  correlationId?: string;
  traceparent?: string;
}

/** A fresh envelope: new UUID id and the current time. */
export function newEvent<T>(input: NewEventInput<T>): EventEnvelope<T> {
  const event: EventEnvelope<T> = {
    id: randomUUID(),
    type: input.type,
    source: input.source,
    time: new Date().toISOString(),
    workspaceId: input.workspaceId,
    subject: input.subject,
    data: input.data,
  };
  if (input.correlationId) event.correlationId = input.correlationId;
  if (input.traceparent) event.traceparent = input.traceparent;
  return event;
}

/** The INSERT used by appendToOutbox; exported so fixtures outside jest run the very same SQL. */
export function outboxInsertSql(schema: string): string {
  // One statement for the whole batch; ORDER BY the array position so `seq` follows the
  // order the caller gave, which is the order the relay publishes in.
  return `INSERT INTO ${safeIdent(schema)}.outbox (id, type, subject, workspace_id, envelope)
    SELECT (e.value->>'id')::uuid, e.value->>'type', e.value->>'subject', (e.value->>'workspaceId')::uuid, e.value
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
    ORDER BY e.n`;
}

/**
 * Writes events to the outbox inside the caller's transaction, which must already have
 * set `app.workspace_id` (RLS rejects rows of another workspace). Nothing reaches the bus
 * unless that transaction commits; the insert trigger wakes the relay on commit.
 */
export async function appendToOutbox(runner: SqlRunner, schema: string, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) {
    if (!event.id || !event.type || !event.subject || !event.workspaceId) {
      throw new Error(`Outbox event needs id, type, subject and workspaceId: ${JSON.stringify(event.id)}`);
    }
  }
  await runner.query(outboxInsertSql(schema), [JSON.stringify(events)]);
}
