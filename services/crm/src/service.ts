import type { ServiceDefinition } from '@meridian/platform';
import { CrmAppModule } from './app.module.js';
import { crmConfigSchema } from './config.js';
import { crmMigrations } from './migrations/index.js';

/** The crm service: contacts (and, later, companies, deals, pipelines, activities). */
export const crmService: ServiceDefinition<typeof crmConfigSchema> = {
  name: 'crm',
  title: 'CRM',
  configSchema: crmConfigSchema,
  migrations: crmMigrations,
  module: (config, logger) => CrmAppModule.forRoot(config, logger),
  grpc: { packages: ['crm.v1'], protoFiles: ['crm/v1/contact_service.proto', 'crm/v1/export_service.proto'] },
  events: { publishes: ['crm.contact.created.v1'], consumes: [] },
};
