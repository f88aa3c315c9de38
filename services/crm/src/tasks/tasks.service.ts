import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  DomainEvents,
  NotFoundError,
  PermissionDeniedError,
  TenantDatabase,
  can,
  cursorAtSql,
  keysetCursor,
  parseOrThrow,
  toPage,
  type Page,
  type Principal,
} from '@meridian/platform';
import type { TaskCompleted } from '@meridian/proto/crm/v1/crm_events';
import { LINKS, LINK_FIELDS, assertLinksVisible, visibleThroughLinksSql, type RecordLinks } from '../shared/record-links.js';
import { ownOnly } from '../shared/visibility.js';
import { rows } from '../shared/sql.js';
import { createTaskSchema, type ListTasksQuery, type UpdateTaskInput } from './dto/task.schemas.js';
import { TASK_COLUMNS, taskMapper, type TaskDto, type TaskRow } from './task.mapper.js';

export const TASK_COMPLETED = 'crm.task.completed.v1';

/** What other modules (gRPC CreateTask) pass to `create`; validated like the REST body. */
export type TaskInput = z.input<typeof createTaskSchema>;

/** Keyset position of tasks without a due date: they sort last. */
const NO_DUE = '9999-12-31T23:59:59.999999Z';
const COLS = TASK_COLUMNS.split(', ')
  .map((c) => `x.${c}`)
  .join(', ');
const NOW = `date_trunc('milliseconds', clock_timestamp())`;

/** Where a 'team' caller's tasks come from: assigned to them, created by them, or hanging on their records. */
const teamVisible = (param: string) => `(x.assignee_id = ${param} OR ${visibleThroughLinksSql(param, 'created_by')})`;

