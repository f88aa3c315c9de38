import { Module } from '@nestjs/common';
import { PipelinesModule } from '../pipelines/pipelines.module.js';
import { WorkspaceCreatedConsumer } from './workspace-created.consumer.js';

/** Reactions to the users service's workspace lifecycle events. */
@Module({
  imports: [PipelinesModule],
  providers: [WorkspaceCreatedConsumer],
})
export class WorkspacesModule {}
