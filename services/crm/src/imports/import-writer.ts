import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DomainEventInput } from '@meridian/platform';
import { resolveCompanies } from './company-lookup.js';
import { eventRecord, type MessageExtras, type StoredRow } from './import-messages.js';
import { IMPORT_OBJECT_SPECS, recordsetType, storedColumns, type ImportColumn } from './import-objects.js';
import type { RowCandidate, RowIssue } from './import-rows.js';
import type { PipelineIndex } from './pipeline-index.js';
import type { DedupeBy, ImportObject } from './dto/import.schemas.js';

/** The reason recorded for rows of people erased under GDPR (their data is not kept, not even here). */
export const ERASED_REASON = 'erased at the person\u2019s request';

export interface BatchContext {
  workspaceId: string;
  importId: string;
  /** The importer: created_by, and owner of records the file gives none. */
  userId: string | null;
  object: ImportObject;
  dedupeBy: DedupeBy;
  onDuplicate: 'update' | 'skip';
  /** Only the importer's own records count as duplicates (they cannot see, so must not change, others'). */
  ownRecordsOnly: boolean;
  /** CSV header per target (`email` → "E-mail"), to name the column of writer-side problems. */
  headerOf: Readonly<Record<string, string>>;
  pipelines: PipelineIndex | null;
}

export interface RejectedRow {
  row: number;
  issues: RowIssue[];
}

export interface BatchCounts {
  created: number;
  updated: number;
  skipped: number;
  errors: number;
}

/** An error-file line: one problem of one row. */
interface ErrorLine {
  row_number: number;
  column_name: string | null;
  reason: string;
  raw: string | null;
}

/** Candidates that share a dedupe key within the batch, merged in file order (later cells win). */
interface Unit {
  candidate: RowCandidate;
  /** Further rows of the file with the same key. */
  repeats: number;
}

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const returnedRows = <T>(raw: unknown): T[] => (Array.isArray(raw) && Array.isArray(raw[0]) ? (raw[0] as T[]) : (raw as T[]));
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** A later row's values over an earlier one's: arrays unioned, objects merged, scalars replaced. */
function mergeValues(
  columns: readonly ImportColumn[],
  base: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...base };
  for (const c of columns) {
    const v = next[c.column];
    if (v === undefined) continue;
    if (c.merge === 'union' && Array.isArray(base[c.column]))
      out[c.column] = [...new Set([...(base[c.column] as unknown[]), ...(v as unknown[])])];
    else if (c.merge === 'object' && base[c.column] && typeof base[c.column] === 'object')
      out[c.column] = { ...(base[c.column] as object), ...(v as object) };
    else out[c.column] = v;
  }
  return out;
}

/**
 * Writes one batch of converted rows in the caller's workspace transaction: drops erased
 * people, resolves lookups (creating missing companies), deduplicates against the file and
 * the workspace, inserts and updates with one statement each, records an event per record
 * in the outbox (one multi-row insert) and an error line per problem.
 */
export class ImportBatchWriter {
  private readonly spec;
  private readonly errors: ErrorLine[] = [];
  private readonly events: DomainEventInput<unknown>[] = [];
  private readonly counts: BatchCounts = { created: 0, updated: 0, skipped: 0, errors: 0 };

  constructor(
    private readonly m: EntityManager,
    private readonly ctx: BatchContext,
  ) {
    this.spec = IMPORT_OBJECT_SPECS[ctx.object];
  }

