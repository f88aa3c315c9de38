import type { EntityManager } from 'typeorm';
import { ConflictError } from '@meridian/platform';

/** Renumbers rows of `table` 0..n-1 in the order of `ids` (positions stay dense). */
export async function renumber(m: EntityManager, table: 'pipelines' | 'pipeline_stages', ids: string[]): Promise<void> {
  await m.query(
    `UPDATE crm.${table} t SET position = o.n - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n)
     WHERE t.id = o.id AND t.position IS DISTINCT FROM (o.n - 1)::int`,
    [ids],
  );
}

/** `ids` with `id` moved to `position` (clamped to the list). */
export function moveTo(ids: string[], id: string, position: number): string[] {
  const rest = ids.filter((x) => x !== id);
  const at = Math.max(0, Math.min(position, rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

const UNIQUE_VIOLATION = '23505';

/** Runs `fn`, turning a unique violation of one of `names` (index → field) into a 409 naming the field. */
export async function uniqueAsConflict<T>(fn: () => Promise<T>, names: Record<string, { field: string; message: string }>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    const hit = e.code === UNIQUE_VIOLATION && e.constraint ? names[e.constraint] : undefined;
    if (hit) throw new ConflictError(hit.message, [hit]);
    throw err;
  }
}
