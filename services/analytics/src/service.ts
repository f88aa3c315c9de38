import type { ServiceDefinition } from '@meridian/platform';
import { AnalyticsAppModule } from './app.module.js';
import { analyticsConfigSchema } from './config.js';
import { analyticsMigrations } from './migrations/index.js';

/** The analytics service: event warehouse and reports. */
export const analyticsService: ServiceDefinition<typeof analyticsConfigSchema> = {
  name: 'analytics',
  title: 'Analytics',
  configSchema: analyticsConfigSchema,
  migrations: analyticsMigrations,
  module: (config, logger) => AnalyticsAppModule.forRoot(config, logger),
  grpc: { packages: ['analytics.v1'], protoFiles: ['analytics/v1/report_service.proto', 'analytics/v1/export_service.proto'] },
  events: { publishes: [], consumes: ['crm.contact.created.v1', 'crm.contact.erased.v1'] },
};