  async write(candidates: RowCandidate[], rejected: RejectedRow[]): Promise<{ counts: BatchCounts; events: DomainEventInput<unknown>[] }> {
    for (const r of rejected) this.reject(r.row, r.issues);
    let rows = await this.dropSuppressed(candidates);
    rows = await this.resolveLookups(rows);
    const units = this.mergeWithinFile(rows);
    const existing = await this.existingByKey(units);
    const inserts: Record<string, unknown>[] = [];
    const updates: { old: StoredRow; next: StoredRow }[] = [];
    for (const unit of units) {
      const key = this.keyOf(unit.candidate);
      const old = key ? existing.get(key) : undefined;
      if (old && this.ctx.onDuplicate === 'skip') {
        this.counts.skipped += 1 + unit.repeats;
      } else if (old) {
        const next = this.updatedRow(old, unit.candidate);
        if (next) updates.push({ old, next });
        this.counts.updated += 1 + unit.repeats;
      } else {
        const row = this.newRow(unit.candidate);
        if (!row) continue;
        inserts.push(row);
        this.counts.created += 1;
        this.counts.updated += unit.repeats;
      }
    }
    const created = await this.insert(inserts);
    const changed = await this.update(updates);
    await this.recordEvents(created, changed);
    await this.saveErrors();
    return { counts: this.counts, events: this.events };
  }

  private reject(row: number, issues: RowIssue[]): void {
    this.counts.errors += 1;
    for (const i of issues) this.errors.push({ row_number: row, column_name: i.column, reason: i.reason, raw: i.value ?? null });
  }

  /** Contacts whose email or phone was erased (crm.suppressions holds SHA-256 of them) are skipped. */
  private async dropSuppressed(rows: RowCandidate[]): Promise<RowCandidate[]> {
    if (this.ctx.object !== 'contacts' || rows.length === 0) return rows;
    // Hashing every address costs more than this lookup; most workspaces have erased no one.
    const [{ any }] = (await this.m.query(`SELECT EXISTS (SELECT 1 FROM crm.suppressions) AS any`)) as [{ any: boolean }];
    if (!any) return rows;
    const hashesOf = (c: RowCandidate) =>
      [c.values.email, c.values.phone, ...((c.values.emails as string[]) ?? []), ...((c.values.phones as string[]) ?? [])]
        .filter((v): v is string => typeof v === 'string')
        .map(sha256);
    const all = rows.flatMap(hashesOf);
    if (all.length === 0) return rows;
    const found = (await this.m.query(`SELECT value_hash FROM crm.suppressions WHERE value_hash = ANY($1::text[])`, [all])) as {
      value_hash: string;
    }[];
    if (found.length === 0) return rows;
    const suppressed = new Set(found.map((r) => r.value_hash));
    return rows.filter((c) => {
      if (!hashesOf(c).some((h) => suppressed.has(h))) return true;
      this.counts.skipped += 1;
      // No value kept: the point of the suppression is that the person's data is gone.
      this.errors.push({ row_number: c.row, column_name: this.ctx.headerOf.email ?? null, reason: ERASED_REASON, raw: null });
      return false;
    });
  }

  private fail(c: RowCandidate, column: string | undefined, reason: string, value?: string): false {
    this.reject(c.row, [{ column: column ?? null, reason, value: value ?? null }]);
    return false;
  }

  /** owner (UUID), company (name/domain, created when missing), pipeline and stage (names). */
  private async resolveLookups(rows: RowCandidate[]): Promise<RowCandidate[]> {
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    rows = rows.filter((c) => {
      const owner = c.lookups.owner;
      if (owner === undefined) return true;
      if (UUID.test(owner)) {
        c.values.owner_id = owner.toLowerCase();
        return true;
      }
      // Users live in the users service, which offers no lookup by email yet: only ids resolve.
      return this.fail(c, c.columns.owner, `owner ${owner} not found (use the user's id)`, owner);
    });
    const companies = rows.flatMap((c) => (c.lookups.company ? [c.lookups.company] : []));
    if (companies.length) {
      const refs = await resolveCompanies(this.m, this.ctx.workspaceId, this.ctx.userId, companies, this.events);
      rows = rows.filter((c) => {
        if (!c.lookups.company) return true;
        const ref = refs.get(c.lookups.company);
        if (!ref) return this.fail(c, c.columns.company, 'The company could not be found or created.', c.lookups.company);
        c.values.company_id = ref.id;
        return true;
      });
    }
    if (this.ctx.object === 'deals') rows = rows.filter((c) => this.resolveStage(c));
    return rows;
  }

