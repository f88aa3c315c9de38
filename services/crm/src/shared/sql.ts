import type { EntityManager } from 'typeorm';

/** The structured result of a statement in the manager's transaction (TenantDatabase always gives one). */
async function run(m: EntityManager, sql: string, params: unknown[]) {
  if (!m.queryRunner) throw new Error('crm SQL helpers run inside TenantDatabase.inWorkspace');
  return m.queryRunner.query(sql, params, true);
}

/** Rows of a statement (SELECT, or INSERT/UPDATE/DELETE ... RETURNING). */
export async function rows<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await run(m, sql, params)).records as T[];
}

/** Number of rows a statement changed. */
export async function affected(m: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  return (await run(m, sql, params)).affected ?? 0;
}
