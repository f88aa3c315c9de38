import type { EntityManager } from 'typeorm';
import { SqlParams } from './sql-params.js';

/** Column → value for an insert or update; column names come from code, never from input. */
export type ColumnValues = Record<string, unknown>;

const COLUMN = /^[a-z_][a-z0-9_]*$/;

/** Binds a value with the cast its JS shape needs (text[] for arrays, jsonb for objects). */
function bind(params: SqlParams, value: unknown): string {
  if (Array.isArray(value)) return params.add(value, 'text[]');
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return params.add(JSON.stringify(value), 'jsonb');
  return params.add(value);
}

function checkColumns(values: ColumnValues): string[] {
  const columns = Object.keys(values);
  for (const c of columns) if (!COLUMN.test(c)) throw new Error(`Unsafe column name ${c}`);
  return columns;
}

export async function insertRow(m: EntityManager, table: string, values: ColumnValues): Promise<void> {
  const params = new SqlParams();
  const columns = checkColumns(values);
  const placeholders = columns.map((c) => bind(params, values[c]));
  await m.query(`INSERT INTO crm.${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`, params.values);
}

/**
 * Updates one record; `custom` merges key by key (null removes a key). Returns whether a
 * row of the workspace matched.
 */
export async function updateRow(m: EntityManager, table: string, workspaceId: string, id: string, values: ColumnValues): Promise<boolean> {
  const params = new SqlParams();
  const ws = params.add(workspaceId, 'uuid');
  const rid = params.add(id, 'uuid');
  const sets = checkColumns(values).map((c) =>
    c === 'custom' ? `custom = jsonb_strip_nulls(custom || ${bind(params, values[c])})` : `${c} = ${bind(params, values[c])}`,
  );
  sets.push(`updated_at = date_trunc('milliseconds', clock_timestamp())`);
  const result: [unknown[], number] = await m.query(
    `UPDATE crm.${table} SET ${sets.join(', ')} WHERE workspace_id = ${ws} AND id = ${rid} RETURNING id`,
    params.values,
  );
  return result[1] > 0;
}
