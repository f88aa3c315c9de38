import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents, NotFoundError, TenantDatabase, type Principal } from '@meridian/platform';
import type { CompanyDeleted, CompanyUpdated, ContactDeleted, ContactUpdated, FieldChange } from '@meridian/proto/crm/v1/crm_events';
import type { MergeInput } from './dto/duplicates.schemas.js';
import { visibleRecords } from './duplicates.service.js';
import { MERGE_FIELDS, planMerge, type MergedValues } from './merge-plan.js';
import { companyMessage, contactMessage, toRecord, type DuplicateObject, type Row } from './record-rows.js';

/** Columns written on the primary, with their SQL casts (jsonb / arrays / numeric). */
const WRITE_COLUMNS: Record<DuplicateObject, Record<string, string>> = {
  contacts: {
    first_name: 'text',
    last_name: 'text',
    email: 'text',
    emails: 'text[]',
    phone: 'text',
    phones: 'text[]',
    title: 'text',
    company_id: 'uuid',
    owner_id: 'uuid',
    lifecycle_stage: 'text',
    lead_status: 'text',
    source: 'text',
    address: 'jsonb',
    social: 'jsonb',
    external_id: 'text',
    tags: 'text[]',
    custom: 'jsonb',
  },
  companies: {
    name: 'text',
    domain: 'text',
    industry: 'text',
    employees: 'integer',
    annual_revenue: 'numeric',
    owner_id: 'uuid',
    address: 'jsonb',
    external_id: 'text',
    tags: 'text[]',
    custom: 'jsonb',
  },
};

/** API key of each written column, for the changes of the updated event. */
const apiKeyOf = (object: DuplicateObject, column: string): string =>
  Object.entries(MERGE_FIELDS[object]).find(([, c]) => c === column)?.[0] ??
  ({ emails: 'otherEmails', phones: 'otherPhones', tags: 'tags', custom: 'custom' } as Record<string, string>)[column] ??
  column;
const readColumn = (column: string) => ({ emails: 'other_emails', phones: 'other_phones' })[column] ?? column;
const json = (v: unknown) => JSON.stringify(v === undefined ? null : v);

/** Which tables point at a merged record, and through which column. */
const CHILDREN: Record<DuplicateObject, [table: string, column: string][]> = {
  contacts: [
    ['activities', 'contact_id'],
    ['tasks', 'contact_id'],
  ],
  companies: [
    ['contacts', 'company_id'],
    ['deals', 'company_id'],
    ['activities', 'company_id'],
    ['tasks', 'company_id'],
  ],
};

/**
 * Merges duplicates into a primary record in one transaction: chosen values onto the
 * primary, everything that pointed at a duplicate (timeline, tasks, deal links; for a
 * company its people and deals) moved to it, the duplicates deleted, and the events
 * (updated for the primary with its changes, deleted with mergedIntoId per duplicate).
 */
