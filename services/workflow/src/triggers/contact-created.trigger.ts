import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LOGGER, type EventEnvelope, type EventSubscriber, type Logger } from '@meridian/platform';
import { CRM_CONTACTS, type CrmContactsClient } from '../clients/crm-contacts.client.js';
import { TriggerEntity } from './trigger.entity.js';

/**
 * Observes crm.contact.created.v1 as a workflow trigger: reads the contact back from crm
 * over gRPC (the event may be older than the record) and records what it saw.
 */
@Injectable()
export class ContactCreatedTrigger implements EventSubscriber {
  readonly types = ['crm.contact.created.v1'];

  constructor(
    @Inject(CRM_CONTACTS) private readonly contacts: CrmContactsClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const contact = await this.contacts.getContact(event.workspaceId, event.subject);
    if (!contact) throw new Error(`crm returned no contact for ${event.subject}`);
    const label = `${contact.firstName} ${contact.lastName} <${contact.email}>`;
    this.logger.info(
      { context: ContactCreatedTrigger.name, eventId: event.id, contactId: contact.id, contact: label },
      'Contact-created trigger observed',
    );
    await manager.insert(TriggerEntity, {
      eventId: event.id,
      workspaceId: event.workspaceId,
      eventType: event.type,
      subjectId: contact.id,
      subjectLabel: label,
      observedAt: new Date(),
    });
  }
}
