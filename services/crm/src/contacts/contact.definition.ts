import { COMMON_FIELDS, isoOrNull as iso, type ObjectDefinition, type StandardField } from '../records/object-definition.js';
import { createContactSchema, patchContactSchema, type CreateContactInput, type PatchContactInput } from './dto/contact.schemas.js';
import { LEAD_STATUSES, LIFECYCLE_STAGES } from './contact-vocabulary.js';

/** The REST representation of a contact. */
export interface ContactDto {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  otherEmails: string[];
  phone: string | null;
  otherPhones: string[];
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
  lifecycleStage: string | null;
  leadStatus: string | null;
  source: string | null;
  tags: string[];
  address: Record<string, string | null> | null;
  social: Record<string, string | null> | null;
  externalId: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string | null;
}

const fields: StandardField[] = [
  {
    key: 'firstName',
    kind: 'text',
    expr: 'r.first_name',
    ciExpr: 'r.first_name_key',
    sortExpr: 'r.first_name_key',
    caseInsensitive: true,
    nullable: false,
  },
  {
    key: 'lastName',
    kind: 'text',
    expr: 'r.last_name',
    ciExpr: 'r.last_name_key',
    sortExpr: 'r.last_name_key',
    caseInsensitive: true,
    nullable: false,
  },
  { key: 'email', kind: 'text', expr: 'r.email', ciExpr: 'r.email', sortExpr: 'r.email', caseInsensitive: true, nullable: true },
  { key: 'phone', kind: 'text', expr: 'r.phone', nullable: true },
  { key: 'title', kind: 'text', expr: 'r.title', caseInsensitive: true, nullable: true },
  { key: 'companyId', kind: 'uuid', expr: 'r.company_id', sortExpr: 'r.company_id', nullable: true },
  {
    key: 'lifecycleStage',
    kind: 'text',
    expr: 'r.lifecycle_stage',
    sortExpr: 'r.lifecycle_stage',
    nullable: true,
    values: LIFECYCLE_STAGES,
  },
  { key: 'leadStatus', kind: 'text', expr: 'r.lead_status', sortExpr: 'r.lead_status', nullable: true, values: LEAD_STATUSES },
  { key: 'source', kind: 'text', expr: 'r.source', caseInsensitive: true, nullable: true },
  ...COMMON_FIELDS,
];

export const contactDefinition: ObjectDefinition<ContactDto, CreateContactInput, PatchContactInput> = {
  name: 'contacts',
  singular: 'contact',
  label: 'Contact',
  table: 'contacts',
  select: `r.id, r.first_name, r.last_name, r.email, r.emails, r.phone, r.phones, r.title, r.company_id, co.name AS company_name,
    r.owner_id, r.lifecycle_stage, r.lead_status, r.source, r.tags, r.address, r.social, r.external_id, r.custom,
    r.created_at, r.updated_at, r.last_activity_at`,
  joins: 'LEFT JOIN crm.companies co ON co.id = r.company_id',
  fields,
  extraKeys: ['companyName', 'otherEmails', 'otherPhones', 'address', 'social', 'custom'],
  createSchema: createContactSchema,
  patchSchema: patchContactSchema,
  toDto: (r) => ({
    id: r.id as string,
    firstName: r.first_name as string,
    lastName: r.last_name as string,
    email: (r.email as string | null) ?? null,
    otherEmails: (r.emails as string[]) ?? [],
    phone: (r.phone as string | null) ?? null,
    otherPhones: (r.phones as string[]) ?? [],
    title: (r.title as string | null) ?? null,
    companyId: (r.company_id as string | null) ?? null,
    companyName: (r.company_name as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    lifecycleStage: (r.lifecycle_stage as string | null) ?? null,
    leadStatus: (r.lead_status as string | null) ?? null,
    source: (r.source as string | null) ?? null,
    tags: (r.tags as string[]) ?? [],
    address: (r.address as ContactDto['address']) ?? null,
    social: (r.social as ContactDto['social']) ?? null,
    externalId: (r.external_id as string | null) ?? null,
    custom: (r.custom as Record<string, unknown>) ?? {},
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    lastActivityAt: iso(r.last_activity_at),
  }),
};
