import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError, PermissionDeniedError, TenantDatabase, can, type Principal } from '@meridian/platform';
import { FieldsService } from '../fields/fields.service.js';
import { rows } from '../shared/sql.js';
import type { ObjectName } from '../records/object-definition.js';
import type { CreateViewInput, UpdateViewInput } from './dto/view.schemas.js';
import { checkViewDefinition } from './view-checks.js';
import { VIEW_COLUMNS, viewMapper, type ViewDto, type ViewRow } from './view.mapper.js';

/** More than anyone scrolls through in a view picker; keeps the list bounded. */
const MAX_VIEWS_LISTED = 500;

/**
 * Saved views. A personal view is its owner's alone (others get 404); a shared one is
 * visible to the whole workspace. Sharing needs records.write; changing or deleting
 * someone else's shared view needs settings.manage.
 */
@Injectable()
export class ViewsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly fields: FieldsService,
  ) {}

  /** The caller's own views and the shared ones of an object, by name. */
  async list(workspaceId: string, object: ObjectName, principal: Principal): Promise<ViewDto[]> {
    const found = await this.db.inWorkspace(workspaceId, (m) =>
      rows<ViewRow>(
        m,
        `SELECT ${VIEW_COLUMNS} FROM crm.views WHERE workspace_id = $1 AND object = $2 AND (owner_id = $3 OR shared)
         ORDER BY lower(name), id LIMIT ${MAX_VIEWS_LISTED}`,
        [workspaceId, object, principal.userId],
      ),
    );
    return found.map(viewMapper.toDto);
  }

  /** One view the caller may see (exports run a view by id through this). */
  async get(workspaceId: string, id: string, principal: Principal): Promise<ViewDto> {
    return this.db.inWorkspace(workspaceId, async (m) => viewMapper.toDto(await this.visible(m, workspaceId, id, principal)));
  }

  async create(workspaceId: string, principal: Principal, input: CreateViewInput): Promise<ViewDto> {
    if (input.shared) assertMayShare(principal);
    return this.db.inWorkspace(workspaceId, async (m) => {
      await checkViewDefinition(m, this.fields, workspaceId, input.object, input, principal.userId);
      const [row] = await rows<ViewRow>(
        m,
        `INSERT INTO crm.views (id, workspace_id, object, name, owner_id, shared, filter, sort, columns)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) RETURNING ${VIEW_COLUMNS}`,
        [
          randomUUID(),
          workspaceId,
          input.object,
          input.name,
          principal.userId,
          input.shared,
          input.filter === null ? null : JSON.stringify(input.filter),
          input.sort,
          input.columns,
        ],
      );
      return viewMapper.toDto(row!);
    });
  }

  async update(workspaceId: string, id: string, principal: Principal, input: UpdateViewInput): Promise<ViewDto> {
    return this.db.inWorkspace(workspaceId, async (m) => {
      const view = await this.visible(m, workspaceId, id, principal, true);
      assertMayChange(view, principal);
      if (input.shared ?? view.shared) assertMayShare(principal);
      await checkViewDefinition(m, this.fields, workspaceId, view.object, input, principal.userId);
      const sets: string[] = [];
      const params: unknown[] = [workspaceId, id];
      const set = (column: string, value: unknown, cast = '') => {
        params.push(value);
        sets.push(`${column} = $${params.length}${cast}`);
      };
      if (input.name !== undefined) set('name', input.name);
      if (input.filter !== undefined) set('filter', input.filter === null ? null : JSON.stringify(input.filter), '::jsonb');
      if (input.sort !== undefined) set('sort', input.sort ? input.sort : null);
      if (input.columns !== undefined) set('columns', input.columns);
      if (input.shared !== undefined) set('shared', input.shared);
      const [row] = await rows<ViewRow>(
        m,
        `UPDATE crm.views SET ${sets.join(', ')}, updated_at = date_trunc('milliseconds', clock_timestamp())
         WHERE workspace_id = $1 AND id = $2 RETURNING ${VIEW_COLUMNS}`,
        params,
      );
      return viewMapper.toDto(row!);
    });
  }

  async remove(workspaceId: string, id: string, principal: Principal): Promise<void> {
    await this.db.inWorkspace(workspaceId, async (m) => {
      assertMayChange(await this.visible(m, workspaceId, id, principal, true), principal);
      await m.query(`DELETE FROM crm.views WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    });
  }

  /** Own views and shared ones; someone else's personal view is a 404, like a missing id. */
  private async visible(m: EntityManager, workspaceId: string, id: string, principal: Principal, lock = false): Promise<ViewRow> {
    const [row] = await rows<ViewRow>(
      m,
      `SELECT ${VIEW_COLUMNS} FROM crm.views WHERE workspace_id = $1 AND id = $2 AND (owner_id = $3 OR shared) ${lock ? 'FOR UPDATE' : ''}`,
      [workspaceId, id, principal.userId],
    );
    if (!row) throw new NotFoundError('View');
    return row;
  }
}

function assertMayShare(principal: Principal): void {
  if (!can(principal.role, 'records.write'))
    throw new PermissionDeniedError('Sharing a view with the workspace needs write access to records.');
}

function assertMayChange(view: ViewRow, principal: Principal): void {
  if (view.owner_id !== principal.userId && !can(principal.role, 'settings.manage')) {
    throw new PermissionDeniedError("Only the view's owner or a workspace admin can change or delete this shared view.");
  }
}
