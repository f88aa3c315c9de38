import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, TenantDatabase } from '@meridian/platform';
import type { ObjectName } from '../records/object-definition.js';
import type { FieldDefinition } from './field-definition.js';
import { keyFromLabel, type CreateFieldInput, type PatchFieldInput } from './dto/field.schemas.js';

interface FieldRow {
  id: string;
  object: ObjectName;
  key: string;
  label: string;
  type: FieldDefinition['type'];
  options: FieldDefinition['options'];
  required: boolean;
  position: number;
  created_at: Date;
  updated_at: Date;
}

const toDefinition = (r: FieldRow): FieldDefinition => ({
  id: r.id,
  object: r.object,
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options,
  required: r.required,
  position: r.position,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const COLUMNS = 'id, object, key, label, type, options, required, position, created_at, updated_at';

/** Custom field definitions per workspace and object (values live in each record's `custom`). */
@Injectable()
export class FieldsService {
  constructor(private readonly db: TenantDatabase) {}

  /** The definitions of one object, inside the caller's transaction. */
  async forObject(m: EntityManager, workspaceId: string, object: ObjectName): Promise<FieldDefinition[]> {
    const rows: FieldRow[] = await m.query(
      `SELECT ${COLUMNS} FROM crm.field_definitions WHERE workspace_id = $1 AND object = $2 ORDER BY position, created_at`,
      [workspaceId, object],
    );
    return rows.map(toDefinition);
  }

  async list(workspaceId: string, object?: ObjectName): Promise<FieldDefinition[]> {
    const rows: FieldRow[] = await this.db.inWorkspace(workspaceId, (m) =>
      m.query(
        `SELECT ${COLUMNS} FROM crm.field_definitions WHERE workspace_id = $1 AND ($2::text IS NULL OR object = $2)
         ORDER BY object, position, created_at`,
        [workspaceId, object ?? null],
      ),
    );
    return rows.map(toDefinition);
  }

  async create(workspaceId: string, input: CreateFieldInput): Promise<FieldDefinition> {
    return this.db.inWorkspace(workspaceId, (m) => this.createIn(m, workspaceId, input));
  }

  /** Also used by imports (createFields=true) inside their batch transaction. */
  async createIn(m: EntityManager, workspaceId: string, input: CreateFieldInput): Promise<FieldDefinition> {
    const key = input.key ?? keyFromLabel(input.label);
    const rows: FieldRow[] = await m.query(
      `INSERT INTO crm.field_definitions (id, workspace_id, object, key, label, type, options, required, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8,
         (SELECT coalesce(max(position) + 1, 0) FROM crm.field_definitions WHERE workspace_id = $2 AND object = $3))
       ON CONFLICT (workspace_id, object, key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [randomUUID(), workspaceId, input.object, key, input.label, input.type, JSON.stringify(input.options), input.required],
    );
    if (!rows[0]) throw new ConflictError(`A ${input.object} field with the key "${key}" exists already.`);
    return toDefinition(rows[0]);
  }

  async update(workspaceId: string, id: string, input: PatchFieldInput): Promise<FieldDefinition> {
    return this.db.inWorkspace(workspaceId, async (m) => {
      const rows: [FieldRow[], number] = await m.query(
        `UPDATE crm.field_definitions SET
           label = coalesce($3, label),
           options = coalesce($4::jsonb, options),
           required = coalesce($5, required),
           position = coalesce($6, position),
           updated_at = date_trunc('milliseconds', clock_timestamp())
         WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [
          workspaceId,
          id,
          input.label ?? null,
          input.options ? JSON.stringify(input.options) : null,
          input.required ?? null,
          input.position ?? null,
        ],
      );
      const row = rows[0]?.[0];
      if (!row) throw new NotFoundError('Field');
      return toDefinition(row);
    });
  }

  /** Deletes the definition and strips its values from every record of the object. */
  async remove(workspaceId: string, id: string): Promise<void> {
    await this.db.inWorkspace(workspaceId, async (m) => {
      const [rows]: [{ object: ObjectName; key: string }[], number] = await m.query(
        `DELETE FROM crm.field_definitions WHERE workspace_id = $1 AND id = $2 RETURNING object, key`,
        [workspaceId, id],
      );
      const def = rows[0];
      if (!def) throw new NotFoundError('Field');
      // The object name comes from a CHECK-constrained column, never from input.
      await m.query(`UPDATE crm.${def.object} SET custom = custom - $2 WHERE workspace_id = $1 AND custom ? $2`, [workspaceId, def.key]);
    });
  }
}
