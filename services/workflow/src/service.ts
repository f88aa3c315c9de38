import type { ServiceDefinition } from '@meridian/platform';
import { WorkflowAppModule } from './app.module.js';
import { workflowConfigSchema } from './config.js';
import { workflowMigrations } from './migrations/index.js';

/** The workflow service: triggers (and, later, durable LangGraph runs and approvals). */
export const workflowService: ServiceDefinition<typeof workflowConfigSchema> = {
  name: 'workflow',
  title: 'Workflow',
  configSchema: workflowConfigSchema,
  migrations: workflowMigrations,
  module: (config, logger) => WorkflowAppModule.forRoot(config, logger),
  grpc: { packages: ['workflow.v1'], protoFiles: ['workflow/v1/trigger_service.proto', 'workflow/v1/export_service.proto'] },
  events: { publishes: [], consumes: ['crm.contact.created.v1', 'crm.contact.erased.v1'] },
};
