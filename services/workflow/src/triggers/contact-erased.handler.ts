import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LOGGER, type EventEnvelope, type EventSubscriber, type Logger } from '@meridian/platform';
import type { ContactErased } from '@meridian/proto/crm/v1/crm_events';

/**
 * GDPR: on crm.contact.erased.v1, deletes what workflow holds on the person — the
 * triggers observed for them (which carry their name and email). Runs in the event's
 * workspace transaction, so RLS confines the delete to that workspace.
 */
@Injectable()
export class ContactErasedHandler implements EventSubscriber {
  readonly types = ['crm.contact.erased.v1'];

  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const { contactId } = event.data as ContactErased;
    if (!contactId) throw new Error(`Event ${event.id} has no contactId`);
    const deleted: unknown[] = await manager.query(
      `DELETE FROM workflow.triggers WHERE workspace_id = $1 AND subject_id = $2 RETURNING event_id`,
      [event.workspaceId, contactId],
    );
    this.logger.info(
      { context: ContactErasedHandler.name, eventId: event.id, contactId, deleted: deleted.length },
      'Erased contact’s workflow state',
    );
  }
}
