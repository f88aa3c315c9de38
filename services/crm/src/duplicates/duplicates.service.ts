import { ownOnly } from '../shared/visibility.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError, TenantDatabase, type Principal } from '@meridian/platform';
import type { ListDuplicatesQuery } from './dto/duplicates.schemas.js';
import { pairsSql } from './duplicate-pairs.sql.js';
import { pairCursor } from './pair-cursor.js';
import { COMPANY_COLUMNS, COMPANY_FROM, CONTACT_COLUMNS, CONTACT_FROM, toRecord, type DuplicateObject, type Row } from './record-rows.js';

export interface DuplicatePair {
  /** The pair's key: the two ids in uuid order, joined by ':'. */
  id: string;
  object: DuplicateObject;
  reason: string;
  score: number;
  records: [Row, Row];
}

export const ownerScope = (p: Principal): string | null => ownOnly(p) ?? null;

/** Fetches the visible records among `ids` (API shape), keyed by id. */
export async function visibleRecords(
  m: EntityManager,
  object: DuplicateObject,
  p: Principal,
  ids: string[],
  lock = false,
): Promise<Map<string, Row>> {
  const [columns, from] = object === 'contacts' ? [CONTACT_COLUMNS, CONTACT_FROM] : [COMPANY_COLUMNS, COMPANY_FROM];
  const rows: Row[] = await m.query(
    `SELECT ${columns} FROM ${from} WHERE c.workspace_id = $1 AND c.id = ANY($2::uuid[]) AND ($3::uuid IS NULL OR c.owner_id = $3)
      ${lock ? 'FOR UPDATE OF c' : ''}`,
    [p.workspaceId, ids, ownerScope(p)],
  );
  return new Map(rows.map((r) => [String(r.id), r]));
}

/** Duplicate suggestions (pairs with a reason and a score) and their dismissal. */
@Injectable()
export class DuplicatesService {
  constructor(private readonly db: TenantDatabase) {}

  async list(
    p: Principal,
    object: DuplicateObject,
    query: ListDuplicatesQuery,
  ): Promise<{ data: DuplicatePair[]; nextCursor: string | null }> {
    const after = query.cursor ? pairCursor.decode(query.cursor) : undefined;
    return this.db.inWorkspace(p.workspaceId, async (m) => {
      // The pairs are found by hashing every record's keys once: keep that in memory.
      await m.query(`SELECT set_config('work_mem', '64MB', true)`);
      const pairs: { a: string; b: string; reason: string; score: string }[] = await m.query(pairsSql(object), [
        p.workspaceId,
        ownerScope(p),
        query.limit + 1,
        after?.score ?? null,
        after?.a ?? null,
        after?.b ?? null,
      ]);
      const page = pairs.slice(0, query.limit);
      const records = await visibleRecords(
        m,
        object,
        p,
        page.flatMap((x) => [x.a, x.b]),
      );
      const last = page[page.length - 1];
      return {
        data: page
          .filter((x) => records.has(x.a) && records.has(x.b))
          .map((x) => ({
            id: `${x.a}:${x.b}`,
            object,
            reason: x.reason,
            score: Number(x.score),
            records: [toRecord(records.get(x.a)!), toRecord(records.get(x.b)!)] as [Row, Row],
          })),
        nextCursor: pairs.length > query.limit && last ? pairCursor.encode({ score: last.score, a: last.a, b: last.b }) : null,
      };
    });
  }

  /** "Not duplicates": the pair is never suggested again. Both records must be visible. */
  async dismiss(p: Principal, object: DuplicateObject, ids: [string, string]): Promise<void> {
    const [a, b] = [...ids].sort() as [string, string];
    await this.db.inWorkspace(p.workspaceId, async (m) => {
      const found = await visibleRecords(m, object, p, [a, b]);
      if (found.size !== 2) throw new NotFoundError(object === 'contacts' ? 'Contact' : 'Company');
      await m.query(
        `INSERT INTO crm.duplicate_dismissals (workspace_id, object, record_a, record_b, dismissed_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [p.workspaceId, object, a, b, p.apiKeyId ? null : p.userId],
      );
    });
  }
}
