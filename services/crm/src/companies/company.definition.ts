import { COMMON_FIELDS, isoOrNull as iso, type ObjectDefinition, type StandardField } from '../records/object-definition.js';
import { createCompanySchema, patchCompanySchema, type CreateCompanyInput, type PatchCompanyInput } from './dto/company.schemas.js';

export interface CompanyDto {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenue: string | null;
  address: Record<string, string | null> | null;
  ownerId: string | null;
  tags: string[];
  externalId: string | null;
  custom: Record<string, unknown>;
  contactCount: number;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string | null;
}

const fields: StandardField[] = [
  { key: 'name', kind: 'text', expr: 'r.name', ciExpr: 'r.name_key', sortExpr: 'r.name_key', caseInsensitive: true, nullable: false },
  { key: 'domain', kind: 'text', expr: 'r.domain', ciExpr: 'r.domain', sortExpr: 'r.domain', caseInsensitive: true, nullable: true },
  { key: 'industry', kind: 'text', expr: 'r.industry', caseInsensitive: true, nullable: true },
  { key: 'employees', kind: 'number', expr: 'r.employees', sortExpr: 'r.employees', nullable: true },
  { key: 'annualRevenue', kind: 'number', expr: 'r.annual_revenue', sortExpr: 'r.annual_revenue', nullable: true },
  ...COMMON_FIELDS,
];

export const companyDefinition: ObjectDefinition<CompanyDto, CreateCompanyInput, PatchCompanyInput> = {
  name: 'companies',
  singular: 'company',
  label: 'Company',
  table: 'companies',
  select: `r.id, r.name, r.domain, r.industry, r.employees, r.annual_revenue::text AS annual_revenue, r.address, r.owner_id, r.tags,
    r.external_id, r.custom, r.created_at, r.updated_at, r.last_activity_at,
    (SELECT count(*)::int FROM crm.contacts c WHERE c.workspace_id = r.workspace_id AND c.company_id = r.id) AS contact_count`,
  joins: '',
  fields,
  extraKeys: ['address', 'custom', 'contactCount'],
  createSchema: createCompanySchema,
  patchSchema: patchCompanySchema,
  toDto: (r) => ({
    id: r.id as string,
    name: r.name as string,
    domain: (r.domain as string | null) ?? null,
    industry: (r.industry as string | null) ?? null,
    employees: (r.employees as number | null) ?? null,
    annualRevenue: (r.annual_revenue as string | null) ?? null,
    address: (r.address as CompanyDto['address']) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    tags: (r.tags as string[]) ?? [],
    externalId: (r.external_id as string | null) ?? null,
    custom: (r.custom as Record<string, unknown>) ?? {},
    contactCount: (r.contact_count as number) ?? 0,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    lastActivityAt: iso(r.last_activity_at),
  }),
};
