import type { EntityManager } from 'typeorm';
import { ValidationError, type Principal } from '@meridian/platform';
import { ownOnly } from './visibility.js';

export type RecordTable = 'contacts' | 'companies' | 'deals';

/** Which of `ids` exist in the workspace and are visible (`own` = the 'team' caller's user id). */
export async function visibleIds(
  m: EntityManager,
  workspaceId: string,
  table: RecordTable,
  ids: readonly string[],
  own: string | undefined,
): Promise<Set<string>> {
  // The table name comes from the RecordTable union, never from input.
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM crm.${table} WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND ($3::uuid IS NULL OR owner_id = $3)`,
    [workspaceId, ids, own ?? null],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * A linked record (companyId, contactIds, ...) must exist in the caller's workspace and be
 * visible to them; otherwise the write fails naming the field — the same answer for a
 * missing id and another workspace's id.
 */
export async function assertRecordExists(
  m: EntityManager,
  principal: Principal,
  table: RecordTable,
  ids: string | readonly string[],
  field: string,
): Promise<void> {
  const list = [...new Set(typeof ids === 'string' ? [ids] : ids)];
  if (list.length === 0) return;
  const found = await visibleIds(m, principal.workspaceId, table, list, ownOnly(principal));
  if (found.size !== list.length) {
    const missing = list.find((id) => !found.has(id));
    throw new ValidationError([{ field, message: `No ${table.replace(/s$/, '').replace(/ie$/, 'y')} ${missing} in this workspace.` }]);
  }
}
