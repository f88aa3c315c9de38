/**
 * Schema and channel names are interpolated into DDL and LISTEN (they cannot be bound
 * parameters), so they are restricted to plain lower-case identifiers.
 */
export function safeIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return name;
}

/** The NOTIFY channel the outbox trigger signals on, e.g. `crm_outbox`. */
export function outboxChannel(schema: string): string {
  return `${safeIdent(schema)}_outbox`;
}
