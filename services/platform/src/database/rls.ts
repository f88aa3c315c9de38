/** Identifiers in DDL come only from code, never from input; this guards typos. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** The workspace of the current transaction, or NULL when none is set (then no row matches). */
export const CURRENT_WORKSPACE_SQL = `nullif(current_setting('app.workspace_id', true), '')::uuid`;

/**
 * DDL that makes a table tenant-isolated: RLS enabled and FORCEd (applies to the owner
 * too) with one policy on workspace_id. Use in every migration that creates a tenant table.
 */
export function tenantTableSql(schema: string, table: string): { up: string[]; down: string[] } {
  const t = `${ident(schema)}.${ident(table)}`;
  return {
    up: [
      `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY workspace_isolation ON ${t} USING (workspace_id = ${CURRENT_WORKSPACE_SQL}) WITH CHECK (workspace_id = ${CURRENT_WORKSPACE_SQL})`,
    ],
    down: [
      `DROP POLICY IF EXISTS workspace_isolation ON ${t}`,
      `ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`,
      `ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`,
    ],
  };
}
