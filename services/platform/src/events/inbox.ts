import type { EventEnvelope } from './event-envelope.js';
import { safeIdent } from './sql-ident.js';
import { resultRows, type SqlRunner } from './sql-runner.js';

/**
 * Consumer-side deduplication. Call inside the tenant transaction that also holds the
 * handler's writes (after `set_config('app.workspace_id', ...)`): the inbox row and the
 * effects commit together, so a redelivered or re-published event runs `fn` once. If
 * `fn` throws, the caller's rollback removes the inbox row too and the bus retries.
 * Returns whether `fn` ran.
 */
export async function processOnce(
  runner: SqlRunner,
  schema: string,
  consumer: string,
  event: EventEnvelope,
  fn: () => Promise<void>,
): Promise<boolean> {
  const result = await runner.query(
    `INSERT INTO ${safeIdent(schema)}.processed_events (consumer, event_id, workspace_id)
     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, event.id, event.workspaceId],
  );
  if (resultRows(result).length === 0) return false;
  await fn();
  return true;
}
