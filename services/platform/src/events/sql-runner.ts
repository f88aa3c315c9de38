/**
 * The one thing the outbox and inbox need from the caller's transaction: a `query`.
 * Fits a `pg` client, a TypeORM QueryRunner and an EntityManager alike.
 */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Rows returned by a runner's query, whether it is `pg` ({ rows }) or TypeORM (an array). */
export function resultRows(result: unknown): unknown[] {
  if (Array.isArray(result)) {
    // TypeORM's postgres driver returns [rows, affected] for UPDATE/DELETE and rows otherwise.
    return result;
  }
  if (result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows)) {
    return (result as { rows: unknown[] }).rows;
  }
  return [];
}
