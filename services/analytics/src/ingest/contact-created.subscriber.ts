import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, EventSubscriber } from '@meridian/platform';
import type { ContactCreated } from '@meridian/proto/crm/v1/crm_events';
import { WAREHOUSE, type Warehouse } from '../warehouse/warehouse.js';

/** Loads crm.contact.created.v1 into the warehouse. */
@Injectable()
export class ContactCreatedSubscriber implements EventSubscriber {
  readonly types = ['crm.contact.created.v1'];

  constructor(@Inject(WAREHOUSE) private readonly warehouse: Warehouse) {}

  async handle(event: EventEnvelope): Promise<void> {
    const { contact } = event.data as ContactCreated;
    if (!contact) throw new Error(`Event ${event.id} has no contact`);
    await this.warehouse.recordContactCreated({
      eventId: event.id,
      workspaceId: event.workspaceId,
      contactId: contact.id,
      createdAt: new Date(contact.createdAt || event.time),
    });
  }
}
