import type { ServiceDefinition } from '@meridian/platform';
import { CrmAppModule } from './app.module.js';
import { crmConfigSchema } from './config.js';
import { crmMigrations } from './migrations/index.js';

/** The crm service: contacts, companies, deals, pipelines, the timeline, tasks, import/export. */
export const crmService: ServiceDefinition<typeof crmConfigSchema> = {
  name: 'crm',
  title: 'CRM',
  configSchema: crmConfigSchema,
  migrations: crmMigrations,
  module: (config, logger) => CrmAppModule.forRoot(config, logger),
  grpc: {
    packages: ['crm.v1'],
    protoFiles: ['crm/v1/contact_service.proto', 'crm/v1/record_service.proto', 'crm/v1/export_service.proto'],
  },
  events: {
    publishes: [
      'crm.contact.created.v1',
      'crm.contact.updated.v1',
      'crm.contact.deleted.v1',
      'crm.contact.erased.v1',
      'crm.company.created.v1',
      'crm.company.updated.v1',
      'crm.company.deleted.v1',
      'crm.deal.created.v1',
      'crm.deal.updated.v1',
      'crm.deal.deleted.v1',
      'crm.deal.stage_changed.v1',
      'crm.activity.logged.v1',
      'crm.task.completed.v1',
    ],
    consumes: ['users.workspace.created.v1'],
  },
};
