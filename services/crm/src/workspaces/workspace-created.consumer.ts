import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LOGGER, type EventEnvelope, type EventSubscriber, type Logger } from '@meridian/platform';
import { PipelinesService } from '../pipelines/pipelines.service.js';

/**
 * users.workspace.created.v1 → the new workspace gets its default "Sales" pipeline before
 * anyone opens the deals board. Runs in the event's workspace transaction, once per event
 * id; ensureDefault is idempotent too, so a lazy creation that won the race is harmless.
 */
@Injectable()
export class WorkspaceCreatedConsumer implements EventSubscriber {
  readonly types = ['users.workspace.created.v1'];

  constructor(
    private readonly pipelines: PipelinesService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const pipelineId = await this.pipelines.ensureDefaultIn(manager, event.workspaceId);
    this.logger.info({ context: WorkspaceCreatedConsumer.name, eventId: event.id, pipelineId }, 'Default pipeline ready for new workspace');
  }
}
