import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainEvents, NotFoundError, TenantDatabase, ValidationError, type DomainEventInput, type Principal } from '@meridian/platform';
import type { FieldDefinition } from '../fields/field-definition.js';
import { validateCustomValues } from '../fields/custom-values.js';
import { FieldsService } from '../fields/fields.service.js';
import { diffRecords, type FieldChange } from './changes.js';
import { compileFilter, parseFilter, type FilterGroup } from './filter.js';
import type { AggregateQuery, ListQuery } from './list-query.js';
import type { ObjectDefinition } from './object-definition.js';
import { insertRow, updateRow, type ColumnValues } from './record-sql.js';
import { resolveField } from './resolve-field.js';
import { invalidCursor, isDataException, orderedQuery, parseSort, sortCursor, sortSignature } from './sort.js';
import { SqlParams } from './sql-params.js';
import { ownOnly } from '../shared/visibility.js';

export interface RecordPage<Dto> {
  data: Partial<Dto>[];
  nextCursor: string | null;
  total?: { count: number; estimated: boolean };
}

export interface AggregateRow {
  key: string | null;
  count: number;
  value: string | null;
}

/** Exact totals up to this many rows; beyond it the planner's estimate (no full COUNT per page). */
const EXACT_TOTAL_LIMIT = 10_000;

type Dto = { id: string; custom?: Record<string, unknown> };

/**
 * The generic record engine: list (filter, sort, keyset, totals), read, create, patch,
 * delete and aggregate for one object, with RLS + workspace filter + record visibility on
 * every path and created/updated/deleted events in the same transaction. Object services
 * extend it with their columns and rules.
 */
export abstract class RecordsService<
  D extends Dto,
  Create extends { custom?: Record<string, unknown> | undefined },
  Patch extends { custom?: Record<string, unknown> | undefined },
