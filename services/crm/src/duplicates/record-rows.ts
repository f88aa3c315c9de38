import type { Contact as ContactMessage } from '@meridian/proto/crm/v1/contact_service';
import type { Company as CompanyMessage } from '@meridian/proto/crm/v1/record_service';

export type DuplicateObject = 'contacts' | 'companies';

/** Columns of a contact as the API names them (records in duplicate pairs, merge results). */
export const CONTACT_COLUMNS = `c.id, c.workspace_id, c.first_name, c.last_name, c.email, c.emails AS other_emails, c.phone,
  c.phones AS other_phones, c.title, c.company_id, co.name AS company_name, c.owner_id, c.lifecycle_stage, c.lead_status,
  c.source, c.tags, c.address, c.social, c.external_id, c.custom, c.created_at, c.updated_at, c.last_activity_at`;
export const CONTACT_FROM = `crm.contacts c LEFT JOIN crm.companies co ON co.id = c.company_id AND co.workspace_id = c.workspace_id`;

export const COMPANY_COLUMNS = `c.id, c.workspace_id, c.name, c.domain, c.industry, c.employees, c.annual_revenue::text AS annual_revenue,
  c.address, c.owner_id, c.tags, c.external_id, c.custom, c.created_at, c.updated_at, c.last_activity_at`;
export const COMPANY_FROM = `crm.companies c`;

export type Row = Record<string, unknown>;

const camel = (key: string) => key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** A row in the API's shape: camelCase keys, ISO instants, no workspace id. */
export function toRecord(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => k !== 'workspace_id')
      .map(([k, v]) => [camel(k), iso(v)]),
  );
}

const str = (v: unknown) => (v === null || v === undefined ? undefined : String(iso(v)));
const opt = <K extends string>(key: K, v: unknown): Partial<Record<K, string>> =>
  str(v) === undefined ? {} : ({ [key]: str(v) } as Record<K, string>);

/** The crm.v1.Contact message of an event. */
export function contactMessage(r: Row): ContactMessage {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    firstName: String(r.first_name ?? ''),
    lastName: String(r.last_name ?? ''),
    email: String(r.email ?? ''),
    createdAt: str(r.created_at)!,
    updatedAt: str(r.updated_at)!,
    tags: (r.tags as string[]) ?? [],
    customJson: JSON.stringify(r.custom ?? {}),
    otherEmails: (r.other_emails as string[]) ?? [],
    ...opt('phone', r.phone),
    ...opt('companyName', r.company_name),
    ...opt('title', r.title),
    ...opt('companyId', r.company_id),
    ...opt('ownerId', r.owner_id),
    ...opt('lifecycleStage', r.lifecycle_stage),
    ...opt('leadStatus', r.lead_status),
    ...opt('source', r.source),
    ...opt('externalId', r.external_id),
    ...opt('lastActivityAt', r.last_activity_at),
  };
}

/** The crm.v1.Company message of an event. */
export function companyMessage(r: Row): CompanyMessage {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    name: String(r.name),
    tags: (r.tags as string[]) ?? [],
    customJson: JSON.stringify(r.custom ?? {}),
    createdAt: str(r.created_at)!,
    updatedAt: str(r.updated_at)!,
    ...opt('domain', r.domain),
    ...opt('industry', r.industry),
    ...(r.employees === null || r.employees === undefined ? {} : { employees: Number(r.employees) }),
    ...opt('annualRevenue', r.annual_revenue),
    ...opt('ownerId', r.owner_id),
  };
}
