import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainEvents, NotFoundError, TenantDatabase, type Principal, keysetCursor } from '@meridian/platform';
import type { ContactCreated } from '@meridian/proto/crm/v1/crm_events';
import { ContactEntity } from './contact.entity.js';
import { contactMapper, type ContactDto } from './contact.mapper.js';
import type { CreateContactInput, ListContactsQuery } from './dto/contact.schemas.js';

export const CONTACT_CREATED = 'crm.contact.created.v1';

export interface ContactPage {
  data: ContactDto[];
  nextCursor: string | null;
}

/** The user whose records alone a viewer may see, or undefined when they see the workspace's. */
const ownOnly = (viewer?: Principal): string | undefined => (viewer?.recordVisibility === 'team' ? viewer.userId : undefined);

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

  /**
   * One contact. `viewer` applies the caller's record visibility ('team' = own records
   * until teams exist); service-to-service reads pass none and see the workspace.
   */
  async get(workspaceId: string, id: string, viewer?: Principal): Promise<ContactEntity> {
    const own = ownOnly(viewer);
    const contact = await this.db.inWorkspace(workspaceId, (m) =>
      m.findOneBy(ContactEntity, { id, workspaceId, ...(own ? { createdBy: own } : {}) }),
    );
    if (!contact) throw new NotFoundError('Contact');
    return contact;
  }

  async list(workspaceId: string, query: ListContactsQuery, viewer?: Principal): Promise<ContactPage> {
    const own = ownOnly(viewer);
    const after = query.cursor ? keysetCursor.decode(query.cursor) : undefined;
    const rows = await this.db.inWorkspace(workspaceId, (m) => {
      const qb = m
        .createQueryBuilder(ContactEntity, 'c')
        .where('c.workspace_id = :workspaceId', { workspaceId })
        .orderBy('c.created_at', 'DESC')
        .addOrderBy('c.id', 'DESC')
        .limit(query.limit + 1);
      if (after) qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: after.at, id: after.id });
      if (own) qb.andWhere('c.created_by = :own', { own });
      return qb.getMany();
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(contactMapper.toDto),
      nextCursor: rows.length > query.limit && last ? keysetCursor.encode({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }
}