/**
 * Tasks: follow-ups with a due date, an assignee and a reminder, linked to contacts,
 * companies and deals. Reminders are served as a list (`due=reminders`) that the web app's
 * "My tasks" shows; no notification channel exists yet, so no background worker sends one.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
  ) {}

  /** Creates a task; `idempotencyKey` (gRPC callers) makes a retry return the first task. */
  async create(
    workspaceId: string,
    actorUserId: string | null,
    raw: TaskInput,
    idempotencyKey?: string,
    viewer?: Principal,
  ): Promise<TaskDto> {
    const input = parseOrThrow(createTaskSchema, raw);
    return this.db.inWorkspace(workspaceId, async (m) => {
      if (idempotencyKey) {
        const [earlier] = await this.byKey(m, workspaceId, idempotencyKey);
        if (earlier) return taskMapper.toDto(earlier);
      }
      await assertLinksVisible(m, workspaceId, input, ownOnly(viewer));
      const [row] = await rows<TaskRow>(
        m,
        `INSERT INTO crm.tasks (id, workspace_id, title, notes, due_at, reminder_at, assignee_id, contact_id, company_id, deal_id, created_by, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING ${TASK_COLUMNS}`,
        [
          randomUUID(),
          workspaceId,
          input.title,
          input.notes,
          input.dueAt ?? null,
          input.reminderAt ?? null,
          input.assigneeId === undefined ? actorUserId : input.assigneeId,
          input.contactId ?? null,
          input.companyId ?? null,
          input.dealId ?? null,
          actorUserId,
          idempotencyKey ?? null,
        ],
      );
      if (row) return taskMapper.toDto(row);
      const [winner] = await this.byKey(m, workspaceId, idempotencyKey!);
      if (!winner) throw new Error('Task idempotency conflict without a stored task');
      return taskMapper.toDto(winner);
    });
  }

  /** Tasks by due date (nulls last), keyset-paginated, filtered by assignee, state, due window and record. */
  async list(workspaceId: string, query: ListTasksQuery, viewer: Principal): Promise<Page<TaskDto>> {
    const own = ownOnly(viewer);
    const where = ['x.workspace_id = $1'];
    const params: unknown[] = [workspaceId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.assigneeId) where.push(`x.assignee_id = ${param(query.assigneeId === 'me' ? viewer.userId : query.assigneeId)}`);
    if (query.done) where.push(`x.done = ${param(query.done === 'true')}`);
    if (query.due) where.push(dueSql(query.due, () => param(query.tz)));
    const links: RecordLinks = {};
    for (const f of LINK_FIELDS) {
      if (!query[f]) continue;
      links[f] = query[f];
      where.push(`x.${LINKS[f].column} = ${param(query[f])}`);
    }
    if (own) where.push(teamVisible(param(own)));
    const after = query.cursor ? keysetCursor.decode(query.cursor) : undefined;
    if (after && after.at === NO_DUE) where.push(`(x.due_at IS NULL AND x.id > ${param(after.id)})`);
    else if (after) {
      const at = param(after.at);
      where.push(`(x.due_at > ${at}::timestamptz OR (x.due_at = ${at}::timestamptz AND x.id > ${param(after.id)}) OR x.due_at IS NULL)`);
    }
    return this.db.inWorkspace(workspaceId, async (m) => {
      await assertLinksVisible(m, workspaceId, links, own);
      const found = await rows<TaskRow & { cursor_at: string }>(
        m,
        `SELECT ${COLS}, coalesce(${cursorAtSql('x.due_at')}, '${NO_DUE}') AS cursor_at FROM crm.tasks x
         WHERE ${where.join(' AND ')} ORDER BY x.due_at ASC NULLS LAST, x.id LIMIT ${param(query.limit + 1)}`,
        params,
      );
      return toPage(found, query.limit, taskMapper.toDto);
    });
  }

  async get(workspaceId: string, id: string, viewer?: Principal): Promise<TaskDto> {
    return this.db.inWorkspace(workspaceId, async (m) => taskMapper.toDto(await this.visible(m, workspaceId, id, viewer)));
  }

  /** Partial update; `done: true` completes the task (crm.task.completed.v1), `done: false` reopens it. */
  async update(workspaceId: string, id: string, input: UpdateTaskInput, principal: Principal): Promise<TaskDto> {
    return this.db.inWorkspace(workspaceId, async (m) => {
      const before = await this.visible(m, workspaceId, id, principal, true);
      const links: RecordLinks = {};
      for (const f of LINK_FIELDS) if (input[f]) links[f] = input[f];
      await assertLinksVisible(m, workspaceId, links, ownOnly(principal));
      const sets: string[] = [];
      const params: unknown[] = [workspaceId, id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (input.title !== undefined) set('title', input.title);
      if (input.notes !== undefined) set('notes', input.notes);
      if (input.dueAt !== undefined) set('due_at', input.dueAt);
      if (input.assigneeId !== undefined) set('assignee_id', input.assigneeId);
      for (const f of LINK_FIELDS) if (input[f] !== undefined) set(LINKS[f].column, input[f]);
      // A new reminder time is a new reminder: it shows again until dismissed.
      if (input.reminderAt !== undefined) {
        set('reminder_at', input.reminderAt);
        sets.push('reminded_at = NULL');
      } else if (input.dismissReminder) sets.push(`reminded_at = ${NOW}`);
      const completing = input.done === true && !before.done;
      if (input.done !== undefined && input.done !== before.done) {
        set('done', input.done);
        sets.push(`completed_at = ${input.done ? NOW : 'NULL'}`);
      }
      const [after] = await rows<TaskRow>(
        m,
        `UPDATE crm.tasks SET ${[...sets, `updated_at = ${NOW}`].join(', ')} WHERE workspace_id = $1 AND id = $2 RETURNING ${TASK_COLUMNS}`,
        params,
      );
      if (completing) {
        await this.events.record<TaskCompleted>(m, {
          type: TASK_COMPLETED,
          workspaceId,
          subject: after!.id,
          data: { task: taskMapper.toMessage(after!) },
        });
      }
      return taskMapper.toDto(after!);
    });
  }

  /** Deletes a task: its creator or assignee, or anyone who may delete records. */
  async remove(workspaceId: string, id: string, principal: Principal): Promise<void> {
    await this.db.inWorkspace(workspaceId, async (m) => {
      const task = await this.visible(m, workspaceId, id, principal, true);
      const involved = task.created_by === principal.userId || task.assignee_id === principal.userId;
      if (!involved && !can(principal.role, 'records.delete')) {
        throw new PermissionDeniedError('Only the creator, the assignee or a manager can delete this task.');
      }
      await m.query(`DELETE FROM crm.tasks WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    });
  }

  private async visible(m: EntityManager, workspaceId: string, id: string, viewer?: Principal, lock = false): Promise<TaskRow> {
    const own = ownOnly(viewer);
    const [row] = await rows<TaskRow>(
      m,
      `SELECT ${COLS} FROM crm.tasks x WHERE x.workspace_id = $1 AND x.id = $2 ${own ? `AND ${teamVisible('$3')}` : ''} ${lock ? 'FOR UPDATE OF x' : ''}`,
      [workspaceId, id, ...(own ? [own] : [])],
    );
    if (!row) throw new NotFoundError('Task');
    return row;
  }

  private async byKey(m: EntityManager, workspaceId: string, key: string): Promise<TaskRow[]> {
    return rows<TaskRow>(m, `SELECT ${TASK_COLUMNS} FROM crm.tasks WHERE workspace_id = $1 AND idempotency_key = $2`, [workspaceId, key]);
  }
}

/** The due-window condition; `tz` adds the caller's time zone as a parameter (never spliced into SQL). */
function dueSql(due: NonNullable<ListTasksQuery['due']>, tz: () => string): string {
  switch (due) {
    case 'overdue':
      return `(NOT x.done AND x.due_at < now())`;
    case 'none':
      return `x.due_at IS NULL`;
    case 'reminders':
      return `(NOT x.done AND x.reminder_at <= now() AND x.reminded_at IS NULL)`;
    case 'today':
    case 'week': {
      const zone = tz();
      const startOfToday = `(date_trunc('day', now() AT TIME ZONE ${zone}) AT TIME ZONE ${zone})`;
      const days = due === 'today' ? 1 : 7;
      const end = `((date_trunc('day', now() AT TIME ZONE ${zone}) + interval '${days} days') AT TIME ZONE ${zone})`;
      return `(x.due_at >= ${startOfToday} AND x.due_at < ${end})`;
    }
  }
}
