import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  DomainEvents,
  NotFoundError,
  PermissionDeniedError,
  TenantDatabase,
  ValidationError,
  can,
  cursorAtSql,
  keysetCursor,
  parseOrThrow,
  toPage,
  type Page,
  type Principal,
} from '@meridian/platform';
import type { ActivityLogged } from '@meridian/proto/crm/v1/crm_events';
import { rows } from '../shared/sql.js';
import { ACTIVITY_COLUMNS, activityMapper, type ActivityDto, type ActivityRow } from './activity.mapper.js';
import { logActivitySchema, type ListActivitiesQuery, type UpdateActivityInput } from './dto/activity.schemas.js';
import { LINKS, LINK_FIELDS, assertLinksVisible, visibleThroughLinksSql, type RecordLinks } from '../shared/record-links.js';
import { ownOnly } from '../shared/visibility.js';

export const ACTIVITY_LOGGED = 'crm.activity.logged.v1';

/** What other modules (gRPC LogActivity) pass to `log`; validated like the REST body. */
export type ActivityInput = z.input<typeof logActivitySchema>;

const COLS = ACTIVITY_COLUMNS.split(', ')
  .map((c) => `x.${c}`)
  .join(', ');

/**
 * The timeline: notes, calls, meetings and emails logged against contacts, companies and
 * deals. Logging bumps the linked records' last_activity_at and emits crm.activity.logged.v1
 * in the same transaction.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Logs an activity. `idempotencyKey` (gRPC callers) makes retries return the first
   * activity instead of logging twice. `viewer` applies record visibility to the links.
   */
  async log(
    workspaceId: string,
    actorUserId: string | null,
    raw: ActivityInput,
    idempotencyKey?: string,
    viewer?: Principal,
  ): Promise<ActivityDto> {
    const input = parseOrThrow(logActivitySchema, raw);
    return this.db.inWorkspace(workspaceId, async (m) => {
      if (idempotencyKey) {
        const [earlier] = await this.byKey(m, workspaceId, idempotencyKey);
        if (earlier) return activityMapper.toDto(earlier);
      }
      await assertLinksVisible(m, workspaceId, input, ownOnly(viewer));
      const [row] = await rows<ActivityRow>(
        m,
        `INSERT INTO crm.activities (id, workspace_id, type, subject, body, occurred_at, duration_minutes, outcome,
           contact_id, company_id, deal_id, created_by, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, date_trunc('milliseconds', clock_timestamp())), $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING ${ACTIVITY_COLUMNS}`,
        [
          randomUUID(),
          workspaceId,
          input.type,
          input.subject,
          input.body,
          input.occurredAt ?? null,
          input.durationMinutes ?? null,
          input.outcome,
          input.contactId ?? null,
          input.companyId ?? null,
          input.dealId ?? null,
          actorUserId,
          idempotencyKey ?? null,
        ],
      );
      if (!row) {
        // A concurrent retry with the same key won; answer with its activity.
        const [winner] = await this.byKey(m, workspaceId, idempotencyKey!);
        if (!winner) throw new Error('Activity idempotency conflict without a stored activity');
        return activityMapper.toDto(winner);
      }
      await this.bumpLastActivity(m, workspaceId, row);
      await this.events.record<ActivityLogged>(m, {
        type: ACTIVITY_LOGGED,
        workspaceId,
        subject: row.id,
        data: { activity: activityMapper.toMessage(row) },
      });
      return activityMapper.toDto(row);
    });
  }

  /**
   * A record's timeline, newest first (keyset on occurred_at DESC, id). A company's also
   * holds its contacts' activities: two index range scans merged, each cut at the page size.
   */
  async timeline(workspaceId: string, query: ListActivitiesQuery, viewer?: Principal): Promise<Page<ActivityDto>> {
    const own = ownOnly(viewer);
    const field = LINK_FIELDS.find((f) => query[f])!;
    const recordId = query[field]!;
    const after = query.cursor ? keysetCursor.decode(query.cursor) : undefined;
    return this.db.inWorkspace(workspaceId, async (m) => {
      await assertLinksVisible(m, workspaceId, { [field]: recordId }, own);
      const params: unknown[] = [workspaceId, recordId, query.limit + 1];
      let keyset = '';
      if (after) {
        params.push(after.at, after.id);
        // The `<=` bound lets the index range start at the cursor instead of filtering up to it.
        keyset = `AND x.occurred_at <= $4::timestamptz AND (x.occurred_at < $4::timestamptz OR x.id > $5::uuid)`;
      }
      const order = `ORDER BY x.occurred_at DESC, x.id LIMIT $3`;
      const direct = `SELECT ${COLS} FROM crm.activities x WHERE x.workspace_id = $1 AND x.${LINKS[field].column} = $2 ${keyset} ${order}`;
      let sql = direct;
      if (field === 'companyId') {
        let ownContacts = '';
        if (own) {
          params.push(own);
          ownContacts = `AND c.owner_id = $${params.length}`;
        }
        // Per contact, at most a page from its own index range: the cost follows the page size
        // and the number of contacts, not how many activities they have.
        const viaContacts = `SELECT x.* FROM crm.contacts c CROSS JOIN LATERAL (
            SELECT ${COLS} FROM crm.activities x WHERE x.workspace_id = $1 AND x.contact_id = c.id ${keyset} ${order}) x
          WHERE c.workspace_id = $1 AND c.company_id = $2 ${ownContacts} ORDER BY x.occurred_at DESC, x.id LIMIT $3`;
        sql = `SELECT * FROM ((${direct}) UNION (${viaContacts})) x ORDER BY x.occurred_at DESC, x.id LIMIT $3`;
      }
      const found = await rows<ActivityRow & { cursor_at: string }>(
        m,
        `SELECT y.*, ${cursorAtSql('y.occurred_at')} AS cursor_at FROM (${sql}) y ORDER BY y.occurred_at DESC, y.id`,
        params,
      );
      return toPage(found, query.limit, activityMapper.toDto);
    });
  }

  async get(workspaceId: string, id: string, viewer?: Principal): Promise<ActivityDto> {
    return this.db.inWorkspace(workspaceId, async (m) => activityMapper.toDto(await this.visible(m, workspaceId, id, viewer)));
  }

  /** Edits an activity: its author, or anyone who may delete records (managers and up). */
  async update(workspaceId: string, id: string, input: UpdateActivityInput, principal: Principal): Promise<ActivityDto> {
    return this.db.inWorkspace(workspaceId, async (m) => {
      const before = await this.visible(m, workspaceId, id, principal, true);
      assertMayChange(before, principal);
      const links: RecordLinks = {};
      for (const f of LINK_FIELDS) if (input[f] !== undefined) links[f] = input[f];
      await assertLinksVisible(m, workspaceId, links, ownOnly(principal));
      const merged = {
        contactId: input.contactId !== undefined ? input.contactId : before.contact_id,
        companyId: input.companyId !== undefined ? input.companyId : before.company_id,
        dealId: input.dealId !== undefined ? input.dealId : before.deal_id,
      };
      if (!merged.contactId && !merged.companyId && !merged.dealId) {
        throw new ValidationError([{ field: 'contactId', message: 'An activity stays linked to a contact, a company or a deal.' }]);
      }
      const sets: string[] = [];
      const params: unknown[] = [workspaceId, id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (input.type !== undefined) set('type', input.type);
      if (input.subject !== undefined) set('subject', input.subject);
      if (input.body !== undefined) set('body', input.body);
      if (input.occurredAt !== undefined) set('occurred_at', input.occurredAt);
      if (input.durationMinutes !== undefined) set('duration_minutes', input.durationMinutes);
      if (input.outcome !== undefined) set('outcome', input.outcome);
      for (const f of LINK_FIELDS) if (input[f] !== undefined) set(LINKS[f].column, input[f]);
      const [after] = await rows<ActivityRow>(
        m,
        `UPDATE crm.activities SET ${sets.join(', ')}, updated_at = date_trunc('milliseconds', clock_timestamp())
         WHERE workspace_id = $1 AND id = $2 RETURNING ${ACTIVITY_COLUMNS}`,
        params,
      );
      if (input.occurredAt !== undefined || LINK_FIELDS.some((f) => input[f] !== undefined)) {
        await this.recomputeLastActivity(m, workspaceId, [before, after!]);
      }
      return activityMapper.toDto(after!);
    });
  }

  /** Deletes an activity: its author, or anyone who may delete records. */
  async remove(workspaceId: string, id: string, principal: Principal): Promise<void> {
    await this.db.inWorkspace(workspaceId, async (m) => {
      const row = await this.visible(m, workspaceId, id, principal, true);
      assertMayChange(row, principal);
      await m.query(`DELETE FROM crm.activities WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
      await this.recomputeLastActivity(m, workspaceId, [row]);
    });
  }

  /** The activity if the viewer may see it: 'team' callers see what they logged or what hangs on their records. */
  private async visible(m: EntityManager, workspaceId: string, id: string, viewer?: Principal, lock = false): Promise<ActivityRow> {
    const own = ownOnly(viewer);
    const [row] = await rows<ActivityRow>(
      m,
      `SELECT ${COLS} FROM crm.activities x WHERE x.workspace_id = $1 AND x.id = $2 ${own ? `AND ${visibleThroughLinksSql('$3', 'created_by')}` : ''}
       ${lock ? 'FOR UPDATE OF x' : ''}`,
      [workspaceId, id, ...(own ? [own] : [])],
    );
    if (!row) throw new NotFoundError('Activity');
    return row;
  }

  private async byKey(m: EntityManager, workspaceId: string, key: string): Promise<ActivityRow[]> {
    return rows<ActivityRow>(m, `SELECT ${ACTIVITY_COLUMNS} FROM crm.activities WHERE workspace_id = $1 AND idempotency_key = $2`, [
      workspaceId,
      key,
    ]);
  }

  /** last_activity_at = the latest activity that has happened; a meeting planned for next week does not count yet. */
  private async bumpLastActivity(m: EntityManager, workspaceId: string, row: ActivityRow): Promise<void> {
    for (const f of LINK_FIELDS) {
      const id = row[LINKS[f].column as keyof ActivityRow];
      if (!id) continue;
      await m.query(
        `UPDATE crm.${LINKS[f].table} SET last_activity_at = $3 WHERE workspace_id = $1 AND id = $2
           AND $3 <= now() AND (last_activity_at IS NULL OR last_activity_at < $3)`,
        [workspaceId, id, row.occurred_at],
      );
    }
  }

  /** After an edit or delete: each touched record's last_activity_at from its remaining activities. */
  private async recomputeLastActivity(m: EntityManager, workspaceId: string, touched: ActivityRow[]): Promise<void> {
    for (const f of LINK_FIELDS) {
      const { table, column } = LINKS[f];
      const ids = [...new Set(touched.map((r) => r[column as keyof ActivityRow] as string | null).filter((v): v is string => Boolean(v)))];
      if (ids.length === 0) continue;
      await m.query(
        `UPDATE crm.${table} t SET last_activity_at = (
           SELECT max(a.occurred_at) FROM crm.activities a WHERE a.workspace_id = $1 AND a.${column} = t.id AND a.occurred_at <= now())
         WHERE t.workspace_id = $1 AND t.id = ANY($2::uuid[])`,
        [workspaceId, ids],
      );
    }
  }
}

function assertMayChange(row: ActivityRow, principal: Principal): void {
  if (row.created_by !== principal.userId && !can(principal.role, 'records.delete')) {
    throw new PermissionDeniedError('Only the author or a manager can change or delete this activity.');
  }
}
