import type { TenantDatabase } from '../database/tenant-database.js';
import { ident } from '../database/rls.js';

/** One kind of record a service contributes to a workspace data export. */
export interface ExportSource {
  /** Object name, e.g. "contacts": becomes `<service>/<object>.json` in the archive. */
  object: string;
  /** The workspace's records, in a stable order, as plain JSON objects. */
  rows(workspaceId: string, db: TenantDatabase): AsyncIterable<Record<string, unknown>>;
}

const PAGE = 500;

/**
 * A tenant table exported row by row (`row_to_json`), paged by primary key so memory
 * stays flat at any size; each page is its own workspace-scoped transaction.
 */
export function tableExport(object: string, schema: string, table: string, key = 'id'): ExportSource {
  const from = `${ident(schema)}.${ident(table)}`;
  const k = ident(key);
  return {
    object,
    async *rows(workspaceId, db) {
      let after: string | null = null;
      for (;;) {
        const page: { row: Record<string, unknown>; k: string }[] = await db.inWorkspace(workspaceId, (m) =>
          m.query(
            `SELECT row_to_json(t) AS row, t.${k}::text AS k FROM ${from} t
              WHERE t.workspace_id = $1 AND ($2::text IS NULL OR t.${k}::text > $2) ORDER BY t.${k}::text LIMIT ${PAGE}`,
            [workspaceId, after],
          ),
        );
        for (const r of page) yield r.row;
        if (page.length < PAGE) return;
        after = page[page.length - 1]!.k;
      }
    },
  };
}
