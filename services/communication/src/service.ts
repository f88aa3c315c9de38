import type { ServiceDefinition } from '@meridian/platform';
import { CommunicationAppModule } from './app.module.js';
import { communicationConfigSchema } from './config.js';
import { communicationMigrations } from './migrations/index.js';

/** The communication service: email (SMTP or the dev outbox) for other services, the messages view, channels, workspace export. */
export const communicationService: ServiceDefinition<typeof communicationConfigSchema> = {
  name: 'communication',
  title: 'Communication',
  configSchema: communicationConfigSchema,
  migrations: communicationMigrations,
  module: (config, logger) => CommunicationAppModule.forRoot(config, logger),
  grpc: {
    packages: ['communication.v1'],
    protoFiles: ['communication/v1/channel_service.proto', 'communication/v1/email_service.proto', 'communication/v1/export_service.proto'],
  },
  events: { publishes: [], consumes: [] },
};
