import type { EntityManager } from 'typeorm';
import { ValidationError, type Principal } from '@meridian/platform';
import { ownOnly } from './visibility.js';

/**
 * A linked record (companyId, contactIds, ...) must exist in the caller's workspace and be
 * visible to them; otherwise the write fails naming the field — the same answer for a
 * missing id and another workspace's id.
 */
export async function assertRecordExists(
  m: EntityManager,
  principal: Principal,
  table: 'contacts' | 'companies' | 'deals',
  ids: string | readonly string[],
  field: string,
): Promise<void> {
  const list = [...new Set(typeof ids === 'string' ? [ids] : ids)];
  if (list.length === 0) return;
  const own = ownOnly(principal);
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM crm.${table} WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND ($3::uuid IS NULL OR owner_id = $3)`,
    [principal.workspaceId, list, own ?? null],
  );
  if (rows.length !== list.length) {
    const found = new Set(rows.map((r) => r.id));
    const missing = list.find((id) => !found.has(id));
    throw new ValidationError([{ field, message: `No ${table.replace(/s$/, '').replace(/ie$/, 'y')} ${missing} in this workspace.` }]);
  }
}