  private resolveStage(c: RowCandidate): boolean {
    const index = this.ctx.pipelines!;
    const { pipeline: pipelineName, stage: stageName } = c.lookups;
    if (pipelineName === undefined && stageName === undefined && c.values.pipeline_id === undefined && c.values.stage_id === undefined)
      return true;
    const pipeline = c.values.pipeline_id ? index.pipelineById(c.values.pipeline_id as string) : index.pipeline(pipelineName);
    if (!pipeline)
      return this.fail(
        c,
        c.columns.pipeline ?? this.ctx.headerOf.pipelineId,
        `pipeline ${pipelineName ?? c.values.pipeline_id} not found`,
        pipelineName,
      );
    const stage = c.values.stage_id ? index.stageById(c.values.stage_id as string) : index.stage(pipeline, stageName);
    if (!stage || stage.pipelineId !== pipeline.id) {
      return this.fail(
        c,
        c.columns.stage ?? this.ctx.headerOf.stageId,
        `stage ${stageName ?? c.values.stage_id} not found in pipeline ${pipeline.name} (import with createFields=true to add it)`,
        stageName,
      );
    }
    c.values.pipeline_id = pipeline.id;
    c.values.stage_id = stage.id;
    return true;
  }

  private keyOf(c: RowCandidate): string | undefined {
    const column = this.ctx.dedupeBy === 'none' ? undefined : this.spec.dedupeColumn[this.ctx.dedupeBy];
    const v = column ? c.values[column] : undefined;
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  private mergeWithinFile(rows: RowCandidate[]): Unit[] {
    const units: Unit[] = [];
    const byKey = new Map<string, Unit>();
    for (const c of rows) {
      const key = this.keyOf(c);
      const unit = key ? byKey.get(key) : undefined;
      if (!unit) {
        const fresh = { candidate: c, repeats: 0 };
        units.push(fresh);
        if (key) byKey.set(key, fresh);
      } else if (this.ctx.onDuplicate === 'skip') {
        this.counts.skipped += 1;
      } else {
        unit.candidate = {
          ...unit.candidate,
          values: mergeValues(this.spec.columns, unit.candidate.values, c.values),
          custom: { ...unit.candidate.custom, ...c.custom },
        };
        unit.repeats += 1;
      }
    }
    return units;
  }

  /** Stored records sharing a dedupe key with the batch (the oldest per key). */
  private async existingByKey(units: Unit[]): Promise<Map<string, StoredRow>> {
    const keys = [...new Set(units.map((u) => this.keyOf(u.candidate)).filter((k): k is string => !!k))];
    const column = this.ctx.dedupeBy === 'none' ? undefined : this.spec.dedupeColumn[this.ctx.dedupeBy];
    if (!column || keys.length === 0) return new Map();
    const own = this.ctx.ownRecordsOnly ? this.ctx.userId : null;
    const rows = (await this.m.query(
      `SELECT ${storedColumns(this.spec)} FROM crm.${this.spec.table}
        WHERE ${column} = ANY($1::text[]) AND ($2::uuid IS NULL OR owner_id = $2) ORDER BY created_at, id`,
      [keys, own],
    )) as StoredRow[];
    const out = new Map<string, StoredRow>();
    for (const r of rows) {
      for (const c of this.spec.columns) r[c.column] = iso(r[c.column]);
      const key = r[column] as string;
      if (!out.has(key)) out.set(key, r);
    }
    return out;
  }

  /** A new record's full column values, or null (with the row rejected) when it misses what a new record needs. */
  private newRow(c: RowCandidate): Record<string, unknown> | null {
    const v = c.values;
    const header = (t: string) => this.ctx.headerOf[t];
    if (this.ctx.object === 'contacts' && !v.first_name && !v.last_name && !v.email) {
      return this.fail(c, undefined, 'A contact needs a first name, last name or email.') || null;
    }
    if (this.ctx.object === 'companies' && !v.name) {
      if (!v.domain) return this.fail(c, header('name'), 'A company needs a name.') || null;
      v.name = v.domain;
    }
    if (this.ctx.object === 'deals') {
      if (!v.name) return this.fail(c, header('name'), 'A deal needs a name.') || null;
      if (!v.stage_id) {
        const pipeline = this.ctx.pipelines!.pipeline(undefined);
        const stage = pipeline && this.ctx.pipelines!.stage(pipeline, undefined);
        if (!pipeline || !stage) return this.fail(c, undefined, 'The workspace has no pipeline to put the deal in.') || null;
        v.pipeline_id = pipeline.id;
        v.stage_id = stage.id;
      }
      this.applyStageKind(v, undefined);
    }
    const row: Record<string, unknown> = { id: randomUUID() };
    for (const col of this.spec.columns) row[col.column] = v[col.column] ?? col.fallback ?? null;
    row.custom = { ...c.custom };
    row.owner_id ??= this.ctx.userId;
    return row;
  }

  /** Deals: status and closed time follow the stage's kind (won/lost close the deal). */
  private applyStageKind(v: Record<string, unknown>, old: StoredRow | undefined): void {
    const stage = this.ctx.pipelines!.stageById(v.stage_id as string);
    if (!stage || (old && old.stage_id === v.stage_id)) return;
    v.status = stage.kind;
    v.closed_at = stage.kind === 'open' ? null : new Date().toISOString();
  }

  /** The stored record with the file's values over it, or null when nothing changes. */
  private updatedRow(old: StoredRow, c: RowCandidate): StoredRow | null {
    const values = { ...c.values };
    if (this.ctx.object === 'deals' && values.stage_id) this.applyStageKind(values, old);
    const next = mergeValues(this.spec.columns, old, values) as StoredRow;
    next.custom = { ...(old.custom as object), ...c.custom };
    const same = this.spec.columns.every((col) => JSON.stringify(old[col.column] ?? null) === JSON.stringify(next[col.column] ?? null));
    return same ? null : next;
  }

  /** One INSERT for the batch; timestamps are set here so the events need nothing read back. */
  private async insert(rows: Record<string, unknown>[]): Promise<StoredRow[]> {
    if (rows.length === 0) return [];
    const cols = this.spec.columns.map((c) => c.column);
    const now = new Date().toISOString();
    for (const row of rows) row.created_at = row.updated_at = now;
    const type = recordsetType(this.spec).replace(/\)$/, ', created_at timestamptz, updated_at timestamptz)');
    await this.m.query(
      `INSERT INTO crm.${this.spec.table} (id, workspace_id, created_by, created_at, updated_at, ${cols.join(', ')})
       SELECT r.id, $1, $2, r.created_at, r.updated_at, ${cols.map((c) => `r.${c}`).join(', ')} FROM jsonb_to_recordset($3::jsonb) AS ${type}`,
      [this.ctx.workspaceId, this.ctx.userId, JSON.stringify(rows)],
    );
    return rows as StoredRow[];
  }

