import type { Company, Deal } from '@meridian/proto/crm/v1/record_service';
import type { Contact } from '@meridian/proto/crm/v1/contact_service';
import type { ImportObject } from './dto/import.schemas.js';

/** A record as the importer holds it: column name → value, plus timestamps once stored. */
export type StoredRow = Record<string, unknown> & { id: string };

/** Extra facts a record's event message needs beyond its own columns. */
export interface MessageExtras {
  companyName?: string | undefined;
  stageName?: string | undefined;
  stageProbability?: number | undefined;
  contactIds?: string[] | undefined;
}

const opt = <T>(key: string, value: T | null | undefined): Record<string, T> =>
  value === null || value === undefined ? {} : { [key]: value };
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

function contactMessage(ws: string, r: StoredRow, x: MessageExtras): Contact {
  return {
    id: r.id,
    workspaceId: ws,
    firstName: (r.first_name as string) ?? '',
    lastName: (r.last_name as string) ?? '',
    email: (r.email as string | null) ?? '',
    ...opt('phone', r.phone as string | null),
    ...opt('companyName', x.companyName),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ...opt('title', r.title as string | null),
    ...opt('companyId', r.company_id as string | null),
    ...opt('ownerId', r.owner_id as string | null),
    ...opt('lifecycleStage', r.lifecycle_stage as string | null),
    ...opt('leadStatus', r.lead_status as string | null),
    ...opt('source', r.source as string | null),
    tags: (r.tags as string[]) ?? [],
    customJson: JSON.stringify(r.custom ?? {}),
    ...opt('externalId', r.external_id as string | null),
    otherEmails: (r.emails as string[]) ?? [],
  };
}

function companyMessage(ws: string, r: StoredRow): Company {
  return {
    id: r.id,
    workspaceId: ws,
    name: r.name as string,
    ...opt('domain', r.domain as string | null),
    ...opt('industry', r.industry as string | null),
    ...opt('employees', r.employees as number | null),
    ...opt('annualRevenue', r.annual_revenue === null || r.annual_revenue === undefined ? null : String(r.annual_revenue)),
    ...opt('ownerId', r.owner_id as string | null),
    tags: (r.tags as string[]) ?? [],
    customJson: JSON.stringify(r.custom ?? {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function dealMessage(ws: string, r: StoredRow, x: MessageExtras): Deal {
  return {
    id: r.id,
    workspaceId: ws,
    name: r.name as string,
    ...opt('amount', r.amount === null || r.amount === undefined ? null : String(r.amount)),
    currency: (r.currency as string) ?? 'USD',
    pipelineId: r.pipeline_id as string,
    stageId: r.stage_id as string,
    stageName: x.stageName ?? '',
    probability: (r.probability as number | null) ?? x.stageProbability ?? 0,
    ...opt('expectedCloseDate', r.expected_close_date as string | null),
    ...opt('ownerId', r.owner_id as string | null),
    ...opt('companyId', r.company_id as string | null),
    contactIds: x.contactIds ?? [],
    status: (r.status as string) ?? 'open',
    ...opt('lostReason', r.lost_reason as string | null),
    ...opt('closedAt', r.closed_at ? iso(r.closed_at) : null),
    tags: (r.tags as string[]) ?? [],
    customJson: JSON.stringify(r.custom ?? {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The `data` of crm.<object>.created/updated.v1: `{ contact | company | deal: <proto3 JSON> }`. */
export function eventRecord(object: ImportObject, ws: string, row: StoredRow, extras: MessageExtras): Record<string, unknown> {
  if (object === 'contacts') return { contact: contactMessage(ws, row, extras) };
  if (object === 'companies') return { company: companyMessage(ws, row) };
  return { deal: dealMessage(ws, row, extras) };
}
