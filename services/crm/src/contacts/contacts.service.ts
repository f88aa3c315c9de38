import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents, TenantDatabase, ValidationError, type Principal } from '@meridian/platform';
import type { Contact as ContactMessage } from '@meridian/proto/crm/v1/contact_service';
import { FieldsService } from '../fields/fields.service.js';
import { RecordsService } from '../records/records.service.js';
import type { ColumnValues } from '../records/record-sql.js';
import { assertRecordExists } from '../shared/references.js';
import { contactDefinition, type ContactDto } from './contact.definition.js';
import type { CreateContactInput, PatchContactInput } from './dto/contact.schemas.js';

export const CONTACT_CREATED = 'crm.contact.created.v1';

/** Standard contact input keys → columns. */
const COLUMNS: Partial<Record<keyof PatchContactInput, string>> = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  otherEmails: 'emails',
  phone: 'phone',
  otherPhones: 'phones',
  title: 'title',
  companyId: 'company_id',
  ownerId: 'owner_id',
  lifecycleStage: 'lifecycle_stage',
  leadStatus: 'lead_status',
  source: 'source',
  tags: 'tags',
  address: 'address',
  social: 'social',
  externalId: 'external_id',
};

export function contactColumns(input: PatchContactInput): ColumnValues {
  const values: ColumnValues = {};
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = input[key as keyof PatchContactInput];
    if (value !== undefined) values[column] = value;
  }
  return values;
}

export function contactToMessage(c: ContactDto, workspaceId: string): ContactMessage {
  return {
    id: c.id,
    workspaceId,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email ?? '',
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    tags: c.tags,
    customJson: JSON.stringify(c.custom),
    otherEmails: c.otherEmails,
    ...(c.phone ? { phone: c.phone } : {}),
    ...(c.companyName ? { companyName: c.companyName } : {}),
    ...(c.title ? { title: c.title } : {}),
    ...(c.companyId ? { companyId: c.companyId } : {}),
    ...(c.ownerId ? { ownerId: c.ownerId } : {}),
    ...(c.lifecycleStage ? { lifecycleStage: c.lifecycleStage } : {}),
    ...(c.leadStatus ? { leadStatus: c.leadStatus } : {}),
    ...(c.source ? { source: c.source } : {}),
    ...(c.externalId ? { externalId: c.externalId } : {}),
    ...(c.lastActivityAt ? { lastActivityAt: c.lastActivityAt } : {}),
  };
}

/** Contacts (people): the generic record engine plus the contact's own rules. */
@Injectable()
export class ContactsService extends RecordsService<ContactDto, CreateContactInput, PatchContactInput> {
  readonly def = contactDefinition;

  constructor(db: TenantDatabase, events: DomainEvents, fields: FieldsService) {
    super(db, events, fields);
  }

  protected async columnsForCreate(m: EntityManager, principal: Principal, input: CreateContactInput): Promise<ColumnValues> {
    if (input.companyId) await assertRecordExists(m, principal, 'companies', input.companyId, 'companyId');
    const columns = contactColumns(input);
    if (input.ownerId === null) delete columns.owner_id;
    return columns;
  }

  protected async columnsForPatch(
    m: EntityManager,
    principal: Principal,
    before: ContactDto,
    patch: PatchContactInput,
  ): Promise<ColumnValues> {
    if (patch.companyId) await assertRecordExists(m, principal, 'companies', patch.companyId, 'companyId');
    const after = { ...before, ...patch };
    if (!after.firstName && !after.lastName && !after.email) {
      throw new ValidationError([{ field: 'firstName', message: 'A contact keeps a name or an email address.' }]);
    }
    return contactColumns(patch);
  }

  protected toMessage(dto: ContactDto, workspaceId: string): ContactMessage {
    return contactToMessage(dto, workspaceId);
  }
}