@Injectable()
export class MergeService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
  ) {}

  async merge(p: Principal, object: DuplicateObject, input: MergeInput): Promise<Row> {
    const ws = p.workspaceId;
    const ids = [input.primaryId, ...input.duplicateIds];
    return this.db.inWorkspace(ws, async (m) => {
      const rows = await visibleRecords(m, object, p, ids, true);
      if (rows.size !== ids.length) throw new NotFoundError(object === 'contacts' ? 'Contact' : 'Company');
      const before = rows.get(input.primaryId)!;
      const merged = planMerge(
        object,
        before,
        input.duplicateIds.map((id) => rows.get(id)!),
        input.fieldChoices,
      );
      await this.moveChildren(m, object, ws, input.primaryId, input.duplicateIds);
      const table = object === 'contacts' ? 'crm.contacts' : 'crm.companies';
      // Deleted before the primary is written: a company's unique domain may move to it.
      await m.query(`DELETE FROM ${table} WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [ws, input.duplicateIds]);
      await m.query(
        `DELETE FROM crm.duplicate_dismissals WHERE workspace_id = $1 AND object = $2 AND (record_a = ANY($3::uuid[]) OR record_b = ANY($3::uuid[]))`,
        [ws, object, input.duplicateIds],
      );
      const latest = input.duplicateIds
        .map((id) => rows.get(id)!.last_activity_at as Date | null)
        .reduce<Date | null>((max, at) => (at && (!max || at > max) ? at : max), null);
      await this.writePrimary(m, object, ws, input.primaryId, merged, latest);
      const after = (await visibleRecords(m, object, p, [input.primaryId])).get(input.primaryId)!;
      await this.recordEvents(m, object, ws, before, after, input.duplicateIds);
      return toRecord(after);
    });
  }

  private async moveChildren(
    m: EntityManager,
    object: DuplicateObject,
    ws: string,
    primaryId: string,
    duplicateIds: string[],
  ): Promise<void> {
    for (const [table, column] of CHILDREN[object]) {
      await m.query(`UPDATE crm.${table} SET ${column} = $2, updated_at = now() WHERE workspace_id = $1 AND ${column} = ANY($3::uuid[])`, [
        ws,
        primaryId,
        duplicateIds,
      ]);
    }
    if (object === 'contacts') {
      // A deal linked to both keeps one link (the key is deal + contact).
      await m.query(
        `INSERT INTO crm.deal_contacts (workspace_id, deal_id, contact_id)
         SELECT DISTINCT $1::uuid, deal_id, $2::uuid FROM crm.deal_contacts WHERE workspace_id = $1 AND contact_id = ANY($3::uuid[])
         ON CONFLICT DO NOTHING`,
        [ws, primaryId, duplicateIds],
      );
      await m.query(`DELETE FROM crm.deal_contacts WHERE workspace_id = $1 AND contact_id = ANY($2::uuid[])`, [ws, duplicateIds]);
    }
  }

  private async writePrimary(
    m: EntityManager,
    object: DuplicateObject,
    ws: string,
    primaryId: string,
    merged: MergedValues,
    latestActivity: Date | null,
  ): Promise<void> {
    const columns = Object.entries(WRITE_COLUMNS[object]);
    const values = columns.map(([column, type]) => {
      const v = merged[column] ?? null;
      return type === 'jsonb' && v !== null ? JSON.stringify(v) : v;
    });
    const sets = columns.map(([column, type], i) => `${column} = $${i + 3}::${type}`).join(', ');
    const table = object === 'contacts' ? 'crm.contacts' : 'crm.companies';
    await m.query(
      `UPDATE ${table} SET ${sets}, updated_at = now(),
         last_activity_at = (SELECT max(t) FROM unnest(ARRAY[last_activity_at, $${columns.length + 3}::timestamptz]) t)
       WHERE workspace_id = $1 AND id = $2`,
      [ws, primaryId, ...values, latestActivity],
    );
  }

  private async recordEvents(
    m: EntityManager,
    object: DuplicateObject,
    ws: string,
    before: Row,
    after: Row,
    duplicateIds: string[],
  ): Promise<void> {
    const changes: FieldChange[] = Object.keys(WRITE_COLUMNS[object])
      .map((column) => ({ column, old: before[readColumn(column)] ?? null, now: after[readColumn(column)] ?? null }))
      .filter((c) => json(c.old) !== json(c.now))
      .map((c) => ({ field: apiKeyOf(object, c.column), oldJson: json(c.old), newJson: json(c.now) }));
    const primaryId = String(after.id);
    if (object === 'contacts') {
      await this.events.record<ContactUpdated>(m, {
        type: 'crm.contact.updated.v1',
        workspaceId: ws,
        subject: primaryId,
        data: { contact: contactMessage(after), changes },
      });
      for (const id of duplicateIds) {
        await this.events.record<ContactDeleted>(m, {
          type: 'crm.contact.deleted.v1',
          workspaceId: ws,
          subject: id,
          data: { contactId: id, mergedIntoId: primaryId },
        });
      }
      return;
    }
    await this.events.record<CompanyUpdated>(m, {
      type: 'crm.company.updated.v1',
      workspaceId: ws,
      subject: primaryId,
      data: { company: companyMessage(after), changes },
    });
    for (const id of duplicateIds) {
      await this.events.record<CompanyDeleted>(m, {
        type: 'crm.company.deleted.v1',
        workspaceId: ws,
        subject: id,
        data: { companyId: id, mergedIntoId: primaryId },
      });
    }
  }
}