  private async update(pairs: { old: StoredRow; next: StoredRow }[]): Promise<{ old: StoredRow; next: StoredRow }[]> {
    if (pairs.length === 0) return [];
    const cols = this.spec.columns.map((c) => c.column);
    const stageChange =
      this.ctx.object === 'deals'
        ? `, stage_changed_at = CASE WHEN t.stage_id IS DISTINCT FROM r.stage_id THEN date_trunc('milliseconds', clock_timestamp()) ELSE t.stage_changed_at END`
        : '';
    const raw: unknown = await this.m.query(
      `UPDATE crm.${this.spec.table} AS t SET ${cols.map((c) => `${c} = r.${c}`).join(', ')},
              updated_at = date_trunc('milliseconds', clock_timestamp())${stageChange}
         FROM jsonb_to_recordset($2::jsonb) AS ${recordsetType(this.spec)}
        WHERE t.id = r.id AND t.workspace_id = $1
        RETURNING t.id, t.updated_at`,
      [this.ctx.workspaceId, JSON.stringify(pairs.map((p) => p.next))],
    );
    const stamps = new Map(returnedRows<{ id: string; updated_at: Date }>(raw).map((r) => [r.id, r.updated_at]));
    return pairs.flatMap((p) => (stamps.has(p.old.id) ? [{ old: p.old, next: { ...p.next, updated_at: stamps.get(p.old.id) } }] : []));
  }

