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

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** Sets `key` only when the value is present: proto3 JSON leaves unset optionals out. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== null && value !== undefined) target[key] = value;
}

// Plain assignments rather than object spreads: an import builds a million of these.
function contactMessage(ws: string, r: StoredRow, x: MessageExtras): Contact {
  const m: Record<string, unknown> = {
    id: r.id,
    workspaceId: ws,
    firstName: (r.first_name as string) ?? '',
    lastName: (r.last_name as string) ?? '',
    email: (r.email as string | null) ?? '',
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    tags: (r.tags as string[]) ?? [],
    customJson: JSON.stringify(r.custom ?? {}),
    otherEmails: (r.emails as string[]) ?? [],
  };
  put(m, 'phone', r.phone);
  put(m, 'companyName', x.companyName);
  put(m, 'title', r.title);
  put(m, 'companyId', r.company_id);
  put(m, 'ownerId', r.owner_id);
  put(m, 'lifecycleStage', r.lifecycle_stage);
  put(m, 'leadStatus', r.lead_status);
  put(m, 'source', r.source);
  put(m, 'externalId', r.external_id);
  return m as unknown as Contact;
}

function companyMessage(ws: string, r: StoredRow): Company {
  const m: Record<string, unknown> = {
    id: r.id,
    workspaceId: ws,
    name: r.name as string,
    tags: (r.tags as string[]) ?? [],
    customJson: JSON.stringify(r.custom ?? {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
  put(m, 'domain', r.domain);
  put(m, 'industry', r.industry);
  put(m, 'employees', r.employees);
  put(m, 'annualRevenue', r.annual_revenue === null || r.annual_revenue === undefined ? null : String(r.annual_revenue));
  put(m, 'ownerId', r.owner_id);
  return m as unknown as Company;
}

function dealMessage(ws: string, r: StoredRow, x: MessageExtras): Deal {
  const m: Record<string, unknown> = {
    id: r.id,
    workspaceId: ws,
    name: r.name as string,
    currency: (r.currency as string) ?? 'USD',
    pipelineId: r.pipeline_id as string,
    stageId: r.stage_id as string,
    stageName: x.stageName ?? '',
    probability: (r.probability as number | null) ?? x.stageProbability ?? 0,
    contactIds: x.contactIds ?? [],
    status: (r.status as string) ?? 'open',
    tags: (r.tags as string[]) ?? [],
    customJson: JSON.stringify(r.custom ?? {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
  put(m, 'amount', r.amount === null || r.amount === undefined ? null : String(r.amount));
  put(m, 'expectedCloseDate', r.expected_close_date);
  put(m, 'ownerId', r.owner_id);
  put(m, 'companyId', r.company_id);
  put(m, 'lostReason', r.lost_reason);
  put(m, 'closedAt', r.closed_at ? iso(r.closed_at) : null);
  return m as unknown as Deal;
}

/** The `data` of crm.<object>.created/updated.v1: `{ contact | company | deal: <proto3 JSON> }`. */
export function eventRecord(object: ImportObject, ws: string, row: StoredRow, extras: MessageExtras): Record<string, unknown> {
  if (object === 'contacts') return { contact: contactMessage(ws, row, extras) };
  if (object === 'companies') return { company: companyMessage(ws, row) };
  return { deal: dealMessage(ws, row, extras) };
}
