import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, DomainEvents, TenantDatabase, type Principal } from '@meridian/platform';
import type { Company as CompanyMessage } from '@meridian/proto/crm/v1/record_service';
import { FieldsService } from '../fields/fields.service.js';
import { RecordsService } from '../records/records.service.js';
import type { ColumnValues } from '../records/record-sql.js';
import { companyDefinition, type CompanyDto } from './company.definition.js';
import type { CreateCompanyInput, PatchCompanyInput } from './dto/company.schemas.js';

const COLUMNS: Partial<Record<keyof PatchCompanyInput, string>> = {
  name: 'name',
  domain: 'domain',
  industry: 'industry',
  employees: 'employees',
  annualRevenue: 'annual_revenue',
  address: 'address',
  ownerId: 'owner_id',
  tags: 'tags',
  externalId: 'external_id',
};

export function companyColumns(input: PatchCompanyInput): ColumnValues {
  const values: ColumnValues = {};
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = input[key as keyof PatchCompanyInput];
    if (value !== undefined) values[column] = value;
  }
  return values;
}

export function companyToMessage(c: CompanyDto, workspaceId: string): CompanyMessage {
  return {
    id: c.id,
    workspaceId,
    name: c.name,
    tags: c.tags,
    customJson: JSON.stringify(c.custom),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(c.domain ? { domain: c.domain } : {}),
    ...(c.industry ? { industry: c.industry } : {}),
    ...(c.employees !== null ? { employees: c.employees } : {}),
    ...(c.annualRevenue !== null ? { annualRevenue: c.annualRevenue } : {}),
    ...(c.ownerId ? { ownerId: c.ownerId } : {}),
  };
}

/** Postgres unique violation on the per-workspace domain index → a 409 naming `domain`. */
async function domainUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const cause = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (cause?.code === '23505' && cause.constraint === 'companies_domain_uq') {
      throw new ConflictError('Another company in this workspace has that domain.', [
        { field: 'domain', message: 'Another company in this workspace has that domain.' },
      ]);
    }
    throw error;
  }
}

@Injectable()
export class CompaniesService extends RecordsService<CompanyDto, CreateCompanyInput, PatchCompanyInput> {
  readonly def = companyDefinition;

  constructor(db: TenantDatabase, events: DomainEvents, fields: FieldsService) {
    super(db, events, fields);
  }

  override create(principal: Principal, input: CreateCompanyInput): Promise<CompanyDto> {
    return domainUnique(() => super.create(principal, input));
  }

  override update(principal: Principal, id: string, patch: PatchCompanyInput): Promise<CompanyDto> {
    return domainUnique(() => super.update(principal, id, patch));
  }

  protected async columnsForCreate(_m: EntityManager, _p: Principal, input: CreateCompanyInput): Promise<ColumnValues> {
    const columns = companyColumns(input);
    if (input.ownerId === null) delete columns.owner_id;
    return columns;
  }

  protected async columnsForPatch(_m: EntityManager, _p: Principal, _before: CompanyDto, patch: PatchCompanyInput): Promise<ColumnValues> {
    return companyColumns(patch);
  }

  protected toMessage(dto: CompanyDto, workspaceId: string): CompanyMessage {
    return companyToMessage(dto, workspaceId);
  }
}