  /** created/updated events (and deals' stage_changed) for every written record, with what their messages need. */
  private async recordEvents(created: StoredRow[], changed: { old: StoredRow; next: StoredRow }[]): Promise<void> {
    const ws = this.ctx.workspaceId;
    const singular = this.spec.singular;
    const extras = await this.messageExtras([...created, ...changed.map((c) => c.next)]);
    for (const row of created) {
      this.events.push({
        type: `crm.${singular}.created.v1`,
        workspaceId: ws,
        subject: row.id,
        data: eventRecord(this.ctx.object, ws, row, extras(row)),
      });
    }
    for (const { old, next } of changed) {
      const record = eventRecord(this.ctx.object, ws, next, extras(next));
      this.events.push({
        type: `crm.${singular}.updated.v1`,
        workspaceId: ws,
        subject: next.id,
        data: { ...record, changes: this.changes(old, next) },
      });
      if (this.ctx.object === 'deals' && old.stage_id !== next.stage_id) {
        this.events.push({
          type: 'crm.deal.stage_changed.v1',
          workspaceId: ws,
          subject: next.id,
          data: { ...record, fromStageId: old.stage_id, toStageId: next.stage_id },
        });
      }
    }
  }

  private changes(old: StoredRow, next: StoredRow): { field: string; oldJson: string; newJson: string }[] {
    const out: { field: string; oldJson: string; newJson: string }[] = [];
    for (const col of this.spec.columns) {
      if (col.column === 'custom') {
        const a = (old.custom ?? {}) as Record<string, unknown>;
        const b = (next.custom ?? {}) as Record<string, unknown>;
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
          const [o, n] = [JSON.stringify(a[key] ?? null), JSON.stringify(b[key] ?? null)];
          if (o !== n) out.push({ field: `custom.${key}`, oldJson: o, newJson: n });
        }
        continue;
      }
      const [o, n] = [JSON.stringify(old[col.column] ?? null), JSON.stringify(next[col.column] ?? null)];
      if (o !== n) out.push({ field: col.field, oldJson: o, newJson: n });
    }
    return out;
  }

  /** Company names (contacts), stage names and contact links (deals) of the written records. */
  private async messageExtras(rows: StoredRow[]): Promise<(row: StoredRow) => MessageExtras> {
    if (this.ctx.object === 'contacts') {
      const ids = [...new Set(rows.map((r) => r.company_id).filter((v): v is string => typeof v === 'string'))];
      const names = ids.length
        ? new Map(
            (
              (await this.m.query(`SELECT id, name FROM crm.companies WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; name: string }[]
            ).map((r) => [r.id, r.name]),
          )
        : new Map<string, string>();
      return (row) => ({ companyName: row.company_id ? names.get(row.company_id as string) : undefined });
    }
    if (this.ctx.object === 'deals') {
      const ids = rows.map((r) => r.id);
      const links = ids.length
        ? ((await this.m.query(
            `SELECT deal_id, array_agg(contact_id) AS ids FROM crm.deal_contacts WHERE deal_id = ANY($1::uuid[]) GROUP BY deal_id`,
            [ids],
          )) as {
            deal_id: string;
            ids: string[];
          }[])
        : [];
      const contacts = new Map(links.map((l) => [l.deal_id, l.ids]));
      return (row) => {
        const stage = this.ctx.pipelines!.stageById(row.stage_id as string);
        return { stageName: stage?.name, stageProbability: stage?.probability, contactIds: contacts.get(row.id) ?? [] };
      };
    }
    return () => ({});
  }

  private async saveErrors(): Promise<void> {
    if (this.errors.length === 0) return;
    await this.m.query(
      `INSERT INTO crm.import_errors (workspace_id, import_id, row_number, column_name, reason, raw)
       SELECT $1, $2, r.row_number, r.column_name, r.reason, r.raw
         FROM jsonb_to_recordset($3::jsonb) AS r(row_number integer, column_name text, reason text, raw text)
       ON CONFLICT DO NOTHING`,
      [this.ctx.workspaceId, this.ctx.importId, JSON.stringify(this.errors)],
    );
  }
}
