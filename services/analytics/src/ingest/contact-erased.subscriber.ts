import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, EventSubscriber } from '@meridian/platform';
import type { ContactErased } from '@meridian/proto/crm/v1/crm_events';
import { WAREHOUSE, type Warehouse } from '../warehouse/warehouse.js';

/** GDPR: on crm.contact.erased.v1, removes every warehouse row about the person. */
@Injectable()
export class ContactErasedSubscriber implements EventSubscriber {
  readonly types = ['crm.contact.erased.v1'];

  constructor(@Inject(WAREHOUSE) private readonly warehouse: Warehouse) {}

  async handle(event: EventEnvelope): Promise<void> {
    const { contactId } = event.data as ContactErased;
    if (!contactId) throw new Error(`Event ${event.id} has no contactId`);
    await this.warehouse.eraseContact(event.workspaceId, contactId);
  }
}
