import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, tableExport, type Logger } from '@meridian/platform';
import type { CrmConfig } from './config.js';
import { ContactEntity } from './contacts/contact.entity.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { crmMigrations } from './migrations/index.js';
import { SearchModule } from './search/search.module.js';
import { ActivitiesModule } from './activities/activities.module.js';
import { PipelinesModule } from './pipelines/pipelines.module.js';
import { WorkspaceCreatedConsumer } from './workspaces/workspace-created.consumer.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';

@Module({})
export class CrmAppModule {
  static forRoot(config: CrmConfig, logger: Logger): DynamicModule {
    return {
      module: CrmAppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'crm',
          config,
          logger,
          entities: [ContactEntity],
          migrations: crmMigrations,
          exports: [tableExport('contacts', 'crm', 'contacts')],
          subscribers: [WorkspaceCreatedConsumer],
        }),
        // Before ContactsModule: /contacts/duplicates must not be taken for /contacts/:id.
        SearchModule,
        ContactsModule,
        ActivitiesModule,
        PipelinesModule,
        WorkspacesModule,
      ],
    };
  }
}
