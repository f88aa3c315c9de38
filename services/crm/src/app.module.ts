import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, tableExport, type Logger } from '@meridian/platform';
import type { CrmConfig } from './config.js';
import { CompaniesModule } from './companies/companies.module.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { dealContactsExport } from './deals/deal-contacts.export.js';
import { DealsModule } from './deals/deals.module.js';
import { FieldsModule } from './fields/fields.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { ActivitiesModule } from './activities/activities.module.js';
import { crmMigrations } from './migrations/index.js';
import { RecordsGrpcModule } from './records-grpc/records-grpc.module.js';
import { DuplicatesModule } from './duplicates/duplicates.module.js';
import { ViewsModule } from './views/views.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { SearchModule } from './search/search.module.js';
import { PipelinesModule } from './pipelines/pipelines.module.js';
import { WorkspaceCreatedConsumer } from './workspaces/workspace-created.consumer.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';

const CRM_EXPORT_TABLES = [
  'contacts',
  'companies',
  'deals',
  'pipelines',
  'pipeline_stages',
  'activities',
  'tasks',
  'field_definitions',
  'views',
] as const;

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
          entities: [],
          migrations: crmMigrations,
          // The workspace export archive: every crm table of the workspace, as stored.
          exports: [...CRM_EXPORT_TABLES.map((table) => tableExport(table, 'crm', table)), dealContactsExport],
          subscribers: [WorkspaceCreatedConsumer],
        }),
        // Before ContactsModule: /contacts/duplicates must not be taken for /contacts/:id.
        DuplicatesModule,
        PrivacyModule,
        SearchModule,
        FieldsModule,
        ContactsModule,
        ViewsModule,
        TasksModule,
        CompaniesModule,
        DealsModule,
        RecordsGrpcModule,
        PipelinesModule,
        ActivitiesModule,
        WorkspacesModule,
        ImportsModule.forRoot(config),
        ExportsModule,
      ],
    };
  }
}
