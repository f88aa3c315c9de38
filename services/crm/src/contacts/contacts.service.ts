import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainEvents, NotFoundError, TenantDatabase, type Principal } from '@meridian/platform';
import type { ContactCreated } from '@meridian/proto/crm/v1/crm_events';
import { ContactEntity } from './contact.entity.js';
import { contactCursor } from './contact-cursor.js';
import { contactMapper, type ContactDto } from './contact.mapper.js';
import type { CreateContactInput, ListContactsQuery } from './dto/contact.schemas.js';

export const CONTACT_CREATED = 'crm.contact.created.v1';

export interface ContactPage {
  data: ContactDto[];
  nextCursor: string | null;
}

/** Contacts: create, read, list. Every query runs in the caller's workspace (RLS + filter). */
@Injectable()
export class ContactsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
  ) {}

  async create(principal: Principal, input: CreateContactInput): Promise<ContactDto> {
    const now = new Date();
    const contact: ContactEntity = {
      id: randomUUID(),
      workspaceId: principal.workspaceId,
      ...input,
      createdBy: principal.userId,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.inWorkspace(principal.workspaceId, async (m) => {
      await m.insert(ContactEntity, contact);
      await this.events.record<ContactCreated>(m, {
        type: CONTACT_CREATED,
        workspaceId: contact.workspaceId,
        subject: contact.id,
        data: { contact: contactMapper.toMessage(contact) },
      });
    });
    return contactMapper.toDto(contact);
  }

  async get(workspaceId: string, id: string): Promise<ContactEntity> {
    const contact = await this.db.inWorkspace(workspaceId, (m) => m.findOneBy(ContactEntity, { id, workspaceId }));
    if (!contact) throw new NotFoundError('Contact');
    return contact;
  }

  async list(workspaceId: string, query: ListContactsQuery): Promise<ContactPage> {
    const after = query.cursor ? contactCursor.decode(query.cursor) : undefined;
    const rows = await this.db.inWorkspace(workspaceId, (m) => {
      const qb = m
        .createQueryBuilder(ContactEntity, 'c')
        .where('c.workspace_id = :workspaceId', { workspaceId })
        .orderBy('c.created_at', 'DESC')
        .addOrderBy('c.id', 'DESC')
        .limit(query.limit + 1);
      if (after) qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: after.createdAt, id: after.id });
      return qb.getMany();
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(contactMapper.toDto),
      nextCursor: rows.length > query.limit && last ? contactCursor.encode(last) : null,
    };
  }
}