> {
  abstract readonly def: ObjectDefinition<D, Create, Patch>;

  constructor(
    protected readonly db: TenantDatabase,
    protected readonly events: DomainEvents,
    protected readonly fields: FieldsService,
  ) {}

  /** Columns of a new record from the validated input (standard fields only). */
  protected abstract columnsForCreate(m: EntityManager, principal: Principal, input: Create): Promise<ColumnValues>;
  /** Columns changed by a validated patch; `before` is the record as the caller saw it. */
  protected abstract columnsForPatch(m: EntityManager, principal: Principal, before: D, patch: Patch): Promise<ColumnValues>;
  /** The event payload message for this record (proto3 JSON). */
  protected abstract toMessage(dto: D, workspaceId: string): unknown;
  /** Writes beside the row (e.g. a deal's contact links), after insert/update. */
  protected async afterWrite(_m: EntityManager, _workspaceId: string, _id: string, _input: Create | Patch): Promise<void> {}
  /** Events beyond created/updated (e.g. a deal's stage change). */
  protected extraEvents(_before: D | undefined, _after: D, _workspaceId: string): DomainEventInput<unknown>[] {
    return [];
  }

  private eventType(verb: 'created' | 'updated' | 'deleted'): string {
    return `crm.${this.def.singular}.${verb}.v1`;
  }

  /** Custom definitions, loaded only when a request names a custom field or writes custom values. */
  protected async customFields(m: EntityManager, workspaceId: string, needed: boolean): Promise<FieldDefinition[]> {
    return needed ? this.fields.forObject(m, workspaceId, this.def.name) : [];
  }

  /** The object's custom field definitions, inside the caller's transaction. */
  fieldsFor(m: EntityManager, workspaceId: string): Promise<FieldDefinition[]> {
    return this.fields.forObject(m, workspaceId, this.def.name);
  }

  async findIn(m: EntityManager, workspaceId: string, id: string, viewer?: Principal, lock = false): Promise<D | undefined> {
    const params = new SqlParams();
    const where = [`r.workspace_id = ${params.add(workspaceId, 'uuid')}`, `r.id = ${params.add(id, 'uuid')}`];
    const own = ownOnly(viewer);
    if (own) where.push(`r.owner_id = ${params.add(own, 'uuid')}`);
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT ${this.def.select} FROM crm.${this.def.table} r ${this.def.joins} WHERE ${where.join(' AND ')}${lock ? ' FOR UPDATE OF r' : ''}`,
      params.values,
    );
    return rows[0] ? this.def.toDto(rows[0]) : undefined;
  }

  async get(workspaceId: string, id: string, viewer?: Principal): Promise<D> {
    const found = await this.db.inWorkspace(workspaceId, (m) => this.findIn(m, workspaceId, id, viewer));
    if (!found) throw new NotFoundError(this.def.label);
    return found;
  }

  async create(principal: Principal, input: Create): Promise<D> {
    return this.db.inWorkspace(principal.workspaceId, (m) => this.createIn(m, principal, input));
  }

  async createIn(m: EntityManager, principal: Principal, input: Create): Promise<D> {
    const ws = principal.workspaceId;
    const id = randomUUID();
    const defs = await this.customFields(m, ws, true);
    const custom = validateCustomValues(defs, input.custom, 'create');
    if (custom.issues.length) throw new ValidationError(custom.issues);
    const columns = await this.columnsForCreate(m, principal, input);
    const values = Object.fromEntries(Object.entries(custom.values).filter(([, v]) => v !== null));
    await insertRow(m, this.def.table, {
      id,
      workspace_id: ws,
      created_by: principal.userId,
      owner_id: principal.userId,
      ...columns,
      custom: values,
    });
    await this.afterWrite(m, ws, id, input);
    const created = (await this.findIn(m, ws, id))!;
    await this.events.record(m, {
      type: this.eventType('created'),
      workspaceId: ws,
      subject: id,
      data: { [this.def.singular]: this.toMessage(created, ws) },
    });
    const extra = this.extraEvents(undefined, created, ws);
    if (extra.length) await this.events.record(m, ...extra);
    return created;
  }

  async update(principal: Principal, id: string, patch: Patch): Promise<D> {
    return this.db.inWorkspace(principal.workspaceId, (m) => this.updateIn(m, principal, id, patch));
  }

  async updateIn(m: EntityManager, principal: Principal, id: string, patch: Patch): Promise<D> {
    const ws = principal.workspaceId;
    const before = await this.findIn(m, ws, id, principal, true);
    if (!before) throw new NotFoundError(this.def.label);
    const columns = await this.columnsForPatch(m, principal, before, patch);
    if (patch.custom && Object.keys(patch.custom).length) {
      const defs = await this.customFields(m, ws, true);
      const custom = validateCustomValues(defs, patch.custom, 'patch');
      if (custom.issues.length) throw new ValidationError(custom.issues);
      columns.custom = custom.values;
    }
    if (Object.keys(columns).length) await updateRow(m, this.def.table, ws, id, columns);
    await this.afterWrite(m, ws, id, patch);
    const after = (await this.findIn(m, ws, id))!;
    const changes: FieldChange[] = diffRecords(before, after);
    if (changes.length) {
      await this.events.record(m, {
        type: this.eventType('updated'),
        workspaceId: ws,
        subject: id,
        data: { [this.def.singular]: this.toMessage(after, ws), changes },
      });
      const extra = this.extraEvents(before, after, ws);
      if (extra.length) await this.events.record(m, ...extra);
    }
    return after;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.db.inWorkspace(principal.workspaceId, (m) => this.removeIn(m, principal, id));
  }

  async removeIn(m: EntityManager, principal: Principal, id: string, mergedIntoId?: string): Promise<void> {
    const ws = principal.workspaceId;
    const params = new SqlParams();
    const where = [`workspace_id = ${params.add(ws, 'uuid')}`, `id = ${params.add(id, 'uuid')}`];
    const own = ownOnly(principal);
    if (own) where.push(`owner_id = ${params.add(own, 'uuid')}`);
    const [, count]: [unknown[], number] = await m.query(`DELETE FROM crm.${this.def.table} WHERE ${where.join(' AND ')}`, params.values);
    if (!count) throw new NotFoundError(this.def.label);
    await this.events.record(m, {
      type: this.eventType('deleted'),
      workspaceId: ws,
      subject: id,
      data: { [`${this.def.singular}Id`]: id, ...(mergedIntoId ? { mergedIntoId } : {}) },
    });
  }

  /** The WHERE clause every read of many records uses: workspace, visibility, filter. */
  whereFor(principal: Principal, filter: FilterGroup | undefined, custom: readonly FieldDefinition[], params: SqlParams): string {
    const where = [`r.workspace_id = ${params.add(principal.workspaceId, 'uuid')}`];
    const own = ownOnly(principal);
    if (own) where.push(`r.owner_id = ${params.add(own, 'uuid')}`);
    if (filter) where.push(compileFilter(filter, { standard: this.def.fields, custom, userId: principal.userId }, params));
    return where.join(' AND ');
  }

  async list(principal: Principal, query: ListQuery): Promise<RecordPage<D>> {
    const ws = principal.workspaceId;
    const filter = parseFilter(query.filter);
    const sort = query.sort ?? '-createdAt';
    const needsCustom = sort.includes('custom.') || (query.filter ?? '').includes('custom.');
    const projection = query.fields ? this.projection(query.fields) : undefined;
    return this.db.inWorkspace(ws, async (m) => {
      const custom = await this.customFields(m, ws, needsCustom);
      const keys = parseSort(sort, this.def.fields, custom);
      const signature = sortSignature(keys);
      const cursor = query.cursor ? sortCursor.decode(query.cursor, signature, keys.length) : undefined;
      const params = new SqlParams();
      const base = this.whereFor(principal, filter, custom, params);
      const ordered = orderedQuery(keys, cursor, params);
      const take = query.limit + 1;
      const from = `FROM crm.${this.def.table} r ${this.def.joins}`;
      const select = `SELECT ${this.def.select}, ${ordered.sortColumns} ${from}`;
      // Segments run in order (a NULL run after the non-NULL run): UNION ALL keeps each
      // segment's index order and stops as soon as the page is full.
      const sql =
        ordered.segments.length === 1
          ? `${select} WHERE ${base} AND ${ordered.segments[0]!.where} ORDER BY ${ordered.segments[0]!.orderBy} LIMIT ${take}`
          : `${ordered.segments.map((s) => `(${select} WHERE ${base} AND ${s.where} ORDER BY ${s.orderBy} LIMIT ${take})`).join(' UNION ALL ')} LIMIT ${take}`;
      const rows: Record<string, unknown>[] = await m.query(sql, params.values).catch((err: unknown) => {
        // The cursor is client-held: a forged value Postgres cannot cast is the caller's 400, not a 500.
        if (cursor && isDataException(err)) throw invalidCursor();
        throw err;
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const result: RecordPage<D> = {
        data: page.map((row) => {
          const dto = this.def.toDto(row);
          return projection ? this.pick(dto, projection) : dto;
        }),
        nextCursor:
          rows.length > query.limit && last
            ? sortCursor.encode(signature, {
                values: keys.map((_, i) => (last[`k${i}`] as string | null) ?? null),
                id: last.id as string,
              })
            : null,
      };
      if (query.total) result.total = await this.total(m, principal, filter, custom);
      return result;
    });
  }

  /** Exact count up to EXACT_TOTAL_LIMIT, else the planner's row estimate. */
  private async total(
    m: EntityManager,
    principal: Principal,
    filter: FilterGroup | undefined,
    custom: readonly FieldDefinition[],
  ): Promise<{ count: number; estimated: boolean }> {
    const params = new SqlParams();
    const where = this.whereFor(principal, filter, custom, params);
    const [{ n }]: [{ n: number }] = await m.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM crm.${this.def.table} r WHERE ${where} LIMIT ${EXACT_TOTAL_LIMIT + 1}) x`,
      params.values,
    );
    if (n <= EXACT_TOTAL_LIMIT) return { count: n, estimated: false };
    const plan: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] = await m.query(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM crm.${this.def.table} r WHERE ${where}`,
      params.values,
    );
    const estimate = Math.round(plan[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? n);
    return { count: Math.max(estimate, n), estimated: true };
  }

  async aggregate(principal: Principal, query: AggregateQuery): Promise<{ data: AggregateRow[] }> {
    const ws = principal.workspaceId;
    const filter = parseFilter(query.filter);
    const needsCustom = [query.groupBy, query.field ?? '', query.filter ?? ''].some((s) => s.includes('custom.'));
    return this.db.inWorkspace(ws, async (m) => {
      const custom = await this.customFields(m, ws, needsCustom);
      const params = new SqlParams();
      const group = resolveField(this.def.fields, custom, query.groupBy, 'groupBy');
      if (group.kind === 'tags') throw new ValidationError([{ field: 'groupBy', message: `Lists of tags cannot be grouped by.` }]);
      const groupSql = group.expr(params);
      let metricSql = 'NULL';
      if (query.metric !== 'count') {
        if (!query.field) throw new ValidationError([{ field: 'field', message: `Choose the field to ${query.metric}.` }]);
        const field = resolveField(this.def.fields, custom, query.field, 'field');
        const numeric = field.kind === 'number';
        const ordered = numeric || field.kind === 'date' || field.kind === 'datetime';
        if (!(numeric || (ordered && (query.metric === 'min' || query.metric === 'max')))) {
          throw new ValidationError([{ field: 'field', message: `"${field.key}" cannot be summarised with ${query.metric}.` }]);
        }
        const expr = field.expr(params);
        metricSql = query.metric === 'avg' ? `round(avg(${expr}), 2)::text` : `${query.metric}(${expr})::text`;
      }
      const where = this.whereFor(principal, filter, custom, params);
      const rows: { key: string | null; count: number; value: string | null }[] = await m.query(
        `SELECT (${groupSql})::text AS key, count(*)::int AS count, ${metricSql} AS value
         FROM crm.${this.def.table} r WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1000`,
        params.values,
      );
      return { data: rows };
    });
  }

  /** Checks `fields=a,b,custom.x` against the object; always keeps `id`. */
  private projection(raw: string): Set<string> {
    const keys = raw
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const known = new Set([...this.def.fields.map((f) => f.key), ...this.def.extraKeys]);
    for (const k of keys) {
      if (!known.has(k) && !k.startsWith('custom.') && k !== 'custom') {
        throw new ValidationError([{ field: 'fields', message: `Unknown field "${k.slice(0, 80)}".` }]);
      }
    }
    return new Set(['id', ...keys]);
  }

  private pick(dto: D, keys: Set<string>): Partial<D> {
    const out: Record<string, unknown> = {};
    const record = dto as unknown as Record<string, unknown>;
    for (const k of keys) {
      if (k.startsWith('custom.')) {
        const custom = (out.custom ??= {}) as Record<string, unknown>;
        custom[k.slice(7)] = dto.custom?.[k.slice(7)] ?? null;
      } else if (k in record) out[k] = record[k];
    }
    return out as Partial<D>;
  }
}

/**
 * Any object's service, for code that works on objects by name (bulk jobs, exports). Each
 * object's DTO and inputs differ; callers only use the engine's object-agnostic methods.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRecordsService = RecordsService<any, any, any>;
