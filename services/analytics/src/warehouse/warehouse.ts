/** A contact-created fact as the warehouse stores it. */
export interface ContactCreatedFact {
  eventId: string;
  workspaceId: string;
  contactId: string;
  createdAt: Date;
}

export interface DailyCount {
  day: string;
  count: number;
}

/**
 * The analytics warehouse: DuckDB on one machine, BigQuery in the cloud. Writes are
 * idempotent by event id, so a redelivered event is counted once.
 */
export interface Warehouse {
  recordContactCreated(fact: ContactCreatedFact): Promise<void>;
  /** Contacts created per UTC day for one workspace, from `fromDay` (YYYY-MM-DD) on, oldest first. */
  contactsCreatedPerDay(workspaceId: string, fromDay: string): Promise<DailyCount[]>;
  /** Every fact of one workspace, for the workspace data export. */
  exportContactCreated(workspaceId: string): AsyncIterable<Record<string, unknown>>;
  /** GDPR erasure: deletes every row about one contact of one workspace. */
  eraseContact(workspaceId: string, contactId: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const WAREHOUSE = Symbol('WAREHOUSE');
